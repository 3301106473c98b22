import { describe, expect, it } from 'vitest';
import { secureWebhookAddress, webhookAllowed } from '../../src/delivery/channel.js';

const HOSTS = ['oapi.dingtalk.com', '127.0.0.1'];

describe('a robot webhook is sent to only over HTTPS, on the allowed host, its default port, with no credentials', () => {
  it.each([
    ['https://oapi.dingtalk.com/robot/send?access_token=a', true],
    ['https://oapi.dingtalk.com:443/robot/send?access_token=a', true],
    ['http://127.0.0.1:8123/robot', true],
    ['http://oapi.dingtalk.com/robot/send', false],
    ['https://oapi.dingtalk.com:22/robot/send', false],
    ['https://user:pw@oapi.dingtalk.com/robot/send', false],
    ['http://localhost@oapi.dingtalk.com/robot/send', false],
    ['https://oapi.dingtalk.com.evil.example/robot/send', false],
    ['not a url', false],
  ])('%s → %s', (address, ok) => {
    expect(webhookAllowed(address, HOSTS)).toBe(ok);
  });
  it('the address rule alone, for storing', () => {
    expect(secureWebhookAddress('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k')).toBe(true);
    expect(secureWebhookAddress('https://a:b@qyapi.weixin.qq.com/x')).toBe(false);
  });
});

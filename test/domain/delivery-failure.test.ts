import { describe, expect, it } from 'vitest';
import { knownUndeliverable, ROBOT_HOST_REFUSED, type ChannelSupport } from '../../src/domain/delivery-failure.js';

const support = (providers: string[], hosts: string[] = ['oapi.dingtalk.com']): ChannelSupport => ({
  configured: (p) => providers.includes(p),
  refusesAddress: (_p, address) => !hosts.includes(new URL(address).hostname),
});

describe('a channel that cannot deliver, known when it is configured', () => {
  it('an SMS number on a server without an SMS provider', () => {
    expect(knownUndeliverable({ channel: 'sms', provider: 'aliyun', address: '+8613800000000' }, support(['webpush', 'dingtalk']))).toBe('短信服务未配置，无法发送短信');
    expect(knownUndeliverable({ channel: 'sms', provider: 'aliyun', address: '+8613800000000' }, support(['aliyun']))).toBeNull();
  });

  it('a robot whose webhook host is not allowed', () => {
    expect(knownUndeliverable({ channel: 'robot', provider: 'dingtalk', address: 'https://robot.example.com/send' }, support(['dingtalk']))).toBe(ROBOT_HOST_REFUSED);
    expect(knownUndeliverable({ channel: 'robot', provider: 'dingtalk', address: 'https://oapi.dingtalk.com/robot/send?access_token=x' }, support(['dingtalk']))).toBeNull();
  });
});

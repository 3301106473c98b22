/** Which adapters the environment turns on, and that a bad setting disables one provider without leaking values. */
import { describe, expect, it } from 'vitest';
import { AliyunSmsAdapter } from '../../src/delivery/aliyun-sms.js';
import { DingTalkRobotAdapter } from '../../src/delivery/dingtalk-robot.js';
import { createChannelAdapters } from '../../src/delivery/providers.js';
import { TencentSmsAdapter } from '../../src/delivery/tencent-sms.js';
import { WeComRobotAdapter } from '../../src/delivery/wecom-robot.js';
import { contact, sampleMessage } from './receiver.js';

const ALIYUN = {
  ALIYUN_SMS_ACCESS_KEY_ID: 'LTAI5tId',
  ALIYUN_SMS_ACCESS_KEY_SECRET: 'aliyun-secret-value',
  ALIYUN_SMS_SIGN_NAME: '联防平台',
  ALIYUN_SMS_TEMPLATE_CODE: 'SMS_1',
};
const TENCENT = {
  TENCENT_SMS_SECRET_ID: 'AKIDid',
  TENCENT_SMS_SECRET_KEY: 'tencent-secret-value',
  TENCENT_SMS_SDK_APP_ID: '1400000000',
  TENCENT_SMS_SIGN_NAME: '联防平台',
  TENCENT_SMS_TEMPLATE_ID: '100',
};

function build(env: Record<string, string | undefined>) {
  const warnings: string[] = [];
  const adapters = createChannelAdapters(env, (m) => warnings.push(m));
  return { adapters, warnings };
}

describe('createChannelAdapters', () => {
  it('always has the two robots, no SMS without settings, and never webpush', () => {
    const { adapters, warnings } = build({});
    expect(adapters.dingtalk).toBeInstanceOf(DingTalkRobotAdapter);
    expect(adapters.wecom).toBeInstanceOf(WeComRobotAdapter);
    expect(adapters.aliyun).toBeUndefined();
    expect(adapters.tencent).toBeUndefined();
    expect(adapters).not.toHaveProperty('webpush');
    expect(warnings).toEqual([]);
  });

  it('one configured SMS provider serves phone contact points recorded under either', () => {
    const { adapters } = build(TENCENT);
    expect(adapters.tencent).toBeInstanceOf(TencentSmsAdapter);
    expect(adapters.aliyun).toBe(adapters.tencent);
    const aliyunOnly = build(ALIYUN).adapters;
    expect(aliyunOnly.aliyun).toBeInstanceOf(AliyunSmsAdapter);
    expect(aliyunOnly.tencent).toBe(aliyunOnly.aliyun);
  });

  it('with both configured each serves its own, unless SMS_PROVIDER picks one for all', () => {
    const both = build({ ...ALIYUN, ...TENCENT }).adapters;
    expect(both.aliyun).toBeInstanceOf(AliyunSmsAdapter);
    expect(both.tencent).toBeInstanceOf(TencentSmsAdapter);
    const picked = build({ ...ALIYUN, ...TENCENT, SMS_PROVIDER: 'tencent' }).adapters;
    expect(picked.aliyun).toBeInstanceOf(TencentSmsAdapter);
    expect(picked.tencent).toBeInstanceOf(TencentSmsAdapter);
  });

  it('an incomplete or invalid provider is left out with a warning that names variables, not values', () => {
    const { adapters, warnings } = build({
      ...ALIYUN,
      ALIYUN_SMS_TEMPLATE_CODE: ' ',
      ...TENCENT,
      TENCENT_SMS_ENDPOINT: 'https://127.0.0.1:8443',
      SMS_PROVIDER: 'aliyun',
    });
    expect(adapters.aliyun).toBeUndefined();
    expect(adapters.tencent).toBeUndefined();
    expect(warnings.join('\n')).toContain('ALIYUN_SMS_TEMPLATE_CODE');
    expect(warnings.join('\n')).toMatch(/Tencent SMS disabled: .*sms\./);
    expect(warnings.join('\n')).toContain('SMS_PROVIDER=aliyun');
    expect(warnings.join('\n')).not.toMatch(/secret-value/);
  });

  it('robots accept webhook hosts from the environment for private deployments', async () => {
    const { adapters } = build({ WECOM_WEBHOOK_HOSTS: 'wecom.internal.example, qyapi.weixin.qq.com' });
    // Not allowed: refused before any request is made.
    const refused = await adapters.wecom!.send(sampleMessage(), contact('wecom', 'https://evil.example/cgi-bin/webhook/send?key=k'));
    expect(refused).toMatchObject({ ok: false, temporary: false });
    expect(!refused.ok && refused.reason).toContain('evil.example');
  });
});

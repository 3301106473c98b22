/**
 * A channel says where it is configured when it cannot deliver on this server: an SMS number
 * without an SMS provider, a robot on a host that is not allowed; and a channel whose delivery
 * failed shows its last failure (time and reason in words) where it is listed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkRobotAdapter } from '../../src/delivery/dingtalk-robot.js';
import { ROBOT_HOST_REFUSED } from '../../src/domain/delivery-failure.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let admin: string;
let union: string;
const wecom = new RecordingAdapter('wecom');

beforeAll(async () => {
  // No SMS provider; DingTalk as configured by default (oapi.dingtalk.com only); WeCom recorded.
  server = await startTestServer({ adapters: { dingtalk: new DingTalkRobotAdapter(), wecom }, manualEngine: true });
  admin = await server.login('admin');
  union = await unitIdByName(server, admin, 'xinyang', '总工会');
});
afterAll(async () => server?.close());

describe('a channel that cannot deliver', () => {
  it('an SMS number is kept, and the answer and the list say no SMS provider is configured', async () => {
    const liaison = await server.login(`liaison.${union}`);
    const added = await server.request('POST', '/api/v1/me/phones', { token: liaison, body: { phone: '13800000009' } });
    expect(added.status).toBe(201);
    expect(added.body.contactPoint.cannotDeliver).toBe('短信服务未配置，无法发送短信');
    const listed = await server.request('GET', '/api/v1/me/contact-points', { token: liaison });
    expect(listed.body.contactPoints.find((p: any) => p.channel === 'sms').cannotDeliver).toBe('短信服务未配置，无法发送短信');
  });

  it('a robot on a host that is not allowed is kept with the reason; one on an allowed host has none', async () => {
    const refused = await server.request('POST', `/api/v1/units/${union}/robots`, { token: admin, body: { provider: 'dingtalk', webhook: 'https://robot.example.com/send?access_token=abc' } });
    expect(refused.status).toBe(201);
    expect(refused.body.contactPoint.cannotDeliver).toBe(ROBOT_HOST_REFUSED);
    const allowed = await server.request('POST', `/api/v1/units/${union}/robots`, { token: admin, body: { provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc' } });
    expect(allowed.body.contactPoint.cannotDeliver).toBeNull();
  });

  it('a robot address with a user name, a password or another port is refused naming the field; nothing kept', async () => {
    const before = (await server.request('GET', `/api/v1/units/${union}/contact-points`, { token: admin })).body.contactPoints.length;
    for (const webhook of [
      'http://localhost@oapi.dingtalk.com/robot/send?access_token=abc',
      'https://user:pass@oapi.dingtalk.com/robot/send?access_token=abc',
      'https://oapi.dingtalk.com:22/robot/send?access_token=abc',
      'http://oapi.dingtalk.com/robot/send?access_token=abc',
    ]) {
      const res = await server.request('POST', `/api/v1/units/${union}/robots`, { token: admin, body: { provider: 'dingtalk', webhook } });
      expect(res.status, webhook).toBe(422);
      expect(res.body.errors.map((e: any) => e.field)).toEqual(['webhook']);
    }
    expect((await server.request('GET', `/api/v1/units/${union}/contact-points`, { token: admin })).body.contactPoints.length).toBe(before);
  });

  it('a robot whose delivery failed shows its last failure in words where it is listed', async () => {
    const added = await server.request('POST', `/api/v1/units/${union}/robots`, { token: admin, body: { provider: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1' } });
    expect(added.body.contactPoint).toMatchObject({ cannotDeliver: null, lastFailureAt: null });
    wecom.script = [{ ok: false, temporary: false, reason: '93000 invalid webhook url (qyapi.weixin.qq.com)' }];
    const filed = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '机器人发送失败' }) });
    expect(filed.status).toBe(201);
    await server.engine.tick();
    const listed = await server.request('GET', `/api/v1/units/${union}/contact-points`, { token: admin });
    const robot = listed.body.contactPoints.find((p: any) => p.id === added.body.contactPoint.id);
    expect(robot.lastFailureAt).not.toBeNull();
    expect(robot.lastFailureReason).toBe('对方服务拒绝了本次发送，请核对联系方式');
  });
});

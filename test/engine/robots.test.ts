/** A unit's group robot gets one message per notification, with a one-tap link for each on-duty liaison. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addLiaison } from '../support/users.js';

let server: TestServer;
let robot: RecordingAdapter;
let union: string;

beforeAll(async () => {
  robot = new RecordingAdapter('dingtalk');
  server = await startTestServer({ fixedClock: new Date('2026-11-23T02:00:00Z'), adapters: { dingtalk: robot }, manualEngine: true });
  const commander = await server.login('commander');
  union = await unitIdByName(server, commander, 'xinyang', '总工会');
  await addLiaison(server, 'liaison2.union', 'xinyang', union);
});
afterAll(async () => server?.close());

describe('group robots', () => {
  it('only the commission or an admin configures a unit’s robot; its liaison may not (403), another jurisdiction sees nothing (404)', async () => {
    const body = { provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC-robot-secret' };
    const liaison = await server.login(`liaison.${union}`);
    expect((await server.request('POST', `/api/v1/units/${union}/robots`, { token: liaison, body })).status).toBe(403);
    const anji = await server.login('commander.anji');
    expect((await server.request('POST', `/api/v1/units/${union}/robots`, { token: anji, body })).status).toBe(404);
    const bad = await server.request('POST', `/api/v1/units/${union}/robots`, { token: await server.login('commander'), body: { ...body, webhook: 'not a url' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('webhook');
    const ok = await server.request('POST', `/api/v1/units/${union}/robots`, { token: await server.login('commander'), body });
    expect(ok.status).toBe(201);
    expect(JSON.stringify(ok.body)).not.toContain('SEC-robot-secret');
  });

  it('a report reaches the unit’s group with a link for each on-duty liaison', async () => {
    await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '机器人通知' }) });
    await server.engine.tick();
    const message = robot.sent.find((s) => s.message.title.includes('机器人通知'))!;
    expect(message.contact.secret.secret).toBe('SEC-robot-secret');
    expect(message.message.links).toHaveLength(2);
    expect(message.message.markdown).toContain('依法参与职业病危害事故的调查处理');
    expect(message.message.markdown).toMatch(/\[.*联络员 一键签收\]\(http:\/\/(?:localhost|127\.0\.0\.1):\d+\/a\//);
  });
});

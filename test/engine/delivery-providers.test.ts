/**
 * An engine told which providers it sends (the Workers cron sends group robots only) claims only
 * those deliveries; the rest stay queued, unattempted, for an engine that has their adapters —
 * never failed as "channel not configured".
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPoints, deliveries } from '../../src/db/schema.js';
import { Engine } from '../../src/engine/engine.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let nodeRobot: RecordingAdapter;
let sms: RecordingAdapter;
let union: string;

beforeAll(async () => {
  nodeRobot = new RecordingAdapter('dingtalk');
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: new Date('2026-11-23T02:00:00Z'), adapters: { dingtalk: nodeRobot, aliyun: sms }, manualEngine: true });
  const commander = await server.login('commander');
  union = await unitIdByName(server, commander, 'xinyang', '总工会');
  const robot = { provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC-robot-secret' };
  expect((await server.request('POST', `/api/v1/units/${union}/robots`, { token: commander, body: robot })).status).toBe(201);
  const liaison = await server.login(`liaison.${union}`);
  expect((await server.request('POST', '/api/v1/me/phones', { token: liaison, body: { phone: '13800000011' } })).status).toBe(201);
});
afterAll(async () => server?.close());

async function deliveryStates() {
  const rows = await server.services.db
    .select({ provider: contactPoints.provider, state: deliveries.state, attempts: deliveries.attempts })
    .from(deliveries)
    .innerJoin(contactPoints, eq(contactPoints.id, deliveries.contactPointId))
    .where(eq(deliveries.unitId, union));
  return rows.map((r) => `${r.provider}:${r.state}:${r.attempts}`).sort();
}

describe('an engine limited to some providers', () => {
  it('sends only those and leaves the others queued and unattempted; a full engine then sends them', async () => {
    await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '分通道发送' }) });
    const edgeRobot = new RecordingAdapter('dingtalk');
    const edge = new Engine(server.services, { dingtalk: edgeRobot }, undefined, { deliveryProviders: ['dingtalk'] });
    expect((await edge.tick()).sent).toBe(1);
    expect(edgeRobot.sent.map((s) => s.message.title).join()).toContain('分通道发送');
    expect(await deliveryStates()).toEqual(['aliyun:queued:0', 'dingtalk:sent:1']);

    await server.engine.tick();
    expect(sms.to('+8613800000011')).toHaveLength(1);
    expect(nodeRobot.sent).toHaveLength(0);
    expect(await deliveryStates()).toEqual(['aliyun:sent:1', 'dingtalk:sent:1']);
  });

  it('an empty list (a Workers cron without PUBLIC_URL) sends nothing at all', async () => {
    await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '无公开地址' }) });
    const idle = new Engine(server.services, { dingtalk: new RecordingAdapter('dingtalk') }, undefined, { deliveryProviders: [] });
    expect((await idle.tick()).sent).toBe(0);
    expect(await deliveryStates()).toEqual(['aliyun:queued:0', 'aliyun:sent:1', 'dingtalk:queued:0', 'dingtalk:sent:1']);
  });
});

/**
 * A message that cannot be delivered is on the record: the engine appends a delivery.failed event
 * naming the unit, the channel and the reason in plain Chinese — no host names or error codes —
 * which the board's timeline shows.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sms: RecordingAdapter;
let union: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: new Date('2026-11-23T00:40:00.000Z'), adapters: { aliyun: sms }, manualEngine: true });
  union = await unitIdByName(server, await server.login('duty'), 'xinyang', '总工会');
  expect((await server.request('POST', '/api/v1/me/phones', { token: await server.login(`liaison.${union}`), body: { phone: '13800000001' } })).status).toBe(201);
});
afterAll(async () => {
  await server?.close();
});

describe('a delivery the provider refuses', () => {
  it('is recorded as failed with a plain reason on the incident’s timeline', async () => {
    sms.script = [{ ok: false, temporary: false, reason: 'error: connect ECONNREFUSED 10.0.0.1:443 (dysmsapi.aliyuncs.com)' }];
    const filed = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '短信发送失败' }) });
    expect(filed.status).toBe(201);
    await server.engine.tick();
    const failed = (await server.services.db.select().from(events).where(eq(events.incidentId, filed.body.id))).filter((e) => e.type === 'delivery.failed');
    expect(failed).toHaveLength(1);
    const data = failed[0]!.data as any;
    expect(data).toMatchObject({ unitId: union, channel: 'sms', unitName: '信阳市总工会' });
    expect(data.reason).toContain('短信');
    expect(data.reason).not.toMatch(/[A-Za-z]{3,}|\d+\.\d+\.\d+/);
    const timeline = await server.request('GET', `/api/v1/incidents/${filed.body.id}/events`, { token: await server.login('commander') });
    expect(timeline.body.events.some((e: any) => e.type === 'delivery.failed')).toBe(true);
  });
});

/**
 * What wakes the engine: a commit sends the deliveries it queued at once, without waiting for the
 * poll; escalation steps are the poll's (they fall due minutes after any write), so a busy stream
 * of commits does not rescan every timer per write.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { Engine } from '../../src/engine/engine.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let engine: Engine;
const sms = new RecordingAdapter('aliyun');
let duty: string;
const PHONE = '13800000011';

beforeAll(async () => {
  server = await startTestServer({ fixedClock: new Date('2026-11-23T00:40:00.000Z'), adapters: { aliyun: sms }, manualEngine: true });
  duty = await server.login('duty');
  const union = await unitIdByName(server, duty, 'xinyang', '总工会');
  const token = await server.login(`liaison.${union}`);
  expect((await server.request('POST', '/api/v1/me/phones', { token, body: { phone: PHONE } })).status).toBe(201);
  // A poll that never comes during the test: only commits, and wake(), drive this engine.
  engine = new Engine(server.services, { aliyun: sms }, server.database, { pollMs: 600_000 });
  await engine.start();
});
afterAll(async () => {
  await engine?.stop();
  await server?.close();
});

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, ms = 10_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const escalations = async () => (await server.services.db.select().from(events).where(eq(events.type, 'notification.escalated'))).length;

describe('the engine, woken', () => {
  it('by a commit, sends the notice that commit queued, with no poll and no tick', async () => {
    // Its first full pass (at start) is over once an idle wake has nothing to do.
    await waitUntil('the start pass', async () => (await engine.sendDueDeliveries()) === 0);
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '提交即发' }) });
    expect(filed.status).toBe(201);
    await waitUntil('the SMS to the liaison', () => sms.to(`+86${PHONE}`).length === 1);
  });

  it('takes an overdue escalation step on its poll (wake), not on each commit', async () => {
    server.clock!.advance(24 * 60 * 60_000);
    duty = await server.login('duty'); // yesterday's session has lapsed
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '次日再报' }) });
    expect(filed.status).toBe(201);
    await waitUntil('the second SMS', () => sms.to(`+86${PHONE}`).length === 2);
    expect(await escalations()).toBe(0);
    engine.wake();
    await waitUntil('the first notification escalated', async () => (await escalations()) > 0);
  });
});

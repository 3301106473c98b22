/**
 * The commission is not asked to acknowledge its own report: its unit, routed as 牵头 by the
 * rulebook, stands acknowledged by the filer at filing, gets no message, climbs no ladder and
 * raises no 督办; every other unit is chased as before. The unit can still be given a task.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z');
let server: TestServer;
let sms: RecordingAdapter;
let commissionUnit: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, adapters: { aliyun: sms }, manualEngine: true });
  commissionUnit = (await server.services.rulebooks.current('xinyang'))!.commissionUnitId;
  const liaison = await server.login(`liaison.${commissionUnit}`);
  expect((await server.request('POST', '/api/v1/me/phones', { token: liaison, body: { phone: '13800000009' } })).status).toBe(201);
});
afterAll(async () => {
  await server?.close();
});

describe('the filing body', () => {
  it('is routed but stands acknowledged at filing, is sent nothing, escalates never, and may still get a task', async () => {
    const duty = await server.login('duty');
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '本单位报送无需签收' }) });
    expect(filed.status).toBe(201);
    const own = filed.body.notifications.find((n: any) => n.unitId === commissionUnit);
    expect(own, 'the rulebook routes the commission’s own unit').toBeTruthy();
    expect(own.state).toBe('acknowledged');
    const others = filed.body.notifications.filter((n: any) => n.unitId !== commissionUnit);
    expect(others.every((n: any) => n.state === 'pending')).toBe(true);

    await server.engine.tick();
    server.clock!.advance(24 * 3600_000);
    await server.engine.tick();
    await server.engine.tick();
    expect(sms.to('+8613800000009')).toEqual([]);
    const log = await server.services.db.select().from(events).where(eq(events.incidentId, filed.body.id));
    const escalated = log.filter((e) => e.type === 'notification.escalated').map((e) => (e.data as any).unitId);
    expect(escalated).not.toContain(commissionUnit);
    expect(escalated.length).toBeGreaterThan(0);
    const alerts = log.filter((e) => e.type === 'alert.raised').map((e) => (e.data as any).alert.unitId);
    expect(alerts).not.toContain(commissionUnit);

    const commander = await server.login('commander');
    const task = await server.request('POST', `/api/v1/incidents/${filed.body.id}/tasks`, {
      token: commander,
      body: { unitId: commissionUnit, role: 'lead', title: '组织调查组', description: '组织事故调查组赶赴现场', dueAt: new Date(server.clock!.now.getTime() + 3600_000).toISOString() },
    });
    expect(task.status).toBe(201);
  });
});

/**
 * A closed incident stops escalating: after the 终报 closes it, no ladder step, task chase or
 * reminder fires — not even a re-send that the engine had already queued before the close — no
 * 督办 is raised, and acknowledging or declining its notification is refused with a clear reason.
 * Every alert names its incident (ref and title), closed or not.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { takeDueEscalations } from '../../src/engine/escalation.js';
import type { Rulebook } from '../../src/rulebooks/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z');
const minutes = (n: number) => n * 60_000;
let server: TestServer;
let sms: RecordingAdapter;
let book: Rulebook;
let duty: string;
let commander: string;
let union: string;
let hrss: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, adapters: { aliyun: sms }, manualEngine: true });
  duty = await server.login('duty');
  commander = await server.login('commander');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  book = (await server.services.rulebooks.current('xinyang'))!;
  for (const [user, phone] of [
    [`liaison.${hrss}`, '13800000003'],
    [`head.${hrss}`, '13800000004'],
    [`liaison.${union}`, '13800000005'],
  ] as const) {
    const res = await server.request('POST', '/api/v1/me/phones', { token: await server.login(user), body: { phone } });
    expect(res.status).toBe(201);
  }
});
afterAll(async () => {
  await server?.close();
});

async function eventsOf(incidentId: string, type: string) {
  const rows = await server.services.db.select().from(events).where(eq(events.incidentId, incidentId)).orderBy(events.seq);
  return rows.filter((e) => e.type === type);
}

describe('a closed incident', () => {
  let incidentId: string;
  let hrssNotification: string;
  let unionNotification: string;
  let taskId: string;
  let filed: any;

  it('is closed by a 终报 while a re-send is already queued and a task is open', async () => {
    const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '结案后不再催办' }) });
    expect(res.status).toBe(201);
    filed = res.body;
    incidentId = res.body.id;
    hrssNotification = res.body.notifications.find((n: any) => n.unitId === hrss).id;
    unionNotification = res.body.notifications.find((n: any) => n.unitId === union).id;
    const task = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, {
      token: commander,
      body: { unitId: union, role: 'support', title: '核查用工情况', description: '核查伤者劳动关系', dueAt: new Date(START.getTime() + minutes(6 * 60)).toISOString() },
    });
    expect(task.status).toBe(201);
    taskId = task.body.task.id;
    await server.engine.tick();
    const firstNotices = sms.sent.length;
    expect(firstNotices).toBeGreaterThan(0);

    // At the acknowledgement deadline the ladder takes its first step and queues the re-send; nobody dispatches it yet.
    server.clock!.advance(minutes(book.ackDeadlineMinutes.support.general) + 1000);
    expect(await takeDueEscalations(server.services)).toBeGreaterThan(0);
    expect((await eventsOf(incidentId, 'notification.escalated')).map((e) => (e.data as any).notificationId)).toContain(hrssNotification);

    const closed = await server.request('POST', `/api/v1/incidents/${incidentId}/reports`, {
      token: commander,
      body: { ...xinyangReport({ title: '结案后不再催办' }), kind: 'final', closeOverride: { reason: '处置完毕，上报另行补录' } },
    });
    expect(closed.status).toBe(201);
    expect(closed.body.status).toBe('closed');
    expect(sms.sent.length).toBe(firstNotices);
  });

  it('never sends the re-send queued before the close, and takes no later step, task chase or 督办', async () => {
    const stepsBefore = (await eventsOf(incidentId, 'notification.escalated')).length;
    await server.engine.tick();
    server.clock!.advance(minutes(24 * 60));
    await server.engine.tick();
    server.clock!.advance(minutes(24 * 60));
    await server.engine.tick();
    expect(sms.to('+8613800000003').map((s) => s.message.title).filter((t) => t.includes('【催办】'))).toEqual([]);
    expect(sms.to('+8613800000004')).toEqual([]);
    expect((await eventsOf(incidentId, 'notification.escalated')).length).toBe(stepsBefore);
    expect(await eventsOf(incidentId, 'task.escalated')).toEqual([]);
    expect(await eventsOf(incidentId, 'alert.raised')).toEqual([]);
    expect(await eventsOf(incidentId, 'obligation.overdue')).toEqual([]);
  });

  it('refuses to acknowledge or decline its notification, saying it is closed', async () => {
    const liaison = await server.login(`liaison.${hrss}`);
    const ack = await server.request('POST', `/api/v1/notifications/${hrssNotification}/acknowledge`, { token: liaison, body: {} });
    expect(ack.status).toBe(409);
    expect(ack.headers.get('content-type')).toContain('application/problem+json');
    expect(ack.body.detail).toContain('已终报结案');
    const decline = await server.request('POST', `/api/v1/notifications/${unionNotification}/decline`, {
      token: await server.login(`liaison.${union}`),
      body: { reason: '不属于本部门职责' },
    });
    expect(decline.status).toBe(409);
    expect(decline.body.detail).toContain('已终报结案');
    const inbox = await server.request('GET', '/api/v1/inbox', { token: liaison });
    expect(inbox.body.notifications.find((n: any) => n.id === hrssNotification).incident.status).toBe('closed');
  });

  it('every alert names its incident, even closed', async () => {
    // Two days passed on the test clock: sign in again.
    duty = await server.login('duty');
    commander = await server.login('commander');
    const other = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '退回后结案' }) });
    expect(other.status, JSON.stringify(other.body)).toBe(201);
    const n = other.body.notifications.find((x: any) => x.unitId === hrss).id;
    await server.request('POST', `/api/v1/notifications/${n}/decline`, { token: await server.login(`liaison.${hrss}`), body: { reason: '不属于本部门职责' } });
    await server.request('POST', `/api/v1/incidents/${other.body.id}/reports`, {
      token: commander,
      body: { ...xinyangReport({ title: '退回后结案' }), kind: 'final', closeOverride: { reason: '处置完毕' } },
    });
    const list = await server.request('GET', '/api/v1/alerts', { token: commander });
    const alert = list.body.alerts.find((a: any) => a.notificationId === n);
    expect(alert.incident).toEqual({ id: other.body.id, ref: other.body.ref, title: '退回后结案', status: 'closed', drill: false });
    const board = await server.request('GET', '/api/v1/board', { token: commander });
    expect(board.body.alerts.find((a: any) => a.notificationId === n).incident.ref).toBe(other.body.ref);
    expect(filed.ref).toBeTruthy();
  });
});

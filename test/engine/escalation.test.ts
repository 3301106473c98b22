/**
 * The escalation ladder with an injected clock: at the deadline every liaison is re-sent over
 * every channel, then the unit head, then a 督办 alert; an acknowledgement stops that unit's
 * ladder and nothing else; a restart resumes it; two engines never take the same step twice.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, events, notifications } from '../../src/db/schema.js';
import { Engine } from '../../src/engine/engine.js';
import type { Rulebook } from '../../src/rulebooks/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const START = new Date('2026-11-23T00:40:00.000Z');
let database: TestDatabase;
let dataDir: string;
let server: TestServer;
let sms: RecordingAdapter;
let book: Rulebook;
let duty: string;
let union: string;
let hrss: string;

async function start(at: Date) {
  sms = new RecordingAdapter('aliyun');
  return startTestServer({ fixedClock: at, adapters: { aliyun: sms }, manualEngine: true, database, dataDir });
}

async function addPhone(username: string, phone: string) {
  const token = await server.login(username);
  const res = await server.request('POST', '/api/v1/me/phones', { token, body: { phone } });
  expect(res.status).toBe(201);
}

const minutes = (n: number) => n * 60_000;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = database.databaseUrl ? 'memory://' : await mkdtemp(join(tmpdir(), 'lianfang-ladder-'));
  server = await start(START);
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  book = (await server.services.rulebooks.current('xinyang'))!;
  await addPhone(`liaison.${union}`, '13800000001');
  await addPhone(`head.${union}`, '13800000002');
  await addPhone(`liaison.${hrss}`, '13800000003');
  await addPhone(`head.${hrss}`, '13800000004');
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
  if (dataDir && dataDir !== 'memory://') await rm(dataDir, { recursive: true, force: true });
});

async function stepsOf(notificationId: string) {
  const rows = await server.services.db.select().from(events).where(eq(events.type, 'notification.escalated')).orderBy(events.seq);
  return rows.filter((e) => (e.data as any).notificationId === notificationId).map((e) => (e.data as any).step);
}

describe('the escalation ladder', () => {
  let incidentId: string;
  let unionNotification: string;
  let hrssNotification: string;

  it('the first notice goes out over every channel the on-duty liaisons have', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '升级测试' }) });
    incidentId = filed.body.id;
    unionNotification = filed.body.notifications.find((n: any) => n.unitId === union).id;
    hrssNotification = filed.body.notifications.find((n: any) => n.unitId === hrss).id;
    await server.engine.tick();
    expect(sms.to('+8613800000001')).toHaveLength(1);
    expect(sms.to('+8613800000003')).toHaveLength(1);
    expect(sms.to('+8613800000002')).toHaveLength(0); // heads only when escalated
    const text = sms.to('+8613800000001')[0]!.message.shortText;
    expect(text).toContain('升级测试');
    expect(text).toMatch(/签收：http:\/\/(?:localhost|127\.0\.0\.1):\d+\/a\/[\w-]+\.[\w-]+$/);
  });

  it('nothing escalates before its deadline (the lead unit’s shorter deadline may pass first)', async () => {
    server.clock!.advance(minutes(book.ackDeadlineMinutes.support.general) - 1000);
    await server.engine.tick();
    expect(await stepsOf(hrssNotification)).toEqual([]);
    expect(await stepsOf(unionNotification)).toEqual([]);
    const escalated = await server.services.db.select().from(notifications).where(eq(notifications.incidentId, incidentId));
    for (const n of escalated.filter((row) => row.escalationStep > 0)) expect(n.ackDueAt.getTime()).toBeLessThanOrEqual(server.clock!.now.getTime());
  });

  it('the acknowledged unit’s ladder stops; the silent one is re-sent to all its liaisons at the deadline', async () => {
    const liaison = await server.login(`liaison.${union}`);
    expect((await server.request('POST', `/api/v1/notifications/${unionNotification}/acknowledge`, { token: liaison, body: {} })).status).toBe(200);
    server.clock!.advance(2000);
    await server.engine.tick();
    expect(await stepsOf(hrssNotification)).toEqual(['resend']);
    expect(await stepsOf(unionNotification)).toEqual([]);
    expect(sms.to('+8613800000003')).toHaveLength(2);
    expect(sms.to('+8613800000003')[1]!.message.title).toContain('【催办】');
    expect(sms.to('+8613800000001')).toHaveLength(1);
  });

  it('then the unit head', async () => {
    server.clock!.advance(minutes(book.escalationMinutes.unitHead.general));
    await server.engine.tick();
    expect(await stepsOf(hrssNotification)).toEqual(['resend', 'unit_head']);
    expect(sms.to('+8613800000004')).toHaveLength(1);
    expect(sms.to('+8613800000004')[0]!.message.shortText).toContain('逾期未签收');
    expect(sms.to('+8613800000002')).toHaveLength(0);
  });

  it('a restart in the middle resumes the ladder where it was', async () => {
    await server.close();
    server = await start(new Date(START.getTime() + minutes(book.ackDeadlineMinutes.support.general + book.escalationMinutes.commander.general) + 5000));
    await server.engine.tick();
    expect(await stepsOf(hrssNotification)).toEqual(['resend', 'unit_head', 'commander']);
    // The steps already taken were not repeated after the restart.
    expect(sms.sent.filter((s) => s.contact.address === '+8613800000004')).toHaveLength(0);
  });

  it('finally a 督办 alert the commanders must close', async () => {
    const commander = await server.login('commander');
    const list = await server.request('GET', '/api/v1/alerts', { token: commander });
    const alert = list.body.alerts.find((a: any) => a.notificationId === hrssNotification);
    expect(alert).toMatchObject({ kind: 'ack_overdue', unitId: hrss, incidentId });
    // The deadline reads in 信阳's local time (UTC+8), as the commanders read clocks.
    const [hrssRow] = await server.services.db.select().from(notifications).where(eq(notifications.id, hrssNotification));
    const local = new Date(hrssRow!.ackDueAt.getTime() + 8 * 3_600_000).toISOString();
    expect(alert.reason).toContain(`时限 ${local.slice(5, 10)} ${local.slice(11, 16)}`);
    expect(list.body.alerts.some((a: any) => a.notificationId === unionNotification)).toBe(false);
    const dutyAttempt = await server.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { token: await server.login('duty'), body: { resolution: '已电话督促' } });
    expect(dutyAttempt.status).toBe(403);
    const resolved = await server.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { token: commander, body: { resolution: '已电话督促，人社局表示马上签收' } });
    expect(resolved.status).toBe(200);
    expect(resolved.body.alert.resolution).toContain('电话督促');
    expect(resolved.body.alreadyResolved).toBe(false);
    const again = await server.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { token: commander, body: { resolution: '重复' } });
    expect(again.status).toBe(409);
    // The same closing sent again (its answer lost on the way back) is the one recorded, once on the timeline.
    const retried = await server.request('POST', `/api/v1/alerts/${alert.id}/resolve`, { token: commander, body: { resolution: '已电话督促，人社局表示马上签收' } });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual({ ...resolved.body, alreadyResolved: true });
    const closings = await server.services.db.select().from(events).where(eq(events.type, 'alert.resolved'));
    expect(closings.filter((e) => (e.data as any).alert.id === alert.id)).toHaveLength(1);
  });

  it('the ladder is finished: later ticks take no more steps for that unit', async () => {
    server.clock!.advance(minutes(600));
    await server.engine.tick();
    expect(await stepsOf(hrssNotification)).toEqual(['resend', 'unit_head', 'commander']);
    const [n] = await server.services.db.select().from(notifications).where(eq(notifications.id, hrssNotification));
    expect(n!.escalationStep).toBe(3);
    expect(n!.nextEscalationAt).toBeNull();
  });

  it('a decline goes to the commanders at once', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '退回督办' }) });
    const id = filed.body.notifications.find((n: any) => n.unitId === hrss).id;
    const liaison = await server.login(`liaison.${hrss}`);
    await server.request('POST', `/api/v1/notifications/${id}/decline`, { token: liaison, body: { reason: '不属于本部门职责' } });
    const list = await server.request('GET', '/api/v1/alerts', { token: await server.login('commander') });
    expect(list.body.alerts.find((a: any) => a.notificationId === id)).toMatchObject({ kind: 'declined' });
    expect(list.body.alerts.find((a: any) => a.notificationId === id).reason).toContain('不属于本部门职责');
  });
});

describe('two engines on one database', () => {
  it.skipIf(!process.env.DATABASE_URL)('never take the same step twice (PostgreSQL; PGlite is one process by design)', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '双进程' }) });
    // Every unit asked to acknowledge (the commission's own unit is not: it filed the report).
    const ids = filed.body.notifications.filter((n: any) => n.state === 'pending').map((n: any) => n.id);
    const second = await startTestServer({ fixedClock: server.clock!.now, adapters: { aliyun: sms }, manualEngine: true, database, dataDir });
    try {
      const late = new Date(server.clock!.now.getTime() + minutes(24 * 60));
      server.clock!.now = late;
      second.clock!.now = late;
      const engines: Engine[] = [server.engine, second.engine];
      // Both race through the whole ladder.
      await Promise.all([0, 1, 2].flatMap(() => engines.map((e) => e.tick())));
      await Promise.all(engines.map((e) => e.tick()));
      for (const id of ids) {
        const steps = await stepsOf(id);
        expect(steps, id).toEqual(['resend', 'unit_head', 'commander']);
      }
      const rounds = await server.services.db
        .select()
        .from(deliveries)
        .where(and(eq(deliveries.channel, 'sms'), eq(deliveries.round, 1)));
      const keys = rounds.map((d) => `${d.notificationId}/${d.recipientKey}`);
      expect(new Set(keys).size).toBe(keys.length);
    } finally {
      await second.close();
    }
  });
});

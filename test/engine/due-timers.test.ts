/**
 * Task due times and upward-reporting deadlines are due-timers of the one escalation engine:
 * durable across a restart, and never taken twice by two engines on one database.
 */
import { eq } from 'drizzle-orm';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, events, responseTasks } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z');
const minutes = (n: number) => n * 60_000;
let database: TestDatabase;
let dataDir: string;
let server: TestServer;
let incidentId: string;
let taskId: string;

const start = (at: Date) => startTestServer({ fixedClock: at, manualEngine: true, database, dataDir });
const typesOf = async (type: string) => (await server.services.db.select().from(events).where(eq(events.type, type)).orderBy(events.seq)).map((e) => e.data as any);

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = database.databaseUrl ? 'memory://' : await mkdtemp(join(tmpdir(), 'lianfang-timers-'));
  server = await start(START);
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
  if (dataDir && dataDir !== 'memory://') await rm(dataDir, { recursive: true, force: true });
});

describe('due-timers of tasks and upward reports', () => {
  it('a task’s ladder starts at its due time (as an acknowledgement’s does at its deadline), not before', async () => {
    const duty = await server.login('duty');
    const union = await unitIdByName(server, duty, 'xinyang', '总工会');
    incidentId = (await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '定时器' }) })).body.id;
    const task = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, {
      token: await server.login('commander'),
      body: { unitId: union, role: 'support', title: '现场调查', description: '参与现场调查', dueAt: new Date(START.getTime() + minutes(20)).toISOString() },
    });
    taskId = task.body.task.id;
    server.clock!.advance(minutes(20) - 1000);
    await server.engine.tick();
    expect((await typesOf('task.escalated')).filter((d) => d.taskId === taskId)).toEqual([]);
    server.clock!.advance(1000);
    await server.engine.tick();
    expect((await typesOf('task.escalated')).filter((d) => d.taskId === taskId).map((d) => d.step)).toEqual(['resend']);
  });

  it('a restart resumes the task ladder and the reporting deadlines where they were', async () => {
    await server.close();
    server = await start(new Date(START.getTime() + minutes(6 * 60) + 1000));
    await server.engine.tick();
    expect((await typesOf('task.escalated')).filter((d) => d.taskId === taskId).map((d) => d.step)).toEqual(['resend', 'unit_head', 'commander']);
    const [task] = await server.services.db.select().from(responseTasks).where(eq(responseTasks.id, taskId));
    expect(task).toMatchObject({ escalationStep: 3, nextEscalationAt: null });
    const raised = await server.services.db.select().from(alerts).where(eq(alerts.incidentId, incidentId));
    expect(raised.filter((a) => a.kind === 'task_overdue')).toHaveLength(1);
    // Both 6-hour reports are overdue now; the informational check is never chased.
    expect(raised.filter((a) => a.kind === 'obligation_overdue')).toHaveLength(2);
    expect((await typesOf('obligation.overdue')).map((d) => d.obligation.key).sort()).toEqual(['ohs_general_government', 'ohs_general_superior_health']);
  });

  it('later passes take nothing more', async () => {
    server.clock!.advance(minutes(600));
    expect((await server.engine.tick()).steps).toBe(0);
  });

  it.skipIf(!process.env.DATABASE_URL)('two engines never take the same task or report step twice (PostgreSQL)', async () => {
    const duty = await server.login('duty');
    const union = await unitIdByName(server, duty, 'xinyang', '总工会');
    const id = (await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '双引擎' }) })).body.id;
    const task = await server.request('POST', `/api/v1/incidents/${id}/tasks`, {
      token: await server.login('commander'),
      body: { unitId: union, role: 'support', title: '双引擎任务', description: '双引擎任务', dueAt: new Date(server.clock!.now.getTime() + minutes(5)).toISOString() },
    });
    const second = await start(server.clock!.now);
    try {
      const late = new Date(server.clock!.now.getTime() + minutes(24 * 60));
      server.clock!.now = late;
      second.clock!.now = late;
      await Promise.all([0, 1, 2].flatMap(() => [server.engine.tick(), second.engine.tick()]));
      await Promise.all([server.engine.tick(), second.engine.tick()]);
      expect((await typesOf('task.escalated')).filter((d) => d.taskId === task.body.task.id).map((d) => d.step)).toEqual(['resend', 'unit_head', 'commander']);
      const overdue = (await typesOf('obligation.overdue')).filter((d) => d.obligation.incidentId === id);
      expect(overdue).toHaveLength(2);
    } finally {
      await second.close();
    }
  });
});

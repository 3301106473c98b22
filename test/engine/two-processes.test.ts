/**
 * Two server processes (separate OS processes, each with its own engine on its real clock) on one
 * PostgreSQL database. Every due time is moved into the past at once, again and again, so both
 * engines race for the same steps of the same ladders; each step must be taken exactly once.
 */
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { xinyangReport } from '../support/reports.js';

let database: TestDatabase | undefined;
const servers: ServerProcess[] = [];
let sql: postgres.Sql | undefined;

afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await sql?.end();
  await database?.drop();
});

async function call(url: string, method: string, path: string, token?: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function waitUntil(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!process.env.DATABASE_URL)('two server processes on one database (PostgreSQL)', () => {
  it('both come up when started in the same second on an empty database (migrations run once, under a lock)', async () => {
    const empty = await createTestDatabase();
    const env = { DATABASE_URL: empty.databaseUrl!, SEED_DEMO: 'true', LOG_LEVEL: 'warn' };
    const [portA, portB] = [await freePort(), await freePort()];
    const started = await Promise.allSettled([spawnServer(env, portA), spawnServer(env, portB)]);
    try {
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason).slice(0, 2000) : 'up'))).toEqual(['up', 'up']);
      const check = postgres(empty.databaseUrl!, { max: 1, onnotice: () => {} });
      const [applied] = await check`select count(*)::int as n, count(distinct hash)::int as distinct_hashes from drizzle.__drizzle_migrations`;
      await check.end();
      expect(applied!.n).toBeGreaterThan(0);
      expect(applied!.distinct_hashes).toBe(applied!.n);
      for (const s of started) if (s.status === 'fulfilled') expect((await fetch(`${s.value.url}/healthz`)).status).toBe(200);
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
      await empty.drop();
    }
  }, 120_000);

  it('with MIGRATE=false, refuses an unmigrated database and names the deploy step', async () => {
    const empty = await createTestDatabase();
    try {
      const start = spawnServer({ DATABASE_URL: empty.databaseUrl!, MIGRATE: 'false', LOG_LEVEL: 'warn' }, await freePort());
      await expect(start).rejects.toThrow(/npm run db:migrate/);
    } finally {
      await empty.drop();
    }
  }, 60_000);

  it('never take the same escalation step twice, for acknowledgements and tasks alike', async () => {
    database = await createTestDatabase();
    const env = { DATABASE_URL: database.databaseUrl!, SEED_DEMO: 'true' };
    // One after the other: the first installs the schema and the demo data, the second finds them.
    servers.push(await spawnServer(env, await freePort()));
    servers.push(await spawnServer(env, await freePort()));
    const [a, b] = servers.map((s) => s.url) as [string, string];
    sql = postgres(database.databaseUrl!, { max: 2, onnotice: () => {} });

    const duty = (await call(a, 'POST', '/api/v1/auth/login', undefined, { username: 'duty', password: 'lianfang-demo' })).body.token;
    const commander = (await call(b, 'POST', '/api/v1/auth/login', undefined, { username: 'commander', password: 'lianfang-demo' })).body.token;
    const filed = await call(a, 'POST', '/api/v1/incidents', duty, xinyangReport({ title: '双进程督办' }));
    expect(filed.status).toBe(201);
    const incidentId: string = filed.body.id;
    // The commission's own notification stands acknowledged at filing and never escalates.
    const notificationIds: string[] = filed.body.notifications.filter((n: any) => n.state !== 'acknowledged').map((n: any) => n.id);
    expect(notificationIds.length).toBeGreaterThan(3);
    const unitId = filed.body.notifications[0].unitId;
    const task = await call(b, 'POST', `/api/v1/incidents/${incidentId}/tasks`, commander, {
      unitId,
      role: 'lead',
      title: '现场处置',
      description: '组织现场救治',
      dueAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(task.status).toBe(201);
    const taskId: string = task.body.task.id;

    for (let step = 1; step <= 3; step++) {
      // Time passes for both processes at once: every open due time is now behind them, and the
      // notify on commit wakes both engines in the same instant, so they race for the same rows.
      await sql.begin(async (tx) => {
        await tx`update notifications set next_escalation_at = now() - interval '1 second' where incident_id = ${incidentId} and state = 'pending' and next_escalation_at is not null`;
        await tx`update response_tasks set next_escalation_at = now() - interval '1 second' where id = ${taskId} and next_escalation_at is not null`;
        await tx`select pg_notify('lianfang_events', '')`;
      });
      await waitUntil(`step ${step}`, async () => {
        const [n] = await sql!`select count(*)::int as behind from notifications where id in ${sql!(notificationIds)} and escalation_step < ${step}`;
        const [t] = await sql!`select escalation_step from response_tasks where id = ${taskId}`;
        return n!.behind === 0 && t!.escalation_step >= step;
      });
    }
    // Give both engines time to take a step they should not.
    await new Promise((r) => setTimeout(r, 2500));

    const escalated = await sql`select data from events where incident_id = ${incidentId} and type in ('notification.escalated', 'task.escalated') order by seq`;
    for (const id of notificationIds)
      expect(escalated.filter((e: any) => e.data.notificationId === id).map((e: any) => e.data.step), id).toEqual(['resend', 'unit_head', 'commander']);
    expect(escalated.filter((e: any) => e.data.taskId === taskId).map((e: any) => e.data.step)).toEqual(['resend', 'unit_head', 'commander']);
    const [alerts] = await sql`select count(*)::int as n, count(distinct coalesce(notification_id, task_id))::int as distinct_subjects from alerts where incident_id = ${incidentId} and kind in ('ack_overdue', 'task_overdue')`;
    expect(alerts!.n).toBe(notificationIds.length + 1);
    expect(alerts!.distinct_subjects).toBe(alerts!.n);
  }, 120_000);
});

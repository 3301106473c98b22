/**
 * Two nodes through Debian's PgBouncer in transaction pooling, in front of a throwaway database on
 * the machine's PostgreSQL: the pool goes through PgBouncer (no prepared statements), each node
 * LISTENs on one direct connection (DATABASE_DIRECT_URL) and migrates over it. A report filed on
 * node A and acknowledged over a socket on node B reaches the sockets on B — whose relay polls only
 * every ten minutes, so only a NOTIFY on the direct connection can have woken it — and the database
 * sees no more connections than PgBouncer's pool plus one LISTEN connection per node.
 *
 * Runs wherever pgbouncer is installed (`.ci/run` installs it), on DATABASE_URL's server or
 * postgres://postgres@127.0.0.1:5432 (trust auth); it stops everything it started.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { BOUNCED_SERVER, bouncerSettings, bouncerTestUnavailable, startPgBouncer, type RunningPgBouncer } from '../support/pgbouncer.js';
import { freePort } from '../support/ports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { xinyangReport } from '../support/reports.js';
import { unitIdByName } from '../support/reports.js';
import { addLiaison } from '../support/users.js';

const SERVER = BOUNCED_SERVER;
/** PgBouncer's server connections for the database: the pool every node shares. */
const BOUNCER_POOL = 4;
/** Each node's own pool, as client connections to PgBouncer. */
const NODE_POOL = 3;

const skipped = await bouncerTestUnavailable();

let dir: string | undefined;
let database: TestDatabase | undefined;
let bouncer: RunningPgBouncer | undefined;
let a: TestServer | undefined;
let b: TestServer | undefined;
/** Watches the throwaway database from the server's own `postgres` database. */
let observer: postgres.Sql | undefined;

beforeAll(async () => {
  if (skipped) return;
  dir = await mkdtemp(join(tmpdir(), 'lianfang-pgbouncer-'));
  database = await createTestDatabase(SERVER);
  bouncer = await startPgBouncer(dir, bouncerSettings(SERVER, database.name!, await freePort(), BOUNCER_POOL));
  const config = { databaseUrl: bouncer.url, databaseDirectUrl: database.databaseUrl, databasePool: NODE_POOL };
  a = await startTestServer({ database, config });
  b = await startTestServer({ database, config, relay: { pollMs: 600_000 } });
  observer = postgres(SERVER, { max: 1, onnotice: () => {} });
});

afterAll(async () => {
  await b?.close();
  await a?.close();
  await observer?.end({ timeout: 5 });
  await bouncer?.stop();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The database's connections now, by what they last ran. */
async function connections(): Promise<{ total: number; listening: number }> {
  const [row] = await observer!<{ total: number; listening: number }[]>`
    select count(*)::int as total, count(*) filter (where query ilike 'listen%')::int as listening
    from pg_stat_activity where datname = ${database!.name!}`;
  return row!;
}

describe.skipIf(!!skipped)(`through PgBouncer in transaction pooling${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  let liaison: TestSocket;
  let commander: TestSocket;

  it('a report filed on node A and acknowledged over a socket on node B reaches node B’s sockets, woken by NOTIFY on the direct connection', async () => {
    const duty = await a!.login('duty');
    const union = await unitIdByName(a!, duty, 'xinyang', '总工会');
    liaison = await b!.connect(await addLiaison(b!, 'liaison.bouncer', 'xinyang', union));
    commander = await b!.connect(await b!.login('commander'));
    const filed = await a!.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '经连接池的事故' }) });
    expect(filed.status).toBe(201);
    await commander.waitFor((t, e) => t === 'incident.reported' && e.incidentId === filed.body.id);
    const notification = await liaison.waitFor((t, e) => t === 'notification.created' && e.incidentId === filed.body.id);
    const answer = await liaison.emitWithAck('notification.acknowledge', { notificationId: notification.data.notification.id, note: '经连接池签收' });
    expect(answer.ok).toBe(true);
    expect(answer.notification).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'socket' });
    await commander.waitFor((t, e) => t === 'notification.acknowledged' && e.incidentId === filed.body.id);
    const detail = await a!.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty });
    expect(detail.status).toBe(200);
  });

  it('the database sees at most PgBouncer’s pool plus one LISTEN connection per node', async () => {
    // Many requests at once on both nodes: each node's pool fills (and, were the driver to pipeline
    // queries behind PgBouncer, some would wait for ever), PgBouncer's stays at its size.
    const duty = await a!.login('duty');
    const [incident] = (await a!.request('GET', '/api/v1/incidents', { token: duty })).body.incidents;
    const paths = ['/api/v1/incidents', `/api/v1/incidents/${incident.id}`, '/api/v1/auth/me'];
    const busy = await Promise.all(
      Array.from({ length: 48 }, (_, i) => (i % 2 ? a! : b!).request('GET', paths[i % paths.length]!, { token: duty })),
    );
    expect(busy.map((r) => r.status)).toEqual(busy.map(() => 200));
    const now = await connections();
    expect(now.listening).toBe(2);
    expect(now.total).toBeLessThanOrEqual(BOUNCER_POOL + 2);
  });
});

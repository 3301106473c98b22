/**
 * When the database refuses connections, a report gets a clear 503 (the client keeps it and
 * retries with the same Idempotency-Key); once the database is back the retry files it exactly once.
 * PostgreSQL only: embedded PGlite lives inside the server process and cannot go away by itself.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { expectEngineEscalates, expectNothingLostOrDoubled, FilingLoad, waitUntil } from '../support/filing-load.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres.js';
import { io as ioClient } from 'socket.io-client';

const onPostgres = !!process.env.DATABASE_URL;
let server: TestServer;
let admin: postgres.Sql;
let dbName: string;
let database: TestDatabase;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  dbName = new URL(database.databaseUrl!).pathname.slice(1);
  server = await startTestServer({ database });
  admin = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  if (!onPostgres) return;
  await admin?.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`).catch(() => {});
  await admin?.end();
  await server?.close();
  await database?.drop();
});

describe('a database outage', () => {
  it.skipIf(!onPostgres)('answers 503 problem+json, and the retry after recovery files once', async () => {
    const duty = await server.login('duty');
    const key = { 'idempotency-key': 'outage-retry-000001' };
    await admin.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS false`);
    await admin.unsafe(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}' AND pid <> pg_backend_pid()`);
    const during = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '断库测试' }), headers: key });
    expect(during.status).toBe(503);
    expect(during.headers.get('content-type')).toContain('application/problem+json');
    expect(during.headers.get('retry-after')).toBeTruthy();
    expect(during.body.detail).toContain('Idempotency-Key');

    await admin.unsafe(`ALTER DATABASE ${dbName} ALLOW_CONNECTIONS true`);
    const retry = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '断库测试' }), headers: key });
    expect(retry.status).toBe(201);
    const again = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '断库测试' }), headers: key });
    expect(again.body.id, JSON.stringify([again.status, again.body])).toBe(retry.body.id);
    const list = await server.request('GET', '/api/v1/incidents', { token: duty });
    expect(list.body.incidents.filter((i: any) => i.title === '断库测试')).toHaveLength(1);
  });
});

/**
 * PostgreSQL itself restarts, five times, while duty officers file and liaisons acknowledge over
 * HTTP. The server runs as its own process on a private cluster the test stops and starts (never
 * the machine's server). After every restart the same process serves again; during each outage
 * the answers are 503 problem+json with Retry-After; every report and acknowledgement the server
 * accepted exists exactly once, and the relay and the engine carry on by themselves.
 */
const noPrivateCluster = privatePostgresUnavailable();
describe.skipIf(!onPostgres || !!noPrivateCluster)(`PostgreSQL restarting under load${noPrivateCluster ? ` (skipped: ${noPrivateCluster})` : ''}`, () => {
  let cluster: PrivatePostgres | undefined;
  let node: ServerProcess | undefined;
  let check: postgres.Sql | undefined;
  afterAll(async () => {
    await node?.stop();
    await check?.end({ timeout: 1 });
    await cluster?.destroy();
  });

  it('keeps the process alive through 5 restarts, answers 503 meanwhile, and loses or doubles nothing', async () => {
    cluster = await startPrivatePostgres();
    node = await spawnServer({ DATABASE_URL: cluster.url, SEED_DEMO: 'true', DATABASE_POOL: '6', LOG_LEVEL: 'warn' }, await freePort());
    const load = new FilingLoad(node.url, 8);
    await load.start();
    const commander = ioClient(node.url, { auth: { token: await load.login('commander') }, transports: ['websocket'], forceNew: true });
    const seen = new Set<string>();
    commander.on('incident.reported', (envelope: any) => seen.add(envelope.data?.incident?.title ?? envelope.data?.title));
    await new Promise<void>((resolve, reject) => (commander.once('connect', resolve), commander.once('connect_error', reject)));

    const diagnosis = () => `${load.unexpected.slice(-5).join('\n')}\n${node!.output().slice(-3000)}`;
    for (let outage = 1; outage <= 5; outage++) {
      const before = load.accepted.length;
      await waitUntil(`reports accepted before outage ${outage}`, async () => load.accepted.length >= before + 3, 60_000, diagnosis);
      await cluster.stop(outage % 2 ? 'fast' : 'immediate');
      const unavailable = load.unavailable;
      // The outage lasts until the server has turned requests away with 503.
      await waitUntil(`503s during outage ${outage}`, async () => load.unavailable >= unavailable + 4 || node!.child.exitCode !== null, 60_000, diagnosis);
      expect(node.child.exitCode, node.output()).toBeNull();
      await cluster.start();
      const during = load.accepted.length;
      await waitUntil(`serving again after outage ${outage}`, async () => load.accepted.length > during + 2 || node!.child.exitCode !== null, 30_000, diagnosis);
      expect(node.child.exitCode, node.output()).toBeNull();
    }
    check = postgres(cluster.url, { max: 1, onnotice: () => {} });
    await expectNothingLostOrDoubled(load, check);

    // The relay (its LISTEN connection re-established) still reaches sockets...
    const last = await load.fileOne('断库重启-之后');
    await waitUntil('the relay delivering after the restarts', async () => seen.has(last.title));
    // ...and the engine still takes due steps: every open acknowledgement timer is now due.
    await expectEngineEscalates(check, last.id, 'the engine escalating after the restarts');
    commander.close();
    expect(node.child.exitCode).toBeNull();
  }, 400_000);
});

/**
 * A node's connection budget on PostgreSQL: at most DATABASE_POOL connections plus one LISTEN
 * connection that the relay and the engine share, however much it is asked at once (README:
 * several nodes and the connection budget). PostgreSQL only: PGlite has one connection.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { xinyangReport } from '../support/reports.js';

const POOL = 3;
let database: TestDatabase;
let server: TestServer;
let observer: postgres.Sql;

describe.skipIf(!process.env.DATABASE_URL)('one node’s connections (PostgreSQL)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestServer({ database, config: { databasePool: POOL } });
    // Watches from the server's own database, so it is not counted.
    observer = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await server?.close();
    await observer?.end({ timeout: 5 });
    await database?.drop();
  });

  it('stay within the pool plus one LISTEN connection while it files, reads and serves sockets at once', async () => {
    const duty = await server.login('duty');
    const watchers = await Promise.all(Array.from({ length: 4 }, async () => server.connect(await server.login('commander'))));
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, (_, i) => server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: `连接预算 ${i}` }) })),
      ...Array.from({ length: 16 }, () => server.request('GET', '/api/v1/incidents', { token: duty })),
    ]);
    expect(answers.map((a) => a.status).filter((s) => s >= 300)).toEqual([]);
    for (const w of watchers) await w.waitFor((t, e) => t === 'incident.reported' && e.incidentId === answers[3]!.body.id);
    const [row] = await observer<{ total: number; listening: number }[]>`
      select count(*)::int as total, count(*) filter (where query ilike 'listen%')::int as listening
      from pg_stat_activity where datname = ${database.name!}`;
    expect(row!.listening).toBe(1);
    expect(row!.total).toBeLessThanOrEqual(POOL + 1);
  });
});

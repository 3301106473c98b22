/**
 * When the database refuses connections, a report gets a clear 503 (the client keeps it and
 * retries with the same Idempotency-Key); once the database is back the retry files it exactly once.
 * PostgreSQL only: embedded PGlite lives inside the server process and cannot go away by itself.
 */
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

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
    expect(again.body.id).toBe(retry.body.id);
    const list = await server.request('GET', '/api/v1/incidents', { token: duty });
    expect(list.body.incidents.filter((i: any) => i.title === '断库测试')).toHaveLength(1);
  });
});

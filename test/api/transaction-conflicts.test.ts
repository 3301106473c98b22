/**
 * A serialization failure (40001) or deadlock (40P01) inside a use case's transaction is retried;
 * when it keeps failing the answer is 503 with Retry-After and nothing is written — never 500.
 * The database itself raises the errors (a trigger on incidents), on PGlite and PostgreSQL alike.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { xinyangReport } from '../support/reports.js';

let server: TestServer;
let duty: string;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  const db = server.services.db;
  await db.execute(sql.raw(`CREATE TABLE test_conflict_plan (failures int NOT NULL, code text NOT NULL)`));
  await db.execute(sql.raw(`INSERT INTO test_conflict_plan VALUES (0, '40001')`));
  // A sequence is not transactional: it counts attempts even though each failed one rolls back.
  await db.execute(sql.raw(`CREATE SEQUENCE test_conflict_attempts`));
  await db.execute(
    sql.raw(`CREATE FUNCTION test_conflict() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE plan record;
      BEGIN
        SELECT * INTO plan FROM test_conflict_plan;
        IF nextval('test_conflict_attempts') <= plan.failures THEN
          RAISE EXCEPTION 'simulated conflict' USING ERRCODE = plan.code;
        END IF;
        RETURN NEW;
      END $$`),
  );
  await db.execute(sql.raw(`CREATE TRIGGER test_conflict BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION test_conflict()`));
});
afterAll(async () => server?.close());

async function plan(failures: number, code: string): Promise<number> {
  const db = server.services.db;
  await db.execute(sql.raw(`UPDATE test_conflict_plan SET failures = ${failures}, code = '${code}'`));
  await db.execute(sql.raw(`SELECT setval('test_conflict_attempts', 1, false)`));
  return incidentCount();
}

async function attempts(): Promise<number> {
  const rows = await server.services.db.execute(sql.raw(`SELECT last_value, is_called FROM test_conflict_attempts`));
  const row = ((rows as any).rows ?? rows)[0];
  return row.is_called ? Number(row.last_value) : 0;
}

async function incidentCount(): Promise<number> {
  const rows = await server.services.db.execute(sql.raw(`SELECT count(*)::int AS n FROM incidents`));
  return Number(((rows as any).rows ?? rows)[0].n);
}

describe('a transaction that loses a conflict', () => {
  for (const code of ['40001', '40P01'])
    it(`is retried and the report is filed once (${code} twice, then success)`, async () => {
      const before = await plan(2, code);
      const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport() });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(await attempts()).toBe(3);
      expect(await incidentCount()).toBe(before + 1);
    });

  for (const code of ['40001', '40P01'])
    it(`answers 503 with Retry-After when it keeps losing (${code}), writing nothing`, async () => {
      const before = await plan(1000, code);
      const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport(), headers: { 'idempotency-key': `conflict-${code}` } });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await attempts()).toBeGreaterThan(1);
      expect(await incidentCount()).toBe(before);
      // The same key succeeds once the conflict is over.
      await plan(0, code);
      const retry = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport(), headers: { 'idempotency-key': `conflict-${code}` } });
      expect(retry.status).toBe(201);
      expect(await incidentCount()).toBe(before + 1);
    });
});

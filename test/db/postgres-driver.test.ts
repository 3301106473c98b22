/**
 * The postgres.js `nextWrite` crash (porsager/postgres#1154, #1208), reproduced in a child process
 * with no timing luck: a transaction whose backend is terminated (its automatic rollback is what
 * used to be written to the closed socket). The
 * installed driver (patched on install by scripts/patch-postgres-driver.mjs) must reject the
 * affected queries with a catchable CONNECTION_CLOSED, keep the process alive and the pool usable.
 */
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDriverProblem } from '../../src/db/postgres-driver.js';
import postgres from 'postgres';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

const script = `
import postgres from 'postgres'
const url = process.argv[1]
const sql = postgres(url, { max: 2, onnotice: () => {} })
const killer = postgres(url, { max: 1, onnotice: () => {} })
const outcomes = []
process.on('unhandledRejection', (e) => outcomes.push('unhandled: ' + e.code))
try {
  await sql.begin(async (tx) => {
    const [{ pid }] = await tx\`select pg_backend_pid() as pid\`
    await killer\`select pg_terminate_backend(\${pid})\`
    await tx\`select 1\`
  })
} catch (e) { outcomes.push('transaction: ' + e.code) }
const [{ n }] = await sql\`select 1::int as n\`
outcomes.push('pool: ' + n)
console.log(JSON.stringify(outcomes))
await sql.end({ timeout: 1 })
await killer.end({ timeout: 1 })
`;

let database: TestDatabase;
beforeAll(async () => {
  if (process.env.DATABASE_URL) database = await createTestDatabase();
});
afterAll(async () => database?.drop());

describe('the postgres.js driver', () => {
  it('carries the nextWrite, sql.begin and multi-host fixes in every build the server or the Workers tier can load', () => {
    expect(postgresDriverProblem()).toBeNull();
  });

  it.skipIf(!process.env.DATABASE_URL)('survives the backend of a transaction dying: a catchable CONNECTION_CLOSED, and the pool serves on', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, database.databaseUrl!], { cwd: root, timeout: 30_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual(['transaction: CONNECTION_CLOSED', 'pool: 1']);
  });

  it('with several hosts and none to be had, fails the query once each host was tried, and does so again later', async () => {
    const ports = [await freePort(), await freePort()];
    const sql = postgres(`postgres://postgres@127.0.0.1:${ports[0]},127.0.0.1:${ports[1]}/postgres`, { max: 1, connect_timeout: 2, backoff: () => 0.05, onnotice: () => {} });
    try {
      for (let round = 0; round < 2; round++) await expect(within(sql`select 1`, 10_000)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it.skipIf(!process.env.DATABASE_URL)('moves on to the next host when one accepts the connection but never answers (a connect timeout)', async () => {
    // A host that takes the TCP connection and says nothing, like one cut off behind a firewall.
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = new URL(database.databaseUrl!);
    const hosts = `127.0.0.1:${(silent.address() as AddressInfo).port},${url.hostname}:${url.port || 5432}`;
    const sql = postgres(`postgres://${url.username}@${hosts}${url.pathname}`, { max: 1, connect_timeout: 1, onnotice: () => {} });
    try {
      const [row] = await within(sql<{ n: number }[]>`select 1::int as n`, 10_000);
      expect(row!.n).toBe(1);
    } finally {
      await sql.end({ timeout: 1 });
      silent.close();
    }
  });
});

/** The promise, or a rejection saying it was never settled. */
function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`unsettled after ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

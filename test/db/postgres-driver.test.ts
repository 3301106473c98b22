/**
 * The postgres.js `nextWrite` crash (porsager/postgres#1154, #1208), reproduced in a child process
 * with no timing luck: a transaction whose backend is terminated (its automatic rollback is what
 * used to be written to the closed socket). The
 * installed driver (patched on install by scripts/patch-postgres-driver.mjs) must reject the
 * affected queries with a catchable CONNECTION_CLOSED, keep the process alive and the pool usable.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDriverProblem } from '../../src/db/postgres-driver.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

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
  it('carries the nextWrite and sql.begin fixes in every build the server or the Workers tier can load', () => {
    expect(postgresDriverProblem()).toBeNull();
  });

  it.skipIf(!process.env.DATABASE_URL)('survives the backend of a transaction dying: a catchable CONNECTION_CLOSED, and the pool serves on', async () => {
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script, database.databaseUrl!], { cwd: root, timeout: 30_000 });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual(['transaction: CONNECTION_CLOSED', 'pool: 1']);
  });
});

/**
 * postgres.js behind Debian's PgBouncer in transaction pooling, as the server opens it there
 * (no prepared statements, no pipelining). With pipelining on, PgBouncer 1.18 hands a server
 * connection back at the first ReadyForQuery and drops the replies still due to a query the client
 * had pipelined behind it ("got packet '1' from server when not linked"): that query waits for ever.
 * Without the driver's `sql.begin` fix (porsager/postgres#1218, applied on install) pipelining off
 * breaks every transaction instead. Many concurrent queries and transactions must all be answered.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { THROUGH_PGBOUNCER } from '../../src/db/client.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { BOUNCED_SERVER, bouncerSettings, bouncerTestUnavailable, startPgBouncer, type RunningPgBouncer } from '../support/pgbouncer.js';
import { freePort } from '../support/ports.js';

const skipped = await bouncerTestUnavailable();

let dir: string | undefined;
let database: TestDatabase | undefined;
let bouncer: RunningPgBouncer | undefined;

beforeAll(async () => {
  if (skipped) return;
  dir = await mkdtemp(join(tmpdir(), 'lianfang-pipelining-'));
  database = await createTestDatabase(BOUNCED_SERVER);
  bouncer = await startPgBouncer(dir, bouncerSettings(BOUNCED_SERVER, database.name!, await freePort(), 4));
});

afterAll(async () => {
  await bouncer?.stop();
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** What a round of concurrent work ended as, within a deadline: 'answered', or what went wrong. */
async function round(work: Promise<unknown>[], deadlineMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string>((resolve) => (timer = setTimeout(resolve, deadlineMs, 'unanswered')));
  const outcome = Promise.all(work).then(
    () => 'answered',
    (err: Error) => `failed: ${err.message}`,
  );
  try {
    return await Promise.race([outcome, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

describe.skipIf(!!skipped)(`postgres.js through PgBouncer in transaction pooling${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  it('answers every one of many concurrent queries and transactions from two pools, each transaction on one connection', async () => {
    // As the server opens its pool behind PgBouncer.
    const pools = [0, 1].map(() => postgres(bouncer!.url, { max: 3, ...THROUGH_PGBOUNCER, onnotice: () => {} }));
    try {
      const pids = new Set<string>();
      const work = (sql: postgres.Sql, i: number): Promise<unknown> => {
        switch (i % 4) {
          case 0:
            return sql`select 1 as one`; // no parameters: the kind postgres.js pipelines
          case 1:
            return sql`select ${i}::int as n`;
          case 2:
            return sql.begin(async (tx) => {
              const [first] = await tx`select pg_backend_pid()::text as pid, txid_current()::text as xid`;
              const [again] = await tx`select pg_backend_pid()::text as pid, txid_current()::text as xid`;
              // The same server connection and the same transaction throughout.
              if (first!.pid !== again!.pid || first!.xid !== again!.xid) throw new Error(`transaction moved: ${JSON.stringify([first, again])}`);
              pids.add(first!.pid);
            });
          default:
            return sql`select pg_sleep(0.001)`;
        }
      };
      for (let r = 0; r < 40; r++) {
        const outcome = await round(
          Array.from({ length: 24 }, (_, i) => work(pools[i % 2]!, i + r)),
          10_000,
        );
        expect(outcome, `round ${r}\n${(await bouncer!.log()).slice(-2000)}`).toBe('answered');
      }
      expect(pids.size).toBeGreaterThan(0);
      expect(await bouncer!.log()).not.toContain('when not linked');
    } finally {
      await Promise.all(pools.map((p) => p.end({ timeout: 2 })));
    }
  });

  it('keeps a transaction’s work to itself: a rolled-back write is seen by no other query', async () => {
    const sql = postgres(bouncer!.url, { max: 2, ...THROUGH_PGBOUNCER, onnotice: () => {} });
    try {
      await sql`create table if not exists pipelining_probe (n int)`;
      const seen: number[] = [];
      await sql
        .begin(async (tx) => {
          await tx`insert into pipelining_probe values (1)`;
          // Other queries at the same moment must not run inside this transaction.
          const others = await Promise.all(Array.from({ length: 6 }, () => sql<{ n: number }[]>`select count(*)::int as n from pipelining_probe`));
          seen.push(...others.map((o) => o[0]!.n));
          throw new Error('roll back');
        })
        .catch((err: Error) => expect(err.message).toBe('roll back'));
      expect(seen).toEqual([0, 0, 0, 0, 0, 0]);
      const [after] = await sql<{ n: number }[]>`select count(*)::int as n from pipelining_probe`;
      expect(after!.n).toBe(0);
    } finally {
      await sql.end({ timeout: 2 });
    }
  });
});

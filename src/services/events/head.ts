/**
 * How far the event log may be read. Seqs come from a sequence, so a transaction may commit seq 7
 * while another still holds seq 6; a reader that went past 6 then would never see it. The settled
 * head is a seq below which every transaction that took one has ended: read the highest seq handed
 * out, then wait for the transactions in flight after that read. Each writer takes its
 * transaction id before its seqs (`lianfang_next_event_seq`), so whoever holds a seq at or below
 * that head is either ended or among them. Waits only as long as the writes in flight take.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function rows<T>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** The highest seq handed out so far; its transaction may still be in flight. */
export async function handedOutSeq(db: Database): Promise<number> {
  const [row] = await rows<{ head: string | number }>(db, sql`select case when is_called then last_value else last_value - 1 end as head from events_seq`);
  return Number(row?.head ?? 0);
}

/**
 * The transactions in flight now, by the lock each holds on its own id from the moment it has one
 * until its commit is visible. (A snapshot's in-progress list leaves out ids at or above its
 * xmax, which is only the latest completed id + 1, so it cannot serve.) Only this database's:
 * no other database writes our log, and a long transaction next door must not hold delivery up.
 */
const IN_FLIGHT = sql`
  select l.transactionid::text as xid from pg_locks l join pg_stat_activity a on a.pid = l.pid
  where l.locktype = 'transactionid' and l.mode = 'ExclusiveLock' and l.granted and a.datname = current_database()`;

async function inFlight(db: Database): Promise<string[]> {
  return (await rows<{ xid: string }>(db, IN_FLIGHT)).map((r) => r.xid);
}

async function waitUntilEnded(db: Database, xids: string[]): Promise<void> {
  let pending = xids;
  for (let pause = 2; pending.length > 0; pause = Math.min(pause * 2, 20)) {
    await sleep(pause);
    const still = new Set(await inFlight(db));
    pending = pending.filter((x) => still.has(x));
  }
}

/** A seq up to which the log is final: nothing will ever commit at or below it any more. */
export async function settledSeq(db: Database): Promise<number> {
  return settle(db, await handedOutSeq(db));
}

/** `head`, just read by handedOutSeq, once the transactions in flight now have ended. */
export async function settle(db: Database, head: number): Promise<number> {
  const xids = await inFlight(db);
  if (xids.length > 0) await waitUntilEnded(db, xids);
  return head;
}

/**
 * How far behind the relay and the engine are, read from the database (so every node agrees):
 * relay lag is the highest seq handed out minus the last seq this node delivered; engine lag is the age of the
 * oldest due step no engine has taken yet (acknowledgement, task and upward-report timers,
 * queued deliveries, housekeeping).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { handedOutSeq } from '../services/events/head.js';

export async function relayLagEvents(db: Database, deliveredSeq: number): Promise<number> {
  return Math.max(0, (await handedOutSeq(db)) - deliveredSeq);
}

export async function engineLagSeconds(db: Database, now: Date): Promise<number> {
  const at = now.toISOString();
  const result = (await db.execute(sql`
    select extract(epoch from (${at}::timestamptz - min(due)))::float8 as lag from (
      select min(next_escalation_at) as due from notifications where state = 'pending' and next_escalation_at <= ${at}::timestamptz
      union all select min(next_escalation_at) from response_tasks where state in ('open', 'accepted', 'blocked') and next_escalation_at <= ${at}::timestamptz
      union all select min(next_chase_at) from obligations where submitted_at is null and next_chase_at <= ${at}::timestamptz
      union all select min(next_attempt_at) from deliveries where state = 'queued' and channel <> 'socket' and next_attempt_at <= ${at}::timestamptz
      union all select (value->>'nextRunAt')::timestamptz from settings where key = 'housekeeping' and (value->>'nextRunAt')::timestamptz <= ${at}::timestamptz
    ) d`)) as unknown as { lag: number | null }[] | { rows: { lag: number | null }[] };
  const rows = Array.isArray(result) ? result : result.rows;
  return Math.max(0, Number(rows[0]?.lag ?? 0));
}

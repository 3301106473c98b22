/**
 * What never reached a unit about its standing work: the messages of its requests the dispatcher
 * gave up on (a wrong number, a robot refused, SMS not configured), in plain words, so the office
 * sees on the request's own page that the unit may not know it was asked and can phone it.
 * A message not sent because the request was answered meanwhile is no failure and not listed.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deliveries } from '../../db/schema.js';
import { plainFailureReason, STOPPED_REASON } from '../../domain/delivery-failure.js';
import type { StandingRequestRow } from './requests.js';
import { requestWithUnit } from './views.js';

export interface Undelivered {
  channel: string;
  reason: string;
  at: string;
}

export async function undeliveredOf(db: Database, requestIds: string[]): Promise<Map<string, Undelivered[]>> {
  const out = new Map<string, Undelivered[]>();
  if (requestIds.length === 0) return out;
  const rows = await db
    .select({ requestId: deliveries.standingRequestId, channel: deliveries.channel, reason: deliveries.failureReason, at: deliveries.failedAt })
    .from(deliveries)
    .where(and(inArray(deliveries.standingRequestId, requestIds), eq(deliveries.state, 'failed'), sql`${deliveries.failureReason} is distinct from ${STOPPED_REASON}`))
    .orderBy(asc(deliveries.failedAt));
  for (const row of rows) {
    const list = out.get(row.requestId!) ?? [];
    list.push({ channel: row.channel, reason: plainFailureReason(row.reason, row.channel), at: (row.at ?? new Date(0)).toISOString() });
    out.set(row.requestId!, list);
  }
  return out;
}

/** The office's view of requests, each with what did not reach its unit. */
export async function requestsWithUndelivered(db: Database, rows: readonly { r: StandingRequestRow; unitName: string }[]) {
  const undelivered = await undeliveredOf(db, rows.map((x) => x.r.id));
  return rows.map((x) => ({ ...requestWithUnit(x), undelivered: undelivered.get(x.r.id) ?? [] }));
}

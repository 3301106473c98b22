/**
 * The dispatcher's part for the joint meeting's standing work (a meeting reply, minutes to agree,
 * an agreed item, a campaign task, the annual submission): loads the requests a batch of claimed
 * deliveries is about and renders each. They link to the unit's phone page at the request.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { deliveries, jurisdictions, memberUnits, standingRequests } from '../db/schema.js';
import type { ChannelAdapter, ContactPoint, SendResult } from '../delivery/channel.js';
import { composeStandingMessage } from '../delivery/compose.js';
import { isChased } from '../domain/standing/requests.js';

type Delivery = typeof deliveries.$inferSelect;
type Point = { id: string; channel: string; provider: string; address: string; secret: Record<string, string>; enabled: boolean };

export async function loadStandingContext(db: Database, claimed: Delivery[]) {
  const ids = [...new Set(claimed.flatMap((d) => (d.standingRequestId ? [d.standingRequestId] : [])))];
  if (ids.length === 0) return new Map<string, StandingRow>();
  const rows = await db
    .select({ r: standingRequests, unitName: memberUnits.name, utcOffset: jurisdictions.utcOffset })
    .from(standingRequests)
    .innerJoin(jurisdictions, eq(jurisdictions.id, standingRequests.jurisdictionId))
    .innerJoin(memberUnits, eq(memberUnits.id, standingRequests.unitId))
    .where(inArray(standingRequests.id, ids));
  return new Map(rows.map((row) => [row.r.id, row]));
}

type StandingRow = { r: typeof standingRequests.$inferSelect; unitName: string; utcOffset: string };

export function prepareStandingDelivery(
  d: Delivery,
  point: Point | undefined,
  row: StandingRow | undefined,
  adapters: Partial<Record<ContactPoint['provider'], ChannelAdapter>>,
  publicUrl: string,
): { skip: SendResult } | { adapter: ChannelAdapter; message: ReturnType<typeof composeStandingMessage>; contact: ContactPoint } {
  if (!row || !point || !point.enabled) return { skip: { ok: false, temporary: false, reason: '联系方式已删除或停用 (contact point removed)' } };
  // Answered, withdrawn or superseded meanwhile: nothing left to ask. A notice of a change is told regardless.
  if (!d.notice && !isChased(row.r.state)) return { skip: { ok: false, temporary: false, stopped: true, reason: '事项已办理或已撤回，无需提醒 (no longer asked)' } };
  const adapter = adapters[point.provider as ContactPoint['provider']];
  if (!adapter) return { skip: { ok: false, temporary: false, reason: `未配置 ${point.provider} 通道 (channel not configured)` } };
  const message = composeStandingMessage({
    deliveryId: d.id,
    round: d.round,
    request: { id: row.r.id, kind: row.r.kind, unitName: row.unitName, title: row.r.title, dueAt: row.r.dueAt },
    notice: d.notice,
    url: `${publicUrl}/m?standing=${encodeURIComponent(row.r.id)}`,
    utcOffset: row.utcOffset,
  });
  const contact: ContactPoint = { id: point.id, channel: point.channel as ContactPoint['channel'], provider: point.provider as ContactPoint['provider'], address: point.address, secret: point.secret };
  return { adapter, message, contact };
}

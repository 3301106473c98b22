/**
 * Records that a person's device received (or opened) a notification. Called in batches by the
 * socket layer; the first delivery and first read of a unit's notification become events.
 */
import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deliveries, incidents, notifications } from '../../db/schema.js';
import type { Channel } from '../../domain/enums.js';
import type { Services } from '../context.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { insertChunks } from '../../db/insert-chunks.js';

export interface DeliveryReceipt {
  notificationId: string;
  userId: string;
  channel: Channel;
  at: Date;
  /** delivered: the device has it; read: the person opened it. */
  stage: 'delivered' | 'read';
  /** The delivery row this receipt answers (push, SMS link); without it the person's in-app row is used. */
  deliveryId?: string | null;
}

/** Receipts for the same in-app row merged into one: the earliest times, read if any was a read. */
interface MergedReceipt {
  notificationId: string;
  userId: string;
  channel: Channel;
  at: Date;
  readAt: Date | null;
  count: number;
}

function mergeByRow(receipts: DeliveryReceipt[]): MergedReceipt[] {
  const byRow = new Map<string, MergedReceipt>();
  for (const r of receipts) {
    const key = JSON.stringify([r.notificationId, r.channel, r.userId]);
    const readAt = r.stage === 'read' ? r.at : null;
    const seen = byRow.get(key);
    if (!seen) byRow.set(key, { notificationId: r.notificationId, userId: r.userId, channel: r.channel, at: r.at, readAt, count: 1 });
    else {
      seen.count++;
      if (r.at < seen.at) seen.at = r.at;
      if (readAt && (!seen.readAt || readAt < seen.readAt)) seen.readAt = readAt;
    }
  }
  return [...byRow.values()];
}

async function rowsOf<T>(tx: Database, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

/** Sets a first time on the notifications that have none yet; the ids it set. */
async function setFirstTimes(tx: Database, column: 'first_delivered_at' | 'first_read_at', firsts: Map<string, Date>): Promise<Set<string>> {
  if (firsts.size === 0) return new Set();
  // Raw SQL parameters are not mapped by column type, so a time goes in as ISO text.
  const values = sql.join(
    [...firsts].map(([id, at]) => sql`(${id}, ${at.toISOString()}::timestamptz)`),
    sql`, `,
  );
  const alsoDelivered = column === 'first_read_at' ? sql`, first_delivered_at = coalesce(n.first_delivered_at, v.at)` : sql``;
  const set = await rowsOf<{ id: string }>(
    tx,
    sql`update notifications n set ${sql.raw(column)} = v.at${alsoDelivered} from (values ${values}) as v(id, at)
        where n.id = v.id and n.${sql.raw(column)} is null returning n.id`,
  );
  return new Set(set.map((r) => r.id));
}

/**
 * One transaction of a few statements however many receipts: a reconnect storm's deliveries are
 * written per flush, not per device.
 */
export async function recordDeliveries(services: Services, receipts: DeliveryReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    for (const r of receipts) {
      if (!r.deliveryId) continue;
      const read = r.stage === 'read';
      const at = sql`${r.at.toISOString()}::timestamptz`;
      await tx
        .update(deliveries)
        .set({
          state: read ? 'read' : sql`case when ${deliveries.state} = 'read' then 'read'::delivery_state else 'delivered'::delivery_state end`,
          deliveredAt: sql`coalesce(${deliveries.deliveredAt}, ${at})`,
          readAt: read ? sql`coalesce(${deliveries.readAt}, ${at})` : sql`${deliveries.readAt}`,
        })
        .where(eq(deliveries.id, r.deliveryId));
    }
    const inApp = mergeByRow(receipts.filter((r) => !r.deliveryId));
    for (const chunk of insertChunks(deliveries, inApp))
      await tx
        .insert(deliveries)
        .values(
          chunk.map((r) => ({
            id: newId('dlv', now.getTime()),
            notificationId: r.notificationId,
            round: 0,
            userId: r.userId,
            channel: r.channel,
            recipientKey: r.userId,
            state: r.readAt ? ('read' as const) : ('delivered' as const),
            queuedAt: r.at,
            sentAt: r.at,
            deliveredAt: r.at,
            readAt: r.readAt,
            attempts: r.count,
          })),
        )
        .onConflictDoUpdate({
          target: [deliveries.notificationId, deliveries.round, deliveries.channel, deliveries.recipientKey],
          set: {
            state: sql`case when ${deliveries.state} = 'read' or excluded.state = 'read' then 'read'::delivery_state else 'delivered'::delivery_state end`,
            sentAt: sql`coalesce(${deliveries.sentAt}, excluded.sent_at)`,
            deliveredAt: sql`coalesce(${deliveries.deliveredAt}, excluded.delivered_at)`,
            readAt: sql`coalesce(${deliveries.readAt}, excluded.read_at)`,
            attempts: sql`${deliveries.attempts} + excluded.attempts`,
          },
        });

    // The earliest receipt of each notification (any is a delivery; a read is also a read), in one pass.
    const earliestDelivery = new Map<string, DeliveryReceipt>();
    const earliestRead = new Map<string, DeliveryReceipt>();
    for (const r of receipts) {
      const d = earliestDelivery.get(r.notificationId);
      if (!d || r.at < d.at) earliestDelivery.set(r.notificationId, r);
      const rd = earliestRead.get(r.notificationId);
      if (r.stage === 'read' && (!rd || r.at < rd.at)) earliestRead.set(r.notificationId, r);
    }
    const ids = [...earliestDelivery.keys()];
    const firstOf = (id: string, stage: 'delivered' | 'read') => (stage === 'read' ? earliestRead : earliestDelivery).get(id);
    const firstDelivered = new Map([...earliestDelivery].map(([id, r]) => [id, r.at]));
    const firstRead = new Map([...earliestRead].map(([id, r]) => [id, r.at]));
    const delivered = await setFirstTimes(tx, 'first_delivered_at', firstDelivered);
    const read = await setFirstTimes(tx, 'first_read_at', firstRead);
    if (delivered.size === 0 && read.size === 0) return;

    const rows = await tx
      .select({ n: notifications, jurisdictionId: incidents.jurisdictionId })
      .from(notifications)
      .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
      .where(inArray(notifications.id, [...new Set([...delivered, ...read])]));
    const events: NewEvent[] = [];
    for (const id of ids) {
      const row = rows.find((r) => r.n.id === id);
      if (!row) continue;
      const { n, jurisdictionId } = row;
      for (const [type, first] of [
        ['notification.delivered', delivered.has(id) ? firstOf(id, 'delivered') : undefined],
        ['notification.read', read.has(id) ? firstOf(id, 'read') : undefined],
      ] as const) {
        if (!first) continue;
        events.push({
          type,
          jurisdictionId,
          incidentId: n.incidentId,
          audienceUnits: [n.unitId],
          actorId: first.userId,
          data: { notificationId: n.id, unitId: n.unitId, userId: first.userId, channel: first.channel, at: first.at.toISOString() },
        });
      }
    }
    await appendEvents(tx, now, events);
  });
}

/**
 * Records that a person's device received (or opened) a notification. Called in batches by the
 * socket layer; the first delivery and first read of a unit's notification become events.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { deliveries, incidents, notifications } from '../../db/schema.js';
import type { Channel } from '../../domain/enums.js';
import type { Services } from '../context.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { newId } from '../ids.js';

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

export async function recordDeliveries(services: Services, receipts: DeliveryReceipt[]): Promise<void> {
  if (receipts.length === 0) return;
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    for (const r of receipts) {
      const read = r.stage === 'read';
      // Raw SQL parameters are not mapped by column type, so a time goes in as ISO text.
      const at = sql`${r.at.toISOString()}::timestamptz`;
      if (r.deliveryId) {
        await tx
          .update(deliveries)
          .set({
            state: read ? 'read' : sql`case when ${deliveries.state} = 'read' then 'read'::delivery_state else 'delivered'::delivery_state end`,
            deliveredAt: sql`coalesce(${deliveries.deliveredAt}, ${at})`,
            readAt: read ? sql`coalesce(${deliveries.readAt}, ${at})` : sql`${deliveries.readAt}`,
          })
          .where(eq(deliveries.id, r.deliveryId));
        continue;
      }
      await tx
        .insert(deliveries)
        .values({
          id: newId('dlv', now.getTime()),
          notificationId: r.notificationId,
          round: 0,
          userId: r.userId,
          channel: r.channel,
          recipientKey: r.userId,
          state: r.stage,
          queuedAt: r.at,
          sentAt: r.at,
          deliveredAt: r.at,
          readAt: read ? r.at : null,
          attempts: 1,
        })
        .onConflictDoUpdate({
          target: [deliveries.notificationId, deliveries.round, deliveries.channel, deliveries.recipientKey],
          set: {
            state: read ? sql`'read'::delivery_state` : sql`case when ${deliveries.state} = 'read' then 'read'::delivery_state else 'delivered'::delivery_state end`,
            sentAt: sql`coalesce(${deliveries.sentAt}, ${at})`,
            deliveredAt: sql`coalesce(${deliveries.deliveredAt}, ${at})`,
            readAt: read ? sql`coalesce(${deliveries.readAt}, ${at})` : sql`${deliveries.readAt}`,
            attempts: sql`${deliveries.attempts} + 1`,
          },
        });
    }
    const ids = [...new Set(receipts.map((r) => r.notificationId))];
    const earliest = (id: string, stage: 'delivered' | 'read') =>
      receipts.filter((r) => r.notificationId === id && (stage === 'delivered' || r.stage === 'read')).sort((a, b) => +a.at - +b.at)[0];
    const events: NewEvent[] = [];
    const rows = await tx
      .select({ n: notifications, jurisdictionId: incidents.jurisdictionId })
      .from(notifications)
      .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
      .where(inArray(notifications.id, ids));
    for (const { n, jurisdictionId } of rows) {
      const firstDelivery = earliest(n.id, 'delivered');
      if (firstDelivery) {
        const [set] = await tx
          .update(notifications)
          .set({ firstDeliveredAt: firstDelivery.at })
          .where(and(eq(notifications.id, n.id), isNull(notifications.firstDeliveredAt)))
          .returning({ id: notifications.id });
        if (set)
          events.push({
            type: 'notification.delivered',
            jurisdictionId,
            incidentId: n.incidentId,
            audienceUnits: [n.unitId],
            actorId: firstDelivery.userId,
            data: { notificationId: n.id, unitId: n.unitId, userId: firstDelivery.userId, channel: firstDelivery.channel, at: firstDelivery.at.toISOString() },
          });
      }
      const firstRead = earliest(n.id, 'read');
      if (firstRead) {
        const [set] = await tx
          .update(notifications)
          .set({ firstReadAt: firstRead.at, firstDeliveredAt: sql`coalesce(${notifications.firstDeliveredAt}, ${firstRead.at.toISOString()}::timestamptz)` })
          .where(and(eq(notifications.id, n.id), isNull(notifications.firstReadAt)))
          .returning({ id: notifications.id });
        if (set)
          events.push({
            type: 'notification.read',
            jurisdictionId,
            incidentId: n.incidentId,
            audienceUnits: [n.unitId],
            actorId: firstRead.userId,
            data: { notificationId: n.id, unitId: n.unitId, userId: firstRead.userId, channel: firstRead.channel, at: firstRead.at.toISOString() },
          });
      }
    }
    await appendEvents(tx, now, events);
  });
}

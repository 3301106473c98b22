/**
 * 签收: the first of a unit's people to acknowledge does it for the unit. The update only succeeds
 * on a pending notification, so two liaisons tapping at once produce exactly one acknowledgement;
 * a repeat by anyone is answered with the acknowledgement that stands.
 */
import { and, eq } from 'drizzle-orm';
import { alerts, memberUnits, notifications, users } from '../../db/schema.js';
import { settleAlerts } from '../alerts/settle-alerts.js';
import type { Channel } from '../../domain/enums.js';
import type { Actor, Services } from '../context.js';
import { conflict } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { notificationView } from '../incidents/views.js';
import { incidentClosed, incidentStatusOf, loadNotificationForAction, ofOpenIncident } from './load.js';

export interface AcknowledgeInput {
  note?: string;
  channel: Channel;
}

export async function acknowledgeNotification(services: Services, actor: Actor, notificationId: string, input: AcknowledgeInput) {
  const loaded = await loadNotificationForAction(services.db, actor, notificationId);
  const { jurisdictionId } = loaded;
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [acknowledged] = await tx
      .update(notifications)
      .set({
        state: 'acknowledged',
        acknowledgedAt: now,
        acknowledgedBy: actor.id,
        acknowledgedVia: input.channel,
        acknowledgementNote: input.note ?? null,
        closedAt: now,
        nextEscalationAt: null,
      })
      .where(and(eq(notifications.id, notificationId), eq(notifications.state, 'pending'), ofOpenIncident(tx)))
      .returning();
    if (acknowledged) {
      const view = { ...notificationView(acknowledged, loaded.unitName), acknowledgedByName: actor.displayName };
      // A late acknowledgement settles its 督办: the unit is no longer the one the board is waiting for.
      const settled = await settleAlerts(tx, { where: eq(alerts.notificationId, notificationId), kinds: ['ack_overdue'], resolution: `${loaded.unitName}已签收（${actor.displayName}）`, now, actor });
      await appendEvents(tx, now, [
        {
          type: 'notification.acknowledged',
          jurisdictionId,
          incidentId: acknowledged.incidentId,
          audienceUnits: [acknowledged.unitId],
          actorId: actor.id,
          data: { notification: view },
        },
        ...settled,
      ]);
      return { notification: view, alreadyAcknowledged: false };
    }
    const [current] = await tx
      .select({ n: notifications, unitName: memberUnits.name, byName: users.displayName })
      .from(notifications)
      .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
      .leftJoin(users, eq(users.id, notifications.acknowledgedBy))
      .where(eq(notifications.id, notificationId));
    const { n, unitName, byName } = current!;
    if (n.state === 'acknowledged')
      return { notification: { ...notificationView(n, unitName), acknowledgedByName: byName }, alreadyAcknowledged: true };
    if ((await incidentStatusOf(tx, n.incidentId)) === 'closed') throw incidentClosed();
    if (n.state === 'declined') throw conflict('本单位已退回该通知，不能再签收 (already declined)', { state: n.state });
    throw conflict('该通知已被新的续报取代，请签收最新通知 (superseded by a newer report version)', { state: n.state });
  });
}

/** 退回: a unit declines a notification with its reason; the commanders must resolve it. */
import { and, eq } from 'drizzle-orm';
import { notifications, users } from '../../db/schema.js';
import { repeatsDecline } from '../../domain/declines.js';
import type { Actor, Services } from '../context.js';
import { conflict } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { notificationView } from '../incidents/views.js';
import { incidentClosed, incidentStatusOf, loadNotificationForAction, ofOpenIncident } from './load.js';
import { raiseAlert } from '../alerts/raise-alert.js';

export async function declineNotification(services: Services, actor: Actor, notificationId: string, reason: string) {
  const { jurisdictionId, unitName } = await loadNotificationForAction(services.db, actor, notificationId);
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [declined] = await tx
      .update(notifications)
      .set({ state: 'declined', declinedAt: now, declinedBy: actor.id, declineReason: reason, closedAt: now, nextEscalationAt: null })
      .where(and(eq(notifications.id, notificationId), eq(notifications.state, 'pending'), ofOpenIncident(tx)))
      .returning();
    if (!declined) {
      const [n] = await tx
        .select({ n: notifications, byName: users.displayName })
        .from(notifications)
        .leftJoin(users, eq(users.id, notifications.declinedBy))
        .where(eq(notifications.id, notificationId));
      // The same decline sent again (the phone's outbox retrying after a lost answer) is the one recorded.
      if (repeatsDecline(n!.n, reason)) return { notification: { ...notificationView(n!.n, unitName), declinedByName: n!.byName }, alreadyDeclined: true };
      if ((await incidentStatusOf(tx, n!.n.incidentId)) === 'closed') throw incidentClosed();
      throw conflict(
        n!.n.state === 'declined' ? '本单位已退回该通知 (already declined)' : n!.n.state === 'acknowledged' ? '本单位已签收，不能退回 (already acknowledged)' : '该通知已被新的续报取代 (superseded)',
        { state: n!.n.state },
      );
    }
    const view = { ...notificationView(declined, unitName), declinedByName: actor.displayName };
    // A decline goes to the commanders at once: they must resolve every one.
    const alert = await raiseAlert(tx, {
      jurisdictionId,
      incidentId: declined.incidentId,
      notificationId: declined.id,
      unitId: declined.unitId,
      kind: 'declined',
      reason: `${unitName}退回：${reason}`,
      now,
    });
    await appendEvents(tx, now, [
      {
        type: 'notification.declined',
        jurisdictionId,
        incidentId: declined.incidentId,
        audienceUnits: [declined.unitId],
        actorId: actor.id,
        data: { notification: view },
      },
      ...(alert ? [alert] : []),
    ]);
    return { notification: view, alreadyDeclined: false };
  });
}

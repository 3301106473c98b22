/**
 * A decline (退回) stays open for the commanders until one of them resolves it: reassign the duty
 * to another unit, which is then notified (a new notification on the current report version), or
 * confirm the decline with a reason. Either way the `declined` 督办 alert closes with it.
 */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { alerts, incidents, memberUnits, notifications, users } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import { repeatsDeclineResolution } from '../../domain/declines.js';
import type { UnitRole } from '../../domain/enums.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { settleAlerts } from '../alerts/settle-alerts.js';
import { latestVersion } from '../incidents/load.js';
import { notifyUnits } from '../incidents/notify-units.js';
import { notificationView } from '../incidents/views.js';
import { isCommander } from '../../domain/policy/index.js';

export type ResolveDeclineInput =
  | { action: 'reassign'; unitId: string; role?: UnitRole; reason: string }
  | { action: 'confirm'; reason: string };

export async function resolveDecline(services: Services, actor: Actor, notificationId: string, input: ResolveDeclineInput) {
  const [found] = await services.db
    .select({ n: notifications, incident: incidents })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .where(eq(notifications.id, notificationId));
  if (!found) throw notFound('通知');
  const { incident } = found;
  if (!isCommission(actor)) {
    if (actor.unitId !== found.n.unitId) throw notFound('通知');
    throw forbidden('退回由指挥长处理 (a commander resolves a decline)');
  }
  if (!servesJurisdiction(actor, incident.jurisdictionId)) throw notFound('通知');
  if (!isCommander(actor)) throw forbidden('退回由指挥长处理 (a commander resolves a decline)');
  const now = services.clock();

  return services.db.transaction(async (tx) => {
    const [n] = await tx.select().from(notifications).where(eq(notifications.id, notificationId)).for('update');
    if (n!.state !== 'declined') throw conflict('该通知未被退回 (not declined)', { state: n!.state });
    if (n!.declineResolvedAt) {
      const recorded = await recordedResolution(tx, n!);
      const asked = input.action === 'reassign' ? { ...input, role: input.role ?? n!.role } : input;
      // The same resolution sent again (its answer lost on the way back) is the one recorded.
      if (repeatsDeclineResolution({ ...n!, reassigned: recorded.reassignedTo }, asked)) return { ...recorded, alreadyResolved: true };
      throw conflict('该退回已处理 (already resolved)', { resolution: n!.declineResolution });
    }
    const events: NewEvent[] = [];
    let reassigned: ReturnType<typeof notificationView> | null = null;
    if (input.action === 'reassign') {
      if (incident.status !== 'open') throw conflict('事故已结案，不能改派 (incident is closed)');
      const [unit] = await tx
        .select({ id: memberUnits.id, name: memberUnits.name })
        .from(memberUnits)
        .where(and(eq(memberUnits.id, input.unitId), eq(memberUnits.jurisdictionId, incident.jurisdictionId), isNull(memberUnits.retiredAt)));
      if (!unit) throw invalid('改派单位有误', [{ field: 'unitId', message: `${input.unitId} 不是本辖区的成员单位 (not a member unit here)` }]);
      const current = await latestVersion(tx, incident.id);
      const [already] = await tx
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(eq(notifications.incidentId, incident.id), eq(notifications.reportVersion, current.version), eq(notifications.unitId, unit.id)));
      if (already) throw invalid('改派单位有误', [{ field: 'unitId', message: `${unit.name}已收到本版本的通知 (already notified of this version)` }]);
      const [declinedUnit] = await tx.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, n!.unitId));
      const book = await services.rulebooks.current(incident.jurisdictionId, tx);
      const fanOut = await notifyUnits(tx, {
        incident,
        facts: current.facts,
        version: current.version,
        routing: [
          {
            unitId: unit.id,
            unitName: unit.name,
            role: input.role ?? n!.role,
            basis: `指挥长改派：${input.reason}（${declinedUnit!.name}退回：${n!.declineReason}）`,
            clauses: [],
          },
        ],
        book: book!,
        severity: incident.severity,
        now,
        actorId: actor.id,
        voiceCalls: services.voiceCalls,
      });
      reassigned = fanOut.views[0]!;
      events.push(...fanOut.events);
    }
    const [resolved] = await tx
      .update(notifications)
      .set({
        declineResolvedAt: now,
        declineResolvedBy: actor.id,
        declineResolution: input.action === 'reassign' ? 'reassigned' : 'confirmed',
        declineResolutionReason: input.reason,
        reassignedTo: reassigned?.id ?? null,
      })
      .where(eq(notifications.id, notificationId))
      .returning();
    const [unit] = await tx.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, n!.unitId));
    const resolution = input.action === 'reassign' ? `改派${reassigned!.unitName}：${input.reason}` : `确认退回：${input.reason}`;
    // The unit was asked again by a later version meanwhile (a 续报 the duty officer routed to it):
    // the decline now settled answers that too, so that notice is withdrawn, not chased.
    const later = await tx
      .update(notifications)
      .set({ state: 'withdrawn', closedAt: now, nextEscalationAt: null })
      .where(and(eq(notifications.incidentId, n!.incidentId), eq(notifications.unitId, n!.unitId), eq(notifications.state, 'pending'), gt(notifications.reportVersion, n!.reportVersion)))
      .returning({ id: notifications.id, unitId: notifications.unitId, reportVersion: notifications.reportVersion });
    for (const w of later)
      events.push({ type: 'notification.withdrawn', jurisdictionId: incident.jurisdictionId, incidentId: incident.id, audienceUnits: [w.unitId], actorId: actor.id, data: { notificationId: w.id, unitId: w.unitId, byVersion: w.reportVersion } });
    if (later.length)
      events.push(...(await settleAlerts(tx, { where: inArray(alerts.notificationId, later.map((w) => w.id)), kinds: ['ack_overdue'], resolution, now, actor })));
    const settled = await settleAlerts(tx, { where: eq(alerts.notificationId, notificationId), kinds: ['declined'], resolution, now, actor });
    const view = { ...notificationView(resolved!, unit!.name), declineResolvedByName: actor.displayName };
    events.unshift({
      type: 'notification.decline_resolved',
      jurisdictionId: incident.jurisdictionId,
      incidentId: incident.id,
      audienceUnits: [n!.unitId],
      actorId: actor.id,
      data: { notification: view, action: input.action, reason: input.reason, reassignedTo: reassigned, by: actor.displayName },
    });
    events.push(...settled);
    await appendEvents(tx, now, events);
    return { notification: view, reassignedTo: reassigned, alreadyResolved: false };
  });
}

/** The resolution as it was answered when it was made. */
async function recordedResolution(tx: Database, n: typeof notifications.$inferSelect) {
  const [declined] = await tx
    .select({ unitName: memberUnits.name, byName: users.displayName })
    .from(memberUnits)
    .leftJoin(users, eq(users.id, n.declineResolvedBy ?? ''))
    .where(eq(memberUnits.id, n.unitId));
  const [reassigned] = n.reassignedTo
    ? await tx.select({ n: notifications, unitName: memberUnits.name }).from(notifications).innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId)).where(eq(notifications.id, n.reassignedTo))
    : [];
  return {
    notification: { ...notificationView(n, declined!.unitName), declineResolvedByName: declined!.byName },
    reassignedTo: reassigned ? notificationView(reassigned.n, reassigned.unitName) : null,
  };
}

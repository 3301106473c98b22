/** 督办 alerts: the commanders' list of what needs them, and closing one with how it was resolved. */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { alerts, incidents, memberUnits, standingRequests } from '../../db/schema.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { isCommander, isSystemAdmin } from '../../domain/policy/index.js';
import { repeatsAlertResolution } from '../../domain/alert-resolution.js';
import type { Database } from '../../db/client.js';

/** The incident an alert is about, named even once it is closed and gone from the board. */
export interface AlertIncident {
  id: string;
  ref: string;
  title: string;
  status: 'open' | 'closed';
  drill: boolean;
}

const alertIncidentColumns = { id: incidents.id, ref: incidents.ref, title: incidents.title, status: incidents.status, drill: incidents.drill };

export async function alertIncident(db: Services['db'], incidentId: string): Promise<AlertIncident> {
  const [row] = await db.select(alertIncidentColumns).from(incidents).where(eq(incidents.id, incidentId));
  return row!;
}

/**
 * What any alert is about, in a title and a link: the incident (its ref and title), or the
 * standing work (the request's own words, linked to where the desk shows it, e.g. its meeting).
 */
export interface AlertSubject {
  kind: 'incident' | 'standing';
  title: string;
  link: string;
}

export async function alertSubject(db: Services['db'], a: { incidentId: string | null; standingRequestId: string | null }): Promise<AlertSubject> {
  if (a.incidentId) {
    const inc = await alertIncident(db, a.incidentId);
    return { kind: 'incident', title: `${inc.ref} ${inc.title}`, link: `/duty/incidents/${encodeURIComponent(inc.id)}` };
  }
  const [r] = await db.select({ title: standingRequests.title, link: standingRequests.link }).from(standingRequests).where(eq(standingRequests.id, a.standingRequestId ?? ''));
  return { kind: 'standing', title: r?.title ?? '联席会议事项', link: r?.link ?? '/meetings' };
}

function alertView(a: typeof alerts.$inferSelect, unitName: string | null, incident: AlertIncident | null, subject: AlertSubject) {
  return {
    incident,
    subject,
    id: a.id,
    jurisdictionId: a.jurisdictionId,
    incidentId: a.incidentId,
    notificationId: a.notificationId,
    taskId: a.taskId,
    obligationId: a.obligationId,
    standingRequestId: a.standingRequestId,
    unitId: a.unitId,
    unitName,
    kind: a.kind,
    reason: a.reason,
    raisedAt: a.raisedAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedBy: a.resolvedBy,
    resolution: a.resolution,
  };
}

export async function listAlerts(services: Services, actor: Actor, filter: { open: boolean; incidentId?: string }) {
  if (!isCommission(actor)) throw forbidden('督办只对卫健委开放 (alerts are for the commission)');
  const rows = await services.db
    .select({ a: alerts, unitName: memberUnits.name, incident: alertIncidentColumns, standingTitle: standingRequests.title, standingLink: standingRequests.link })
    .from(alerts)
    .leftJoin(incidents, eq(incidents.id, alerts.incidentId))
    .leftJoin(standingRequests, eq(standingRequests.id, alerts.standingRequestId))
    .leftJoin(memberUnits, eq(memberUnits.id, alerts.unitId))
    .where(
      and(
        isSystemAdmin(actor) ? undefined : eq(alerts.jurisdictionId, actor.jurisdictionId!),
        filter.open ? isNull(alerts.resolvedAt) : undefined,
        filter.incidentId ? eq(alerts.incidentId, filter.incidentId) : undefined,
      ),
    )
    .orderBy(desc(alerts.raisedAt))
    .limit(500);
  return {
    alerts: rows.map(({ a, unitName, incident, standingTitle, standingLink }) => {
      const named = incident?.id ? (incident as AlertIncident) : null;
      const subject: AlertSubject = named
        ? { kind: 'incident', title: `${named.ref} ${named.title}`, link: `/duty/incidents/${encodeURIComponent(named.id)}` }
        : { kind: 'standing', title: standingTitle ?? '联席会议事项', link: standingLink ?? '/meetings' };
      return alertView(a, unitName, named, subject);
    }),
  };
}

export async function resolveAlert(services: Services, actor: Actor, alertId: string, resolution: string) {
  const [existing] = await services.db.select().from(alerts).where(eq(alerts.id, alertId));
  if (!existing || !isCommission(actor) || !servesJurisdiction(actor, existing.jurisdictionId)) throw notFound('督办');
  if (!isCommander(actor)) throw forbidden('督办由指挥长关闭 (only a commander closes an alert)');
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(alerts)
      .set({ resolvedAt: now, resolvedBy: actor.id, resolution })
      .where(and(eq(alerts.id, alertId), isNull(alerts.resolvedAt)))
      .returning();
    if (!closed) {
      const [current] = await tx.select().from(alerts).where(eq(alerts.id, alertId));
      if (repeatsAlertResolution(current!, resolution)) return { alert: await viewOf(tx, current!), alreadyResolved: true };
      throw conflict('该督办已关闭 (already resolved)');
    }
    const view = await viewOf(tx, closed);
    await appendEvents(tx, now, [
      { type: 'alert.resolved', jurisdictionId: closed.jurisdictionId, incidentId: closed.incidentId, actorId: actor.id, data: { alert: { ...view, resolvedByName: actor.displayName } } },
    ]);
    return { alert: view, alreadyResolved: false };
  });
}

async function viewOf(tx: Database, alert: typeof alerts.$inferSelect) {
  return alertView(alert, null, alert.incidentId ? await alertIncident(tx, alert.incidentId) : null, await alertSubject(tx, alert));
}

/** Loads a notification (with its unit's name) for a caller: 404 if it may not see it, 403 if it may see but not act. */
import { and, eq, exists } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents, memberUnits, notifications } from '../../db/schema.js';
import { isCommission, mayActForUnit, servesJurisdiction } from '../../domain/policy/index.js';
import type { Actor } from '../context.js';
import { conflict, forbidden, notFound } from '../errors.js';

export async function loadNotificationForAction(db: Database, actor: Actor, notificationId: string) {
  const [row] = await db
    .select({ n: notifications, jurisdictionId: incidents.jurisdictionId, unitName: memberUnits.name })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .where(eq(notifications.id, notificationId));
  if (!row) throw notFound('通知');
  if (isCommission(actor)) {
    if (!servesJurisdiction(actor, row.jurisdictionId)) throw notFound('通知');
    throw forbidden('只有被通知单位的联络员或负责人可以签收或退回 (only the notified unit acts on it)');
  }
  if (!mayActForUnit(actor, row.n.unitId)) throw notFound('通知');
  return row;
}

/** Only a notification of an open incident can still be acknowledged or declined: the condition joins the claiming update. */
export const ofOpenIncident = (db: Database) =>
  exists(db.select({ one: incidents.id }).from(incidents).where(and(eq(incidents.id, notifications.incidentId), eq(incidents.status, 'open'))));

/** The refusal when the incident closed before the unit acted. */
export const incidentClosed = () => conflict('该事故已终报结案，无需再签收或退回', { incidentStatus: 'closed' });

export async function incidentStatusOf(db: Database, incidentId: string) {
  const [row] = await db.select({ status: incidents.status }).from(incidents).where(eq(incidents.id, incidentId));
  return row?.status;
}

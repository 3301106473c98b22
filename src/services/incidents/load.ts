/**
 * Loads an incident the caller may see; 404 otherwise (spec §8). A member unit sees the incidents
 * it was notified of or holds a task of.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents, notifications, reportVersions, responseTasks } from '../../db/schema.js';
import { isCommission, servesJurisdiction, type Actor } from '../context.js';
import { notFound } from '../errors.js';

export async function loadVisibleIncident(db: Database, actor: Actor, incidentId: string) {
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw notFound('事故');
  if (isCommission(actor)) {
    if (!servesJurisdiction(actor, incident.jurisdictionId)) throw notFound('事故');
  } else {
    if (!actor.unitId) throw notFound('事故');
    const [notified] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.incidentId, incidentId), eq(notifications.unitId, actor.unitId)))
      .limit(1);
    if (!notified) {
      const [tasked] = await db
        .select({ id: responseTasks.id })
        .from(responseTasks)
        .where(and(eq(responseTasks.incidentId, incidentId), eq(responseTasks.unitId, actor.unitId)))
        .limit(1);
      if (!tasked) throw notFound('事故');
    }
  }
  return incident;
}

export async function latestVersion(db: Database, incidentId: string) {
  const [version] = await db
    .select()
    .from(reportVersions)
    .where(eq(reportVersions.incidentId, incidentId))
    .orderBy(desc(reportVersions.version))
    .limit(1);
  return version!;
}

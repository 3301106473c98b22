/**
 * Loads an incident the caller may see; 404 otherwise (spec §8). A member unit sees the incidents
 * it was notified of or holds a task of.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents, notifications, reportVersions, responseTasks } from '../../db/schema.js';
import { isCommission, mayViewIncident } from '../../domain/policy/index.js';
import type { Actor } from '../context.js';
import { notFound } from '../errors.js';

export async function loadVisibleIncident(db: Database, actor: Actor, incidentId: string) {
  const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
  if (!incident) throw notFound('事故');
  // Only a member unit's visibility depends on what it was sent; the policy decides either way.
  const involved = !isCommission(actor) && actor.unitId ? await unitInvolved(db, incidentId, actor.unitId) : false;
  if (!mayViewIncident(actor, incident, involved)) throw notFound('事故');
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

/** Whether the unit was notified of the incident or holds a task of it. */
async function unitInvolved(db: Database, incidentId: string, unitId: string): Promise<boolean> {
  const [notified] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(and(eq(notifications.incidentId, incidentId), eq(notifications.unitId, unitId)))
    .limit(1);
  if (notified) return true;
  const [tasked] = await db
    .select({ id: responseTasks.id })
    .from(responseTasks)
    .where(and(eq(responseTasks.incidentId, incidentId), eq(responseTasks.unitId, unitId)))
    .limit(1);
  return !!tasked;
}

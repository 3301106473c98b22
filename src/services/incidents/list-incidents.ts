/** The incidents a caller may see, newest first, optionally filtered by status and jurisdiction. */
import { and, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import type { IncidentStatus } from '../../domain/enums.js';
import { incidents, notifications, responseTasks } from '../../db/schema.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { isSystemAdmin } from '../../domain/policy/index.js';

export interface IncidentFilter {
  status?: IncidentStatus;
  jurisdictionId?: string;
  limit: number;
}

export async function listIncidents(services: Services, actor: Actor, filter: IncidentFilter) {
  const { db } = services;
  const where: (SQL | undefined)[] = [];
  if (filter.status) where.push(eq(incidents.status, filter.status));
  if (isCommission(actor)) {
    if (!isSystemAdmin(actor)) where.push(eq(incidents.jurisdictionId, actor.jurisdictionId!));
    if (filter.jurisdictionId) where.push(eq(incidents.jurisdictionId, filter.jurisdictionId));
  } else {
    const notified = db.selectDistinct({ id: notifications.incidentId }).from(notifications).where(eq(notifications.unitId, actor.unitId ?? ''));
    const tasked = db.selectDistinct({ id: responseTasks.incidentId }).from(responseTasks).where(eq(responseTasks.unitId, actor.unitId ?? ''));
    where.push(or(inArray(incidents.id, notified), inArray(incidents.id, tasked)));
  }
  const rows = await db
    .select()
    .from(incidents)
    .where(and(...where))
    .orderBy(desc(incidents.receivedAt))
    .limit(filter.limit);
  return {
    incidents: rows.map((i) => ({
      id: i.id,
      ref: i.ref,
      jurisdictionId: i.jurisdictionId,
      title: i.title,
      drill: i.drill,
      status: i.status,
      severity: i.severity,
      version: i.currentVersion,
      occurredAt: i.occurredAt.toISOString(),
      receivedAt: i.receivedAt.toISOString(),
      updatedAt: i.updatedAt.toISOString(),
    })),
  };
}

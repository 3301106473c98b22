/** The declines of an incident a commander has resolved, latest per unit, for the next report version. */
import { and, asc, eq, isNotNull } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.js';
import { memberUnits, notifications } from '../../db/schema.js';
import type { ResolvedDecline } from '../../domain/declines.js';

export async function resolvedDeclines(db: Database, incidentId: string): Promise<ResolvedDecline[]> {
  const target = alias(notifications, 'target');
  const rows = await db
    .select({ n: notifications, toUnitId: target.unitId, toRole: target.role, toUnitName: memberUnits.name })
    .from(notifications)
    .leftJoin(target, eq(target.id, notifications.reassignedTo))
    .leftJoin(memberUnits, eq(memberUnits.id, target.unitId))
    .where(and(eq(notifications.incidentId, incidentId), isNotNull(notifications.declineResolvedAt)))
    .orderBy(asc(notifications.declineResolvedAt));
  const latest = new Map<string, ResolvedDecline>();
  for (const { n, toUnitId, toRole, toUnitName } of rows)
    latest.set(n.unitId, {
      unitId: n.unitId,
      resolution: n.declineResolution ?? 'confirmed',
      reason: n.declineResolutionReason ?? '',
      reassignedTo: toUnitId && toRole && toUnitName ? { unitId: toUnitId, unitName: toUnitName, role: toRole } : null,
    });
  return [...latest.values()];
}

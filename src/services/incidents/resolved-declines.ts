/**
 * The declines of an incident the next report version carries over, latest per unit: those a
 * commander has resolved, and those still waiting for the commander (the unit is not asked again
 * meanwhile: it has said the duty is not its).
 */
import { and, asc, eq, isNotNull, isNull, or } from 'drizzle-orm';
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
    .where(
      and(
        eq(notifications.incidentId, incidentId),
        or(isNotNull(notifications.declineResolvedAt), and(eq(notifications.state, 'declined'), isNull(notifications.declineResolvedAt))),
      ),
    )
    .orderBy(asc(notifications.reportVersion), asc(notifications.declinedAt));
  const latest = new Map<string, ResolvedDecline>();
  for (const { n, toUnitId, toRole, toUnitName } of rows)
    latest.set(n.unitId, {
      unitId: n.unitId,
      resolution: n.declineResolvedAt ? (n.declineResolution ?? 'confirmed') : 'pending',
      reason: n.declineResolvedAt ? (n.declineResolutionReason ?? '') : (n.declineReason ?? ''),
      reassignedTo: toUnitId && toRole && toUnitName ? { unitId: toUnitId, unitName: toUnitName, role: toRole } : null,
    });
  return [...latest.values()];
}

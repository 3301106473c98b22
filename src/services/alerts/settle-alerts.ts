/**
 * A 督办 settles itself when its subject does: an acknowledgement (late, but made), a notification
 * a 续报 superseded or withdrew, a task handed on, done or closed, an incident closed by its 终报.
 * Left open, the commander's board would go on saying someone is late who no longer is. A
 * commander may still close any alert by hand (services/alerts/alerts.ts).
 */
import { and, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { alerts } from '../../db/schema.js';
import type { AlertKind } from '../../domain/enums.js';
import type { NewEvent } from '../events/append.js';

export async function settleAlerts(
  tx: Database,
  input: { where: SQL; kinds: readonly AlertKind[]; resolution: string; now: Date; actor: { id: string; displayName: string } },
): Promise<NewEvent[]> {
  const settled = await tx
    .update(alerts)
    .set({ resolvedAt: input.now, resolvedBy: input.actor.id, resolution: input.resolution })
    .where(and(input.where, inArray(alerts.kind, [...input.kinds]), isNull(alerts.resolvedAt)))
    .returning();
  return settled.map((a) => ({
    type: 'alert.resolved' as const,
    jurisdictionId: a.jurisdictionId,
    incidentId: a.incidentId,
    actorId: input.actor.id,
    data: {
      alert: {
        id: a.id,
        kind: a.kind,
        ...(a.notificationId ? { notificationId: a.notificationId } : {}),
        ...(a.taskId ? { taskId: a.taskId } : {}),
        ...(a.obligationId ? { obligationId: a.obligationId } : {}),
        resolvedAt: input.now.toISOString(),
        resolution: input.resolution,
        resolvedByName: input.actor.displayName,
      },
    },
  }));
}

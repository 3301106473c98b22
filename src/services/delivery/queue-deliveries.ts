/**
 * Queues one delivery per contact point of the given people (push, SMS) and, when asked, of the
 * units' group robots, inside the caller's transaction. The dispatcher sends them after commit.
 * A delivery is about a notification, a task (assigned, then chased), or a standing request of the
 * joint meeting (asked, then chased).
 */
import { and, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { contactPoints, deliveries } from '../../db/schema.js';
import { newId } from '../ids.js';
import { insertChunks } from '../../db/insert-chunks.js';

export interface QueueOptions {
  round: number;
  people: { id: string; unitId: string }[];
  includeUnitRobots: boolean;
  now: Date;
  /** What the given ids are: notifications (default), tasks or standing requests. */
  subject?: 'notification' | 'task' | 'standing';
  /** Standing work: a change to tell the unit of (a meeting moved or called off), sent whatever the request's state. */
  notice?: string;
}

export async function queueExternalDeliveries(
  tx: Database,
  /** One subject per unit: the unit's notification, or its task. */
  notifications: { id: string; unitId: string }[],
  options: QueueOptions,
): Promise<number> {
  if (notifications.length === 0) return 0;
  const unitIds = [...new Set(notifications.map((n) => n.unitId))];
  const personIds = options.people.map((p) => p.id);
  const points = await tx
    .select()
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.enabled, true),
        or(
          personIds.length ? inArray(contactPoints.userId, personIds) : undefined,
          options.includeUnitRobots ? and(isNotNull(contactPoints.unitId), inArray(contactPoints.unitId, unitIds)) : undefined,
        ),
      ),
    );
  if (points.length === 0) return 0;
  const personUnit = new Map(options.people.map((p) => [p.id, p.unitId]));
  const notificationOfUnit = new Map(notifications.map((n) => [n.unitId, n.id]));
  const rows = points.flatMap((point) => {
    const unitId = point.userId ? personUnit.get(point.userId) : point.unitId;
    const subjectId = unitId ? notificationOfUnit.get(unitId) : undefined;
    if (!subjectId) return [];
    const subject = options.subject ?? 'notification';
    return [
      {
        id: newId('dlv', options.now.getTime()),
        notificationId: subject === 'notification' ? subjectId : null,
        taskId: subject === 'task' ? subjectId : null,
        standingRequestId: subject === 'standing' ? subjectId : null,
        notice: options.notice ?? null,
        round: options.round,
        userId: point.userId,
        unitId: unitId!,
        channel: point.channel,
        contactPointId: point.id,
        recipientKey: point.id,
        state: 'queued' as const,
        queuedAt: options.now,
        nextAttemptAt: options.now,
      },
    ];
  });
  for (const chunk of insertChunks(deliveries, rows)) await tx.insert(deliveries).values(chunk).onConflictDoNothing();
  return rows.length;
}

/**
 * Every change of a joint response task: the unit accepts, reports progress, marks it blocked
 * (with the reason) or done; a commander hands it to another unit or closes it (with a reason).
 * The state machine is `domain/tasks.ts`; the row is locked, changed and the event written in one
 * transaction. Leaving `blocked` closes the task's 督办 alert for the block.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { alerts, incidents, memberUnits, responseTasks, users } from '../../db/schema.js';
import { taskActionName, transitionTask, type TaskAction } from '../../domain/tasks.js';
import { raiseAlert } from '../alerts/raise-alert.js';
import type { Actor, Services } from '../context.js';
import { taskDueProblems } from '../../domain/time-bounds.js';
import { conflict, invalid } from '../errors.js';
import { settleAlerts } from '../alerts/settle-alerts.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { firstRecipientsOfUnits, jurisdictionOffset } from '../rota/load.js';
import { queueExternalDeliveries } from '../delivery/queue-deliveries.js';
import { onceForKey, requestFingerprint, storedOutcome, type IdempotentOutcome } from '../idempotency.js';
import { loadTaskForAction } from './load.js';
import { taskView } from './views.js';

export interface TaskChangeInput {
  /** accept / progress / complete: the note; block / reassign / close: the reason. */
  note?: string;
  /** reassign: the unit that takes the task over. */
  unitId?: string;
  /** reassign: an optional new due time. */
  dueAt?: string;
}

type TaskChangeResult = { task: ReturnType<typeof taskView>; alreadyAccepted: boolean };

export async function changeTask(
  services: Services,
  actor: Actor,
  taskId: string,
  action: TaskAction,
  input: TaskChangeInput,
  idempotencyKey?: string,
): Promise<IdempotentOutcome<TaskChangeResult>> {
  // A retried progress note must not be posted twice: the key's first answer stands.
  const fingerprint = await requestFingerprint({ taskId, action, input });
  const replay = await storedOutcome<TaskChangeResult>(services.db, actor.id, idempotencyKey, fingerprint);
  if (replay) return replay;
  const { incident } = await loadTaskForAction(services.db, actor, taskId, action);
  if (incident.status !== 'open') throw conflict('事故已结案 (incident is closed)');
  const now = services.clock();
  const newDue = input.dueAt ? new Date(input.dueAt) : undefined;
  const dueProblems = newDue ? taskDueProblems(newDue, now) : [];
  if (dueProblems.length) throw invalid('办结时限有误', dueProblems);

  return services.db.transaction((tx) => onceForKey(tx, actor.id, idempotencyKey, fingerprint, async (): Promise<{ status: number; body: TaskChangeResult }> => {
    // The 终报 locks the incident to close it: a change never slips in after it.
    const [current] = await tx.select({ status: incidents.status }).from(incidents).where(eq(incidents.id, incident.id)).for('share');
    if (current!.status !== 'open') throw conflict('事故已结案 (incident is closed)');
    const [task] = await tx.select().from(responseTasks).where(eq(responseTasks.id, taskId)).for('update');
    const t = task!;
    // A second tap on 接收 is harmless, like a second 签收.
    if (action === 'accept' && t.state === 'accepted') {
      const [unit] = await tx.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, t.unitId));
      return { status: 200, body: { task: taskView(t, unit!.name, now), alreadyAccepted: true } };
    }
    const step = transitionTask(t.state, action);
    if (!step.ok) throw conflict(step.message, { state: t.state });

    let unitId = t.unitId;
    if (action === 'reassign') {
      const [target] = await tx
        .select({ id: memberUnits.id })
        .from(memberUnits)
        // A retired unit takes no new work, as a new task refuses it.
        .where(and(eq(memberUnits.id, input.unitId ?? ''), eq(memberUnits.jurisdictionId, incident.jurisdictionId), isNull(memberUnits.retiredAt)));
      if (!target) throw invalid('改派单位有误', [{ field: 'unitId', message: `${input.unitId} 不是本辖区的成员单位 (not a member unit here)` }]);
      if (target.id === t.unitId) throw invalid('改派单位有误', [{ field: 'unitId', message: '任务已由该单位承办 (already this unit’s task)' }]);
      unitId = target.id;
    }
    const dueAt = newDue ?? t.dueAt;
    const settled = step.to === 'done' || step.to === 'closed';
    const [updated] = await tx
      .update(responseTasks)
      .set({
        state: step.to,
        updatedAt: now,
        lastNote: input.note ?? t.lastNote,
        ...(action === 'accept' ? { acceptedAt: now, acceptedBy: actor.id } : {}),
        ...(action === 'block' ? { blockedAt: now, blockedReason: input.note } : {}),
        ...(action === 'complete' ? { doneAt: now, doneBy: actor.id, acceptedAt: t.acceptedAt ?? now, acceptedBy: t.acceptedBy ?? actor.id } : {}),
        ...(action === 'close' ? { closedAt: now, closedBy: actor.id, closeReason: input.note } : {}),
        // The new unit starts afresh: it must accept, and its ladder starts at the due time.
        ...(action === 'reassign' ? { unitId, dueAt, acceptedAt: null, acceptedBy: null, blockedAt: null, blockedReason: null, escalationStep: 0, nextEscalationAt: dueAt } : {}),
        ...(settled ? { nextEscalationAt: null } : {}),
      })
      .where(eq(responseTasks.id, taskId))
      .returning();
    const [unit] = await tx.select({ name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.id, unitId));
    const view = taskView(updated!, unit!.name, now);
    const events: NewEvent[] = [
      {
        type: 'task.updated',
        jurisdictionId: incident.jurisdictionId,
        incidentId: incident.id,
        audienceUnits: [...new Set([t.unitId, unitId])],
        actorId: actor.id,
        data: { task: view, action, actionName: taskActionName(action), note: input.note ?? null, by: actor.displayName, previousUnitId: t.unitId, from: step.from, to: step.to },
      },
    ];
    if (action === 'reassign') {
      const liaisons = await firstRecipientsOfUnits(tx, [unitId], await jurisdictionOffset(tx, incident.jurisdictionId), now);
      await queueExternalDeliveries(tx, [updated!], { round: 0, people: liaisons.map((l) => ({ id: l.id, unitId })), includeUnitRobots: true, now, subject: 'task' });
    }
    if (action === 'block') {
      const alert = await raiseAlert(tx, {
        jurisdictionId: incident.jurisdictionId,
        incidentId: incident.id,
        notificationId: null,
        taskId,
        unitId: t.unitId,
        kind: 'task_blocked',
        reason: `${unit!.name}任务「${t.title}」受阻：${input.note}`,
        now,
      });
      if (alert) events.push(alert);
    }
    if (t.state === 'blocked' && step.to !== 'blocked')
      events.push(...(await settleAlerts(tx, { where: eq(alerts.taskId, taskId), kinds: ['task_blocked'], resolution: `任务已${taskActionName(action)}${input.note ? `：${input.note}` : ''}`, now, actor })));
    // Handed on, done or closed: the unit's overdue 督办 is settled (a new unit gets its own if it is late too).
    if (action === 'reassign' || settled)
      events.push(
        ...(await settleAlerts(tx, {
          where: eq(alerts.taskId, taskId),
          kinds: ['task_overdue'],
          resolution: `任务已${taskActionName(action)}${action === 'reassign' ? `给${unit!.name}` : ''}${input.note ? `：${input.note}` : ''}`,
          now,
          actor,
        })),
      );
    await appendEvents(tx, now, events);
    return { status: 200, body: { task: view, alreadyAccepted: false } };
  }));
}

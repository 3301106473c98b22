/**
 * 联合处置: a commander gives a unit a task (lead or support) with a description and a due time,
 * written or taken from the rulebook's suggestions for the incident's regimes. The task, its first
 * messages to the unit's on-duty liaisons and the event commit together; its due time is a timer
 * of the escalation engine.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { incidents, memberUnits, responseTasks, users } from '../../db/schema.js';
import type { TaskRole } from '../../domain/enums.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { taskDueProblems } from '../../domain/time-bounds.js';
import { conflict, forbidden, invalid, type FieldProblem } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { onceForKey, requestFingerprint, storedOutcome, type IdempotentOutcome } from '../idempotency.js';
import { latestVersion, loadVisibleIncident } from '../incidents/load.js';
import { firstRecipientsOfUnits, jurisdictionOffset } from '../rota/load.js';
import { queueExternalDeliveries } from '../delivery/queue-deliveries.js';
import { isCommander } from './load.js';
import { suggestionsFor } from './suggestions.js';
import { taskFromSuggestion } from '../../domain/task-from-suggestion.js';
import { taskView } from './views.js';

export interface NewTaskInput {
  suggestionId?: string;
  unitId?: string;
  role?: TaskRole;
  title?: string;
  description?: string;
  dueAt?: string;
}

export async function createTask(
  services: Services,
  actor: Actor,
  incidentId: string,
  input: NewTaskInput,
  idempotencyKey?: string,
): Promise<IdempotentOutcome<{ task: ReturnType<typeof taskView> }>> {
  const fingerprint = await requestFingerprint({ incidentId, input });
  const replay = await storedOutcome<{ task: ReturnType<typeof taskView> }>(services.db, actor.id, idempotencyKey, fingerprint);
  if (replay) return replay;
  const incident = await loadVisibleIncident(services.db, actor, incidentId);
  if (!isCommission(actor) || !servesJurisdiction(actor, incident.jurisdictionId) || !isCommander(actor))
    throw forbidden('只有指挥长可以布置联合处置任务 (only a commander assigns tasks)');
  if (incident.status !== 'open') throw conflict('事故已结案，不能再布置任务 (incident is closed)');
  const now = services.clock();

  let task: NewTaskInput = { ...input };
  if (input.suggestionId) {
    const book = await services.rulebooks.current(incident.jurisdictionId);
    const current = await latestVersion(services.db, incidentId);
    const regimes = current.classification.regimes.map((r) => r.code);
    const suggestion = suggestionsFor(book!, regimes).find((s) => s.id === input.suggestionId);
    if (!suggestion)
      throw invalid('没有这个建议任务 (unknown suggestion)', [{ field: 'suggestionId', message: `本事故适用的规则中没有建议任务 ${input.suggestionId}` }]);
    // Edited to another unit or title, it is a new task with the role the unit really has.
    const { suggestionId, ...planned } = taskFromSuggestion(suggestion, input, current.routing, now);
    task = { ...planned, suggestionId: suggestionId ?? undefined };
  }
  const problems: FieldProblem[] = [];
  for (const field of ['unitId', 'role', 'title', 'description', 'dueAt'] as const)
    if (!task[field]) problems.push({ field, message: '必填（或给出 suggestionId） (required unless suggestionId is given)' });
  const dueAt = task.dueAt ? new Date(task.dueAt) : null;
  if (dueAt) problems.push(...taskDueProblems(dueAt, now));
  const [unit] = task.unitId
    ? await services.db
        .select({ id: memberUnits.id, name: memberUnits.name })
        .from(memberUnits)
        .where(and(eq(memberUnits.id, task.unitId), eq(memberUnits.jurisdictionId, incident.jurisdictionId), isNull(memberUnits.retiredAt)))
    : [];
  if (task.unitId && !unit) problems.push({ field: 'unitId', message: `${task.unitId} 不是本辖区的成员单位 (not a member unit here)` });
  if (problems.length) throw invalid('任务内容有误 (invalid task)', problems);

  return services.db.transaction((tx) => onceForKey(tx, actor.id, idempotencyKey, fingerprint, async () => {
    // The 终报 locks the incident to close it: a task never slips in after it.
    const [current] = await tx.select({ status: incidents.status }).from(incidents).where(eq(incidents.id, incidentId)).for('share');
    if (current!.status !== 'open') throw conflict('事故已结案，不能再布置任务 (incident is closed)');
    const [row] = await tx
      .insert(responseTasks)
      .values({
        id: newId('tsk', now.getTime()),
        incidentId,
        unitId: unit!.id,
        role: task.role!,
        title: task.title!,
        description: task.description!,
        suggestionId: task.suggestionId ?? null,
        dueAt: dueAt!,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        nextEscalationAt: dueAt!,
      })
      .returning();
    // Whoever the unit's rota has on duty now (its liaisons as before, when it keeps no rota).
    const liaisons = await firstRecipientsOfUnits(tx, [unit!.id], await jurisdictionOffset(tx, incident.jurisdictionId), now);
    await queueExternalDeliveries(tx, [row!], { round: 0, people: liaisons.map((l) => ({ id: l.id, unitId: unit!.id })), includeUnitRobots: true, now, subject: 'task' });
    const view = taskView(row!, unit!.name, now);
    await appendEvents(tx, now, [
      {
        type: 'task.created',
        jurisdictionId: incident.jurisdictionId,
        incidentId,
        audienceUnits: [unit!.id],
        actorId: actor.id,
        data: { task: view, by: actor.displayName, incident: { id: incident.id, ref: incident.ref, title: incident.title, drill: incident.drill } },
      },
    ]);
    return { status: 201, body: { task: view } };
  }));
}

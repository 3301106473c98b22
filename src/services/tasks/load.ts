/**
 * Loads a task for a caller: the commission of its jurisdiction and the people of its unit may
 * see it (404 for everyone else); who may act depends on the action (403 when seen but not allowed).
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents, memberUnits, responseTasks } from '../../db/schema.js';
import { TASK_ACTION_BY, type TaskAction } from '../../domain/tasks.js';
import { isCommission, servesJurisdiction, type Actor } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { isCommander as isCommanderRole, mayActForUnit } from '../../domain/policy/index.js';

export async function loadVisibleTask(db: Database, actor: Actor, taskId: string) {
  const [row] = await db
    .select({ t: responseTasks, incident: incidents, unitName: memberUnits.name })
    .from(responseTasks)
    .innerJoin(incidents, eq(incidents.id, responseTasks.incidentId))
    .innerJoin(memberUnits, eq(memberUnits.id, responseTasks.unitId))
    .where(eq(responseTasks.id, taskId));
  if (!row) throw notFound('任务');
  const visible = isCommission(actor) ? servesJurisdiction(actor, row.incident.jurisdictionId) : actor.unitId === row.t.unitId;
  if (!visible) throw notFound('任务');
  return row;
}

/** Commanders (and admins) direct the joint response; duty officers see it. */
export const isCommander = (actor: Actor): boolean => isCommanderRole(actor);

export async function loadTaskForAction(db: Database, actor: Actor, taskId: string, action: TaskAction) {
  const row = await loadVisibleTask(db, actor, taskId);
  if (TASK_ACTION_BY[action] === 'unit') {
    if (!mayActForUnit(actor, row.t.unitId))
      throw forbidden('只有承办单位的联络员或负责人可以办理任务 (only the task’s unit acts on it)');
  } else if (!isCommander(actor)) throw forbidden('只有指挥长可以改派或关闭任务 (only a commander reassigns or closes a task)');
  return row;
}

/**
 * Reading tasks: an incident's (the commission sees all, a unit its own), the caller's (a unit's
 * people see their unit's, open ones first; the commission its jurisdiction's open ones), and one
 * task with its history from the timeline.
 */
import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { events, incidents, memberUnits, responseTasks } from '../../db/schema.js';
import { OPEN_TASK_STATES } from '../../domain/tasks.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { eventVisibility, viewEventsFor } from '../events/read.js';
import { loadVisibleIncident } from '../incidents/load.js';
import { loadVisibleTask } from './load.js';
import { taskView } from './views.js';
import { isSystemAdmin } from '../../domain/policy/index.js';

const OPEN_FIRST = sql`case when ${inArray(responseTasks.state, [...OPEN_TASK_STATES])} then 0 else 1 end`;

async function tasksWhere(services: Services, where: SQL | undefined, limit = 500) {
  const now = services.clock();
  const rows = await services.db
    .select({ t: responseTasks, unitName: memberUnits.name, incident: { id: incidents.id, ref: incidents.ref, title: incidents.title, drill: incidents.drill, status: incidents.status } })
    .from(responseTasks)
    .innerJoin(memberUnits, eq(memberUnits.id, responseTasks.unitId))
    .innerJoin(incidents, eq(incidents.id, responseTasks.incidentId))
    .where(where)
    .orderBy(OPEN_FIRST, asc(responseTasks.dueAt))
    .limit(limit);
  return rows.map(({ t, unitName, incident }) => ({ ...taskView(t, unitName, now), incident }));
}

/** An incident's tasks as this caller may see them, once the incident itself is known to be visible. */
export function visibleTasksOf(services: Services, actor: Actor, incidentId: string) {
  const own = isCommission(actor) ? undefined : eq(responseTasks.unitId, actor.unitId!);
  return tasksWhere(services, and(eq(responseTasks.incidentId, incidentId), own));
}

export async function listIncidentTasks(services: Services, actor: Actor, incidentId: string) {
  await loadVisibleIncident(services.db, actor, incidentId);
  return { tasks: await visibleTasksOf(services, actor, incidentId) };
}

export async function listMyTasks(services: Services, actor: Actor) {
  if (isCommission(actor)) {
    const scope = isSystemAdmin(actor) ? undefined : eq(incidents.jurisdictionId, actor.jurisdictionId!);
    return { tasks: await tasksWhere(services, and(scope, inArray(responseTasks.state, [...OPEN_TASK_STATES]))) };
  }
  return { tasks: await tasksWhere(services, eq(responseTasks.unitId, actor.unitId ?? ''), 200) };
}

export async function getTask(services: Services, actor: Actor, taskId: string) {
  const { t, unitName, incident } = await loadVisibleTask(services.db, actor, taskId);
  const history = await services.db
    .select()
    .from(events)
    .where(
      and(
        eq(events.incidentId, t.incidentId),
        eventVisibility(actor),
        or(sql`${events.data} -> 'task' ->> 'id' = ${taskId}`, sql`${events.data} ->> 'taskId' = ${taskId}`, sql`${events.data} -> 'alert' ->> 'taskId' = ${taskId}`),
      ),
    )
    .orderBy(desc(events.seq))
    .limit(500);
  return {
    task: { ...taskView(t, unitName, services.clock()), incident: { id: incident.id, ref: incident.ref, title: incident.title, drill: incident.drill, status: incident.status } },
    history: viewEventsFor(actor, history.reverse()),
  };
}

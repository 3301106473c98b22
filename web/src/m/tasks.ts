/**
 * The unit's joint response tasks (联合处置任务) as the phone keeps them: a list folded from the
 * REST snapshot and the live `task.*` events in any order (the newer version of a task wins), what
 * the phone shows, and what each state lets the unit do. Pure, so it is tested without a browser.
 */
import type { z } from 'zod';
import type { taskSchema } from '../../../src/contract/response.js';
import { isTaskOpen as isOpenState, transitionTask, type TaskAction as DomainTaskAction } from '../../../src/domain/tasks.js';
import type { UnitCataloguedEvent } from '../../../src/contract/events.js';

export type Task = z.infer<typeof taskSchema> & {
  /** What the overdue ladder last did (task.escalated), until the page reloads. */
  escalated?: string;
};
type TaskIncident = NonNullable<Task['incident']>;
/** Events carry the incident without its status: a task is only ever created on an open incident. */
type IncomingIncident = Omit<TaskIncident, 'status'> & { status?: TaskIncident['status'] };

/** The unit's four actions and the path of each (`POST /api/v1/tasks/{id}/<path>`). */
export type TaskAction = 'accept' | 'progress' | 'block' | 'done';

/** The domain's name of each of the unit's actions (`done` is the path of `complete`). */
const DOMAIN_ACTION: Record<TaskAction, DomainTaskAction> = { accept: 'accept', progress: 'progress', block: 'block', done: 'complete' };
const UNIT_ACTIONS = Object.keys(DOMAIN_ACTION) as TaskAction[];

export function isTaskOpen(task: Pick<Task, 'state'>): boolean {
  return isOpenState(task.state);
}

/** What the task's state lets the unit do, by the server's own state machine; a settled task allows none. */
export function actionsFor(task: Pick<Task, 'state'>): readonly TaskAction[] {
  return UNIT_ACTIONS.filter((a) => transitionTask(task.state, DOMAIN_ACTION[a]).ok);
}

/** The request body of an action, and the field the server names when the text is wrong. */
export function actionRequest(action: TaskAction, text: string): { body: Record<string, string>; field: 'note' | 'reason' } {
  const value = text.trim();
  if (action === 'block') return { body: { reason: value }, field: 'reason' };
  // Progress needs its note; the server says so when it is empty. Accept and done take an optional one.
  if (action === 'progress') return { body: { note: value }, field: 'note' };
  return { body: value ? { note: value } : {}, field: 'note' };
}

/** Adds or replaces one task, unless the list already holds a newer version of it. */
export function upsertTask(list: Task[], incoming: Omit<Task, 'incident'> & { incident?: IncomingIncident }): Task[] {
  const at = list.findIndex((t) => t.id === incoming.id);
  const current = at < 0 ? undefined : list[at]!;
  if (current && Date.parse(incoming.updatedAt) < Date.parse(current.updatedAt)) return list;
  const incident: TaskIncident | undefined = incoming.incident
    ? { ...incoming.incident, status: incoming.incident.status ?? current?.incident?.status ?? 'open' }
    : current?.incident;
  const escalated = current?.escalated && isTaskOpen(incoming) ? current.escalated : undefined;
  const { incident: _incoming, ...fields } = incoming;
  const next: Task = { ...fields, ...(incident ? { incident } : {}), ...(escalated ? { escalated } : {}) };
  if (!current) return [...list, next];
  const copy = list.slice();
  copy[at] = next;
  return copy;
}

/** Folds a snapshot from GET /tasks into what the page already has (which may hold newer events). */
export function mergeTasks(list: Task[], snapshot: Task[]): Task[] {
  return snapshot.reduce(upsertTask, list);
}

/**
 * Applies live or resumed events: task.created / task.updated carry the whole task; task.escalated
 * says what the overdue ladder did; incident.closed takes its tasks off the list; a task handed to
 * another unit (`handedOver`) leaves it.
 */
export function applyTaskEvents(list: Task[], events: UnitCataloguedEvent[]): Task[] {
  let next = list;
  for (const e of events) {
    switch (e.type) {
      case 'task.created':
        next = upsertTask(next, { ...e.data.task, incident: e.data.incident });
        break;
      case 'task.updated':
        // Handed to another unit: the server says only that, so the task leaves this unit's list.
        if ('handedOver' in e.data) {
          const { taskId } = e.data;
          next = next.filter((t) => t.id !== taskId);
        } else next = upsertTask(next, e.data.task);
        break;
      case 'task.escalated': {
        const { taskId, text, stepNumber } = e.data;
        next = next.map((t) => (t.id === taskId && isTaskOpen(t) ? { ...t, escalated: text, escalationStep: Math.max(t.escalationStep, stepNumber ?? 0) } : t));
        break;
      }
      case 'incident.closed': {
        const closed = e.data.incidentId ?? e.incidentId;
        next = next.map((t) => (t.incidentId === closed && t.incident ? { ...t, incident: { ...t.incident, status: 'closed' } } : t));
        break;
      }
    }
  }
  return next;
}

/**
 * What the phone lists: this unit's tasks of open incidents (a task handed to another unit leaves
 * the list), open ones first by due time, then the settled ones, latest first. The task a link
 * names is always shown, whatever its incident.
 */
export function shownTasks(list: Task[], unitId: string | null, linkedId: string | null = null): Task[] {
  return list
    .filter((t) => t.id === linkedId || (t.unitId === unitId && t.incident?.status !== 'closed'))
    .sort((a, b) => {
      const open = Number(isTaskOpen(b)) - Number(isTaskOpen(a));
      if (open) return open;
      return isTaskOpen(a) ? Date.parse(a.dueAt) - Date.parse(b.dueAt) : Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
    });
}

/** Tasks whose incident is not known yet (handed over from another unit): the page fetches them. */
export function tasksMissingIncident(list: Task[]): string[] {
  return list.filter((t) => !t.incident).map((t) => t.id);
}

/** The due time as a liaison reads it: time left, or how late, in words (never colour alone). */
export function dueState(task: Pick<Task, 'state' | 'dueAt'>, now: number): { late: boolean; soon: boolean; leftMs: number } {
  const leftMs = Date.parse(task.dueAt) - now;
  const open = isTaskOpen(task);
  return { late: open && leftMs < 0, soon: open && leftMs >= 0 && leftMs < 30 * 60_000, leftMs };
}

/** The task a link names: `/m?task=<id>` (or `/?task=<id>` carried through login). */
export function linkedTaskId(search: string): string | null {
  const id = new URLSearchParams(search).get('task');
  return id && /^[\w-]{1,64}$/.test(id) ? id : null;
}

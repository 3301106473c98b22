/**
 * The life of a joint response task (联合处置任务). The unit accepts it, posts progress, marks it
 * done or blocked (with the reason); a commander may hand it to another unit or close it with a
 * reason. Pure: a state and an action in, the next state (or why not) out.
 *
 *   open ──accept──▶ accepted ──complete──▶ done
 *     │                │  ▲ progress          ▲
 *     │ block          │ block  │ progress     │ complete
 *     ▼                ▼        │              │
 *   blocked ───────────────────┘──────────────┘
 *   open | accepted | blocked ──reassign──▶ open (the new unit must accept)
 *   open | accepted | blocked ──close────▶ closed
 */
import type { TaskState } from './enums.js';
import { isPastDue } from './timeliness.js';

export const TASK_ACTIONS = ['accept', 'progress', 'block', 'complete', 'reassign', 'close'] as const;
export type TaskAction = (typeof TASK_ACTIONS)[number];

/** Who takes each action: the task's own unit (liaison or head), or a commander. */
export const TASK_ACTION_BY: Record<TaskAction, 'unit' | 'commander'> = {
  accept: 'unit',
  progress: 'unit',
  block: 'unit',
  complete: 'unit',
  reassign: 'commander',
  close: 'commander',
};

const TRANSITIONS: Record<TaskAction, Partial<Record<TaskState, TaskState>>> = {
  accept: { open: 'accepted' },
  // A progress note on a blocked task means the work goes on again.
  progress: { accepted: 'accepted', blocked: 'accepted' },
  block: { open: 'blocked', accepted: 'blocked' },
  complete: { open: 'done', accepted: 'done', blocked: 'done' },
  reassign: { open: 'open', accepted: 'open', blocked: 'open' },
  close: { open: 'closed', accepted: 'closed', blocked: 'closed' },
};

const STATE_NAMES: Record<TaskState, string> = { open: '待接收', accepted: '办理中', blocked: '受阻', done: '已完成', closed: '已关闭' };
const ACTION_NAMES: Record<TaskAction, string> = { accept: '接收', progress: '报告进展', block: '报告受阻', complete: '办结', reassign: '改派', close: '关闭' };

export type TaskTransition = { ok: true; from: TaskState; to: TaskState } | { ok: false; message: string };

export function transitionTask(state: TaskState, action: TaskAction): TaskTransition {
  const to = TRANSITIONS[action][state];
  if (to) return { ok: true, from: state, to };
  return { ok: false, message: `任务${STATE_NAMES[state]}，不能${ACTION_NAMES[action]} (cannot ${action} a task that is ${state})` };
}

/** Open tasks still need work: they block the 终报 and their clock runs. */
export const OPEN_TASK_STATES = ['open', 'accepted', 'blocked'] as const satisfies readonly TaskState[];

export function isTaskOpen(state: TaskState): boolean {
  return (OPEN_TASK_STATES as readonly TaskState[]).includes(state);
}

/** Overdue: still open after its due time. */
export function isTaskOverdue(task: { state: TaskState; dueAt: Date }, now: Date): boolean {
  return isTaskOpen(task.state) && isPastDue(task.dueAt, now);
}

export function taskStateName(state: TaskState): string {
  return STATE_NAMES[state];
}

export function taskActionName(action: TaskAction): string {
  return ACTION_NAMES[action];
}

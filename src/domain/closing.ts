/**
 * When the 终报 may close an incident: every statutory obligation submitted (informational ones,
 * another party's duty, do not count) and every task done or closed with a reason. Pure.
 */
import type { TaskState } from './enums.js';
import { isTaskOpen } from './tasks.js';

export interface ClosingItems<O, T> {
  obligations: (O & { submittedAt: Date | null; informational: boolean; supersededAt?: Date | null })[];
  tasks: (T & { state: TaskState })[];
}

export function closeBlockers<O, T>(items: ClosingItems<O, T>) {
  return {
    obligations: items.obligations.filter((o) => !o.submittedAt && !o.informational && !o.supersededAt),
    tasks: items.tasks.filter((t) => isTaskOpen(t.state)),
  };
}

export function blocksClosing(blockers: { obligations: unknown[]; tasks: unknown[] }): boolean {
  return blockers.obligations.length + blockers.tasks.length > 0;
}

/** How a joint response task is shown and carried in events. */
import type { responseTasks } from '../../db/schema.js';
import { isTaskOverdue } from '../../domain/tasks.js';

type TaskRow = typeof responseTasks.$inferSelect;

export function taskView(t: TaskRow, unitName: string, now: Date) {
  return {
    id: t.id,
    incidentId: t.incidentId,
    unitId: t.unitId,
    unitName,
    role: t.role as 'lead' | 'support',
    title: t.title,
    description: t.description,
    suggestionId: t.suggestionId,
    state: t.state,
    overdue: isTaskOverdue(t, now),
    dueAt: t.dueAt.toISOString(),
    createdAt: t.createdAt.toISOString(),
    createdBy: t.createdBy,
    updatedAt: t.updatedAt.toISOString(),
    acceptedAt: t.acceptedAt?.toISOString() ?? null,
    acceptedBy: t.acceptedBy,
    doneAt: t.doneAt?.toISOString() ?? null,
    doneBy: t.doneBy,
    blockedAt: t.blockedAt?.toISOString() ?? null,
    blockedReason: t.blockedReason,
    closedAt: t.closedAt?.toISOString() ?? null,
    closedBy: t.closedBy,
    closeReason: t.closeReason,
    lastNote: t.lastNote,
    escalationStep: t.escalationStep,
  };
}

export type TaskView = ReturnType<typeof taskView>;

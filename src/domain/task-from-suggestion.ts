/**
 * A task taken from a rulebook suggestion. Taken as suggested (or with only its time or wording
 * of the description changed), it is that suggestion given. Given to another unit or under
 * another title, it is a new task: it does not carry the suggestion's id (so the suggestion still
 * counts as not given) nor its role — the unit gets the role it really has in the incident. Pure.
 */
import type { TaskRole, UnitRole } from './enums.js';

export interface Suggestion {
  id: string;
  unitId: string;
  role: TaskRole;
  title: string;
  description: string;
  basis?: { ref: string; quote: string } | null;
  dueInMinutes: number;
}

export interface TaskEdits {
  unitId?: string;
  role?: TaskRole;
  title?: string;
  description?: string;
  dueAt?: string;
}

export interface PlannedTask {
  suggestionId: string | null;
  unitId: string;
  role: TaskRole;
  title: string;
  description: string;
  dueAt: string;
}

/** The role a unit really has in the incident, as a task role: 牵头 only when the routing says so. */
export function taskRoleOf(unitId: string, routing: { unitId: string; role: UnitRole }[]): TaskRole {
  return routing.find((d) => d.unitId === unitId)?.role === 'lead' ? 'lead' : 'support';
}

export function taskFromSuggestion(s: Suggestion, edits: TaskEdits, routing: { unitId: string; role: UnitRole }[], now: Date): PlannedTask {
  const unitId = edits.unitId ?? s.unitId;
  const title = edits.title?.trim() || s.title;
  const edited = unitId !== s.unitId || title !== s.title;
  return {
    suggestionId: edited ? null : s.id,
    unitId,
    role: edits.role ?? (edited ? taskRoleOf(unitId, routing) : s.role),
    title,
    description: edits.description ?? (s.basis ? `${s.description}（依据：${s.basis.ref} ${s.basis.quote}）` : s.description),
    dueAt: edits.dueAt ?? new Date(now.getTime() + s.dueInMinutes * 60_000).toISOString(),
  };
}

/**
 * A decline outlives the report version it was made on: a 续报 routes the duty to the unit a
 * commander reassigned it to, and leaves out a unit whose decline was confirmed or still waits for
 * the commander (it is not asked again meanwhile) — unless the duty officer names the unit in this
 * report's adjustments. Pure.
 */
import type { UnitRole } from './enums.js';
import type { RoutingResult } from './routing.js';

export interface ResolvedDecline {
  unitId: string;
  /** `pending`: declined, not yet resolved by a commander. */
  resolution: 'reassigned' | 'confirmed' | 'pending';
  /** The commander's reason, or for a pending decline the unit's own. */
  reason: string;
  reassignedTo: { unitId: string; unitName: string; role: UnitRole } | null;
}

export function carryOverDeclines(result: RoutingResult, declines: ResolvedDecline[], adjustedUnits: ReadonlySet<string>): RoutingResult {
  let routing = [...result.routing];
  const excluded = [...result.excluded];
  for (const d of declines) {
    // The duty officer's own adjustment of a unit in this report decides for that unit.
    const declined = adjustedUnits.has(d.unitId) ? undefined : routing.find((r) => r.unitId === d.unitId);
    if (declined) {
      routing = routing.filter((r) => r !== declined);
      excluded.push({
        unitId: declined.unitId,
        unitName: declined.unitName,
        role: declined.role,
        reason:
          d.resolution === 'reassigned'
            ? `已退回，指挥长改派${d.reassignedTo?.unitName ?? ''}：${d.reason}`
            : d.resolution === 'pending'
              ? `已退回，待指挥长处理：${d.reason}`
              : `已退回，指挥长确认：${d.reason}`,
      });
    }
    const to = d.reassignedTo;
    if (to && !routing.some((r) => r.unitId === to.unitId) && !adjustedUnits.has(to.unitId)) {
      const clause = { ref: '指挥长改派', quote: d.reason, reason: d.reason, ruleId: null };
      routing.push({ unitId: to.unitId, unitName: to.unitName, role: to.role, basis: `指挥长改派：${d.reason}`, clauses: [clause], adjustment: { kind: 'added', reason: d.reason } });
    }
  }
  return { routing, excluded, warnings: result.warnings };
}

/**
 * A decline sent again with the reason already recorded (a retry after a lost answer, the phone's
 * outbox sending what it kept): it is that decline, not a conflict. Another reason is a conflict.
 */
export function repeatsDecline(notification: { state: string; declineReason: string | null }, reason: string): boolean {
  return notification.state === 'declined' && notification.declineReason === reason;
}

/**
 * A commander's resolution of a decline sent again (a retry after a lost answer): the same action
 * and reason, and for a reassignment the same unit in the same role, as the one recorded. Pure.
 */
export function repeatsDeclineResolution(
  recorded: { declineResolution: 'reassigned' | 'confirmed' | null; declineResolutionReason: string | null; reassigned: { unitId: string; role: string } | null },
  input: { action: 'reassign'; unitId: string; role: string; reason: string } | { action: 'confirm'; reason: string },
): boolean {
  if (recorded.declineResolutionReason !== input.reason) return false;
  if (input.action === 'confirm') return recorded.declineResolution === 'confirmed';
  return recorded.declineResolution === 'reassigned' && recorded.reassigned?.unitId === input.unitId && recorded.reassigned.role === input.role;
}

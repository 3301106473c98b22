/**
 * Who may edit a unit's duty rota (值班表): whoever administers its jurisdiction (the system
 * administrator, the jurisdiction's 辖区管理员), and the unit's own head for its own unit.
 */
import { mayAdministerJurisdiction } from './administration.js';
import type { PolicyActor } from './actor.js';

export function canEditRota(actor: PolicyActor, unit: { id: string; jurisdictionId: string }): boolean {
  if (mayAdministerJurisdiction(actor, unit.jurisdictionId)) return true;
  return !actor.scopes && actor.role === 'unit_head' && actor.unitId === unit.id && actor.jurisdictionId === unit.jurisdictionId;
}

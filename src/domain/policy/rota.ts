/**
 * The duty rota (值班表): who may edit a unit's rota — whoever administers its jurisdiction (the
 * system administrator, the jurisdiction's 辖区管理员) and the unit's own head for its own unit
 * only — and who may read it: besides the editors, the jurisdiction's commission (duty officers,
 * commanders) and the unit's own people.
 */
import { mayAdministerJurisdiction } from './administration.js';
import type { PolicyActor } from './actor.js';

interface RotaUnit {
  id: string;
  jurisdictionId: string;
}

const ownUnit = (actor: PolicyActor, unit: RotaUnit) => actor.unitId === unit.id && actor.jurisdictionId === unit.jurisdictionId;

export function canEditRota(actor: PolicyActor, unit: RotaUnit): boolean {
  if (mayAdministerJurisdiction(actor, unit.jurisdictionId)) return true;
  return !actor.scopes && actor.role === 'unit_head' && ownUnit(actor, unit);
}

export function mayReadRota(actor: PolicyActor, unit: RotaUnit): boolean {
  if (canEditRota(actor, unit)) return true;
  if (actor.scopes) return false;
  if ((actor.role === 'duty_officer' || actor.role === 'commander') && actor.jurisdictionId === unit.jurisdictionId) return true;
  return actor.role === 'liaison' && ownUnit(actor, unit);
}

/** 值班总览 of every unit: the jurisdiction's commission and its administrators. */
export function mayReadDutyOverview(actor: PolicyActor, jurisdictionId: string): boolean {
  if (mayAdministerJurisdiction(actor, jurisdictionId)) return true;
  return !actor.scopes && (actor.role === 'duty_officer' || actor.role === 'commander') && actor.jurisdictionId === jurisdictionId;
}

/**
 * Who may edit a unit's duty rota: the system administrator any unit's, a jurisdiction
 * administrator its own jurisdiction's, a unit head its own unit's. One pure check, so the
 * access policy can take it in as it is.
 */
import type { UserRole } from './enums.js';

export interface RotaEditor {
  role: UserRole;
  jurisdictionId: string | null;
  unitId: string | null;
}

export function canEditRota(actor: RotaEditor, unit: { id: string; jurisdictionId: string }): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'jurisdiction_admin') return actor.jurisdictionId === unit.jurisdictionId;
  if (actor.role === 'unit_head') return actor.unitId === unit.id && actor.jurisdictionId === unit.jurisdictionId;
  return false;
}

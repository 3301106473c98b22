/**
 * Who administers a jurisdiction's roster (member units, people, rulebook versions): the system
 * administrator for every jurisdiction, a jurisdiction administrator for its own only. One pure
 * check, so the policy module can take it over whole. Pure.
 */
import type { UserRole } from './enums.js';

export interface AdminScopeActor {
  role: UserRole;
  jurisdictionId: string | null;
}

export function mayAdministerJurisdiction(actor: AdminScopeActor, jurisdictionId: string): boolean {
  if (actor.role === 'admin') return true;
  return actor.role === 'jurisdiction_admin' && actor.jurisdictionId !== null && actor.jurisdictionId === jurisdictionId;
}

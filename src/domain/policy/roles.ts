/** What each role is: the commission's staff, the administrators, the member units' people. */
import type { UserRole } from '../enums.js';
import type { PolicyActor } from './actor.js';

/** 卫健委: they file reports and run the response. The system administrator works for all of them. */
export const COMMISSION_ROLES: readonly UserRole[] = ['duty_officer', 'commander', 'admin'];
/** 成员单位人员. */
export const UNIT_MEMBER_ROLES: readonly UserRole[] = ['liaison', 'unit_head'];

export function isCommission(actor: PolicyActor): boolean {
  return COMMISSION_ROLES.includes(actor.role);
}

/** The deployment-wide administrator (系统管理员): every jurisdiction. */
export function isSystemAdmin(actor: PolicyActor): boolean {
  return actor.role === 'admin';
}

/** A commander, or the system administrator who may do what any commander may. */
export function isCommander(actor: PolicyActor): boolean {
  return actor.role === 'commander' || actor.role === 'admin';
}

export function isUnitMember(actor: PolicyActor): boolean {
  return UNIT_MEMBER_ROLES.includes(actor.role) && actor.unitId !== null;
}

/** Whether a commission user works for this jurisdiction (the system administrator works for all). */
export function servesJurisdiction(actor: PolicyActor, jurisdictionId: string): boolean {
  return isSystemAdmin(actor) || (isCommission(actor) && actor.jurisdictionId === jurisdictionId);
}

/**
 * Administration (管理): the system administrator runs every jurisdiction; a jurisdiction
 * administrator (辖区管理员) runs its own — its units, people, rota and local settings; a
 * commander may read its own jurisdiction's set-up.
 */
import { USER_ROLES, type UserRole } from '../enums.js';
import type { PolicyActor } from './actor.js';
import { isSystemAdmin } from './roles.js';

export function mayAdministerJurisdiction(actor: PolicyActor, jurisdictionId: string): boolean {
  if (actor.scopes) return false;
  return isSystemAdmin(actor) || (actor.role === 'jurisdiction_admin' && actor.jurisdictionId === jurisdictionId);
}

/** Units, people and rulebook as they are: administrators, and the jurisdiction's commander. */
export function mayReadAdministration(actor: PolicyActor, jurisdictionId: string): boolean {
  return mayAdministerJurisdiction(actor, jurisdictionId) || (actor.role === 'commander' && actor.jurisdictionId === jurisdictionId && !actor.scopes);
}

/** Whether the actor may read or change things across every jurisdiction at once. */
export function mayAdministerAll(actor: PolicyActor): boolean {
  return isSystemAdmin(actor) && !actor.scopes;
}

/** The one jurisdiction an actor's administration is confined to, or null when it is all of them. */
export function administeredJurisdiction(actor: PolicyActor): string | null {
  return mayAdministerAll(actor) ? null : actor.jurisdictionId;
}

interface Account {
  role: UserRole;
  jurisdictionId: string | null;
}

/** Creating or changing an account: administrators are made by the system administrator only. */
export function mayManageAccount(actor: PolicyActor, account: Account): boolean {
  if (account.role === 'admin' || account.role === 'jurisdiction_admin' || account.jurisdictionId === null) return mayAdministerAll(actor);
  return mayAdministerJurisdiction(actor, account.jurisdictionId);
}

/** Roles that belong to a member unit (联络员, 单位负责人): their account names the unit. */
export const UNIT_ROLES_OF_ACCOUNTS: readonly UserRole[] = ['liaison', 'unit_head'];

/** The jurisdiction an account of this role lives in: none for the system administrator. */
export function accountJurisdiction(role: UserRole, jurisdictionId: string): string | null {
  return role === 'admin' ? null : jurisdictionId;
}

/**
 * 新建账号: the roles the actor may give a new account in this jurisdiction — everything
 * `mayManageAccount` allows (the system administrator: every role; a jurisdiction administrator:
 * the commission's duty officers and commanders and the units' people of its own jurisdiction).
 */
export function assignableRoles(actor: PolicyActor, jurisdictionId: string): UserRole[] {
  return USER_ROLES.filter((role) => mayManageAccount(actor, { role, jurisdictionId: accountJurisdiction(role, jurisdictionId) }));
}

/** 重置密码: whoever may manage the account. */
export function mayResetPassword(actor: PolicyActor, account: Account): boolean {
  return mayManageAccount(actor, account);
}

/** Service accounts (API keys) of a jurisdiction: its administrators. */
export function mayManageServiceAccounts(actor: PolicyActor, jurisdictionId: string): boolean {
  return mayAdministerJurisdiction(actor, jurisdictionId);
}

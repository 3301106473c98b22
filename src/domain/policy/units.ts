/** Member units: who acts for one (签收, 退回, 任务). */
import type { PolicyActor } from './actor.js';
import { isUnitMember } from './roles.js';

/** A unit's liaisons and head act for it; nobody else does, not even an administrator. */
export function mayActForUnit(actor: PolicyActor, unitId: string): boolean {
  return isUnitMember(actor) && actor.unitId === unitId;
}

/** Own phones and push subscriptions are for those notifications reach: member units' people. */
export function mayReceiveNotifications(actor: PolicyActor): boolean {
  return isUnitMember(actor) && !actor.scopes;
}

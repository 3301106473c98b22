/**
 * The joint meeting's standing work: who convenes and drafts (联席会议办公室), who answers, who sees.
 * The office sits in the health commission (信阳 三(一)1 「市卫生健康委负责会议材料准备、会议通知、
 * 会议纪要起草印发、督促督办」); of its roles the commanders (指挥长, 联席会议办公室 per spec §2) and the
 * system administrator act for it. Duty officers see the work but do not run it: they hold the
 * phone for accidents.
 */
import type { PolicyActor } from './actor.js';
import { isCommander, isCommission, isUnitMember, servesJurisdiction } from './roles.js';

/** Convene a meeting, draft and issue its minutes, withdraw a request: the office. */
export function mayRunJointMeeting(actor: PolicyActor, jurisdictionId: string): boolean {
  return isCommander(actor) && servesJurisdiction(actor, jurisdictionId) && !actor.scopes;
}

/** The commission of the jurisdiction sees all of it; a unit sees what it was sent (`unitConcerned`, looked up by the caller). */
export function mayViewStandingWork(actor: PolicyActor, jurisdictionId: string, unitConcerned: boolean): boolean {
  if (isCommission(actor)) return servesJurisdiction(actor, jurisdictionId) && !actor.scopes;
  return isUnitMember(actor) && unitConcerned;
}

/** A unit's liaison or head answers for the unit, and only for it. */
export function mayAnswerStandingRequest(actor: PolicyActor, request: { unitId: string }): boolean {
  return isUnitMember(actor) && actor.unitId === request.unitId;
}

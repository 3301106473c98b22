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

/**
 * 联合执法 / 专项整治 (信阳 三(三) 「由市卫生健康委或发起单位牵头」): the office opens one, or a member
 * unit opens one it leads itself (its liaison or head, naming their own unit as 牵头单位).
 */
export function mayOpenCampaign(actor: PolicyActor, jurisdictionId: string, leadUnitId: string | undefined): boolean {
  if (mayRunJointMeeting(actor, jurisdictionId)) return true;
  return isUnitMember(actor) && !actor.scopes && !!actor.unitId && actor.unitId === leadUnitId && actor.jurisdictionId === jurisdictionId;
}

/** Adjust or call off a campaign, read every unit's part of it: the office, or the unit leading it. */
export function mayRunCampaign(actor: PolicyActor, campaign: { jurisdictionId: string; leadUnitId: string | null }): boolean {
  if (mayRunJointMeeting(actor, campaign.jurisdictionId)) return true;
  return isUnitMember(actor) && !actor.scopes && !!actor.unitId && actor.unitId === campaign.leadUnitId;
}

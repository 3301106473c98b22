/**
 * 简报与年度报送 (信阳 三(四), 四(三)): who publishes and reads bulletins, who sends information for
 * them, who files and reads the annual submissions and the annual performance report.
 */
import type { PolicyActor } from './actor.js';
import { isCommission, isUnitMember, servesJurisdiction } from './roles.js';

/** The office (the commission) and any member unit publish, in their own jurisdiction. */
export function mayPublishBulletin(actor: PolicyActor, jurisdictionId: string): boolean {
  if (actor.scopes) return false;
  if (isCommission(actor)) return servesJurisdiction(actor, jurisdictionId);
  return isUnitMember(actor) && actor.jurisdictionId === jurisdictionId;
}

export interface BulletinFacts {
  jurisdictionId: string;
  publisherUnitId: string | null;
  published: boolean;
}

/** Whether the actor published it: the office's bulletins are the commission's; a unit's are its people's. */
export function isBulletinPublisher(actor: PolicyActor, b: BulletinFacts): boolean {
  if (actor.scopes) return false;
  if (b.publisherUnitId === null) return isCommission(actor) && servesJurisdiction(actor, b.jurisdictionId);
  return isUnitMember(actor) && actor.unitId === b.publisherUnitId;
}

/**
 * The commission sees every published bulletin of its jurisdiction; a unit sees those sent to it
 * (`recipient`, which the caller looks up); a draft only its publisher sees.
 */
export function mayViewBulletin(actor: PolicyActor, b: BulletinFacts, recipient: boolean): boolean {
  if (isBulletinPublisher(actor, b)) return true;
  if (!b.published || actor.scopes) return false;
  if (isCommission(actor)) return servesJurisdiction(actor, b.jurisdictionId);
  return isUnitMember(actor) && recipient;
}

/** 已读: a person of a recipient unit, for that unit. */
export function mayMarkBulletinRead(actor: PolicyActor, recipient: boolean): boolean {
  return !actor.scopes && isUnitMember(actor) && recipient;
}

/** Read receipts: the publisher, and the office of the jurisdiction. */
export function mayViewReadReceipts(actor: PolicyActor, b: BulletinFacts): boolean {
  return isBulletinPublisher(actor, b) || (!actor.scopes && isCommission(actor) && servesJurisdiction(actor, b.jurisdictionId));
}

/** 报送信息 for the next bulletin: the units; the office reads and pulls them into a draft. */
export function maySubmitBulletinItem(actor: PolicyActor): boolean {
  return !actor.scopes && isUnitMember(actor);
}

/** The office's view of a jurisdiction's standing work: its submissions, the annual report. */
export function mayOverseeStandingWork(actor: PolicyActor, jurisdictionId: string): boolean {
  return !actor.scopes && isCommission(actor) && servesJurisdiction(actor, jurisdictionId);
}

/** 年度报送: a unit's own people file it. */
export function mayFileAnnualSubmission(actor: PolicyActor, unitId: string): boolean {
  return !actor.scopes && isUnitMember(actor) && actor.unitId === unitId;
}

/**
 * 上报义务: the statutory upward-reporting obligations an incident puts on the health commission,
 * from its classification and the jurisdiction's place in the hierarchy, each with its article
 * and deadline. A rulebook may tighten a deadline or give 立即 a target in minutes; the applied
 * limit is always the minimum of the statute's and the rulebook's, so no rulebook loosens the law.
 * Pure: the classification, the hierarchy and the clock's start in, the obligations out.
 */
import type { Classification } from './classification.js';
import type { JurisdictionLevel, ObligationState, RegimeCode } from './enums.js';
import { DEFAULT_IMMEDIATE_MINUTES, OBLIGATION_RULES, statutoryCeiling, type ObligationRule, type RecipientKind } from './obligation-rules.js';
import { isPastDue, minutesLate } from './timeliness.js';

export * from './obligation-rules.js';

export interface JurisdictionRef {
  id: string;
  name: string;
  level: JurisdictionLevel;
}

/** Where the commission sits: its jurisdiction and the ones above it, parent first. */
export interface ReportingPlace {
  self: JurisdictionRef;
  ancestors: JurisdictionRef[];
}

/** The rulebook's tightening: a target for 立即 and per-obligation limits, in minutes. */
export interface ReportingPolicy {
  immediateMinutes?: number;
  overrides?: { key: string; minutes: number }[];
}

export interface Recipient {
  kind: RecipientKind;
  name: string;
  /** The recipient's jurisdiction when it is one of this deployment (逐级上报). */
  jurisdictionId: string | null;
}

const NATIONAL: Recipient = { kind: 'national_health', name: '国家卫生健康委员会', jurisdictionId: null };
const healthCommission = (kind: RecipientKind, j: JurisdictionRef): Recipient => ({ kind, name: `${j.name}卫生健康委员会`, jurisdictionId: j.id });

/**
 * The real names of recipients outside this deployment, as the jurisdiction's documents give them:
 * its member units (广东省应急管理厅, 湖州市生态环境局安吉分局) and the rulebook's named superiors
 * (信阳: 河南省卫生健康委员会).
 */
export type RecipientNames = Partial<Record<RecipientKind, string>>;

/** Names the recipient for this jurisdiction; null when the duty does not exist at this level (a province reporting to the province). */
export function resolveRecipient(kind: RecipientKind, place: ReportingPlace, names: RecipientNames = {}): Recipient | null {
  const { self, ancestors } = place;
  const local = (suffix: string): Recipient => ({ kind, name: names[kind] ?? `${self.name}${suffix}`, jurisdictionId: null });
  // A province's departments are 厅; a city's or county's are 局.
  const department = (stem: string) => local(self.level === 'province' ? `${stem}厅` : `${stem}局`);
  switch (kind) {
    case 'government':
      return local('人民政府');
    case 'emergency_management':
      return department('应急管理');
    case 'environment':
      return department('生态环境');
    case 'police':
      return department('公安');
    case 'national_health':
      return NATIONAL;
    case 'state_council':
      return { kind, name: '国务院', jurisdictionId: null };
    case 'superior_health': {
      const parent = ancestors[0];
      if (parent) return healthCommission(kind, parent);
      if (self.level === 'province') return { ...NATIONAL, kind };
      return { kind, name: names[kind] ?? (self.level === 'city' ? '省卫生健康委员会' : '上级（设区的市）卫生健康委员会'), jurisdictionId: null };
    }
    case 'provincial_health': {
      if (self.level === 'province') return null;
      const province = ancestors.find((a) => a.level === 'province');
      return province ? healthCommission(kind, province) : { kind, name: names[kind] ?? '省卫生健康委员会', jurisdictionId: null };
    }
  }
}

export interface ObligationSpec {
  key: string;
  regime: RegimeCode;
  recipient: Recipient;
  /** The statute's limit; null for 立即/及时. */
  statutoryMinutes: number | null;
  targetMinutes: number;
  deadlineText: string;
  citation: string;
  requirement: string;
  informational: boolean;
  startsAt: Date;
  dueAt: Date;
}

export interface ObligationInput {
  classification: Pick<Classification, 'severity' | 'regimes'>;
  place: ReportingPlace;
  policy?: ReportingPolicy;
  /** When the clock starts: the receipt of the report that creates the obligations. */
  startsAt: Date;
  recipientNames?: RecipientNames;
}

/** The applied limit: the least of the statute's, the rulebook's 立即 target and its override. Never more than the statute. */
export function targetMinutes(rule: ObligationRule, policy: ReportingPolicy = {}): number {
  const candidates = [statutoryCeiling(rule)];
  if (rule.deadline.kind === 'immediate') candidates.push(policy.immediateMinutes ?? DEFAULT_IMMEDIATE_MINUTES);
  for (const o of policy.overrides ?? []) if (o.key === rule.key) candidates.push(o.minutes);
  return Math.max(1, Math.min(...candidates.filter((m) => Number.isFinite(m) && m > 0)));
}

function deadlineText(rule: ObligationRule, target: number): string {
  if (rule.deadline.kind === 'immediate') return `${rule.deadline.word}（目标${target}分钟内）`;
  const statute = rule.deadline.minutes;
  const text = statute % 60 === 0 ? `${statute / 60}小时内` : `${statute}分钟内`;
  return target < statute ? `${text}（本地要求${target}分钟内）` : text;
}

const recipientIdentity = (r: Recipient) => r.jurisdictionId ?? r.name;

export function computeObligations(input: ObligationInput): ObligationSpec[] {
  const { classification, place, policy, startsAt } = input;
  const specs: ObligationSpec[] = [];
  for (const rule of OBLIGATION_RULES) {
    const regime = classification.regimes.find((r) => r.code === rule.regime);
    if (!regime) continue;
    // Each regime's duties follow its own grade (a 25号 一般 accident graded 较大 under 449号 keeps its 6-hour 25号 duties).
    if (rule.severities && !rule.severities.includes(regime.severity ?? classification.severity)) continue;
    if (rule.grades && !(regime.grade && rule.grades.includes(regime.grade))) continue;
    const recipient = resolveRecipient(rule.recipient, place, input.recipientNames);
    if (!recipient) continue;
    // One duty per recipient within a regime (a province's 上级 is the national commission).
    if (specs.some((s) => s.regime === rule.regime && recipientIdentity(s.recipient) === recipientIdentity(recipient))) continue;
    const target = targetMinutes(rule, policy);
    specs.push({
      key: rule.key,
      regime: rule.regime,
      recipient,
      statutoryMinutes: rule.deadline.kind === 'within' ? rule.deadline.minutes : null,
      targetMinutes: target,
      deadlineText: deadlineText(rule, target),
      citation: rule.citation,
      requirement: rule.requirement,
      informational: rule.informational === true || (rule.ownDutyAt !== undefined && !rule.ownDutyAt.includes(place.self.level)),
      startsAt,
      dueAt: new Date(startsAt.getTime() + target * 60_000),
    });
  }
  return specs;
}

/** An obligation the incident already has, as far as a new version's duties are concerned. */
export interface ExistingObligation {
  id: string;
  key: string;
  regime: string;
  recipientName: string;
  recipientJurisdictionId: string | null;
  targetMinutes: number;
  startsAt: Date;
  dueAt: Date;
  submittedAt: Date | null;
  supersededAt: Date | null;
}

/** What a report version does to the incident's duties. */
export interface ObligationPlan {
  /** New duties, each with its clock. */
  added: ObligationSpec[];
  /** Open duties replaced by the duty (`byKey`) the version puts in force toward the same recipient. */
  superseded: { id: string; byKey: string }[];
  /** Superseded duties the facts require again, with the clock they run on now. */
  reinstated: { id: string; startsAt: Date; dueAt: Date }[];
}

const heldBy = (o: ExistingObligation) => o.recipientJurisdictionId ?? o.recipientName;
const isOpen = (o: ExistingObligation) => !o.submittedAt && !o.supersededAt;

/**
 * The duties a report version (初报 or 续报) brings, against those the incident has. One duty is
 * in force per recipient and regime (卫生部令第25号第七条: 一般 6小时, 重大/特大 立即):
 * - a raised severity adds the stricter duty, its clock from this version's receipt (`spec.startsAt`),
 *   and supersedes the looser one still open;
 * - a lowered severity never undoes a duty already met or already breached: a stricter duty
 *   submitted, or open past its deadline, stays as it is and covers the looser one. A stricter duty
 *   not yet due gives way to the looser one, whose clock runs from the same receipt;
 * - a duty superseded earlier that the facts require again is reinstated (a deadline it had
 *   already missed stands; otherwise its clock starts again now).
 * A duty toward a recipient the version no longer names stays as it is. Pure.
 */
export function planObligationChanges(existing: ExistingObligation[], specs: ObligationSpec[], now: Date): ObligationPlan {
  const plan: ObligationPlan = { added: [], superseded: [], reinstated: [] };
  /** The key in force per regime and recipient after this version, where the version decides it. */
  const inForce = new Map<string, string>();
  for (const spec of specs) {
    const toward = `${spec.regime}|${recipientIdentity(spec.recipient)}`;
    const same = existing.filter((o) => `${o.regime}|${heldBy(o)}` === toward);
    const own = same.find((o) => o.key === spec.key);
    if (own) {
      if (own.supersededAt && !own.submittedAt) {
        const missed = isPastDue(own.dueAt, own.supersededAt);
        plan.reinstated.push({ id: own.id, startsAt: missed ? own.startsAt : spec.startsAt, dueAt: missed ? own.dueAt : spec.dueAt });
      }
      inForce.set(toward, spec.key);
      continue;
    }
    const stricter = same.filter((o) => !o.supersededAt && o.targetMinutes <= spec.targetMinutes);
    if (stricter.some((o) => o.submittedAt || isPastDue(o.dueAt, now))) continue;
    if (stricter.length > 0) {
      const startsAt = new Date(Math.min(...stricter.map((o) => o.startsAt.getTime())));
      plan.added.push({ ...spec, startsAt, dueAt: new Date(startsAt.getTime() + spec.targetMinutes * 60_000) });
    } else plan.added.push(spec);
    inForce.set(toward, spec.key);
  }
  for (const o of existing) {
    const byKey = inForce.get(`${o.regime}|${heldBy(o)}`);
    if (isOpen(o) && byKey && byKey !== o.key) plan.superseded.push({ id: o.id, byKey });
  }
  return plan;
}

/**
 * A superseded duty whose deadline had passed without a report when it was replaced: missed, and
 * so counted in the after-action record and the statistics, not hidden as "replaced".
 */
export function missedBeforeSuperseded(o: { dueAt: Date; submittedAt: Date | null; supersededAt?: Date | null; informational?: boolean }): boolean {
  return !o.submittedAt && !o.informational && !!o.supersededAt && isPastDue(o.dueAt, o.supersededAt);
}

export function obligationState(o: { dueAt: Date; submittedAt: Date | null; supersededAt?: Date | null }, now: Date): ObligationState {
  if (o.submittedAt) return 'submitted';
  if (o.supersededAt) return 'superseded';
  return isPastDue(o.dueAt, now) ? 'overdue' : 'due';
}

/** For a submitted obligation: whether it was on time and by how many minutes it was late. */
export function submissionTimeliness(o: { dueAt: Date; submittedAt: Date | null }): { onTime: boolean; lateByMinutes: number } | null {
  if (!o.submittedAt) return null;
  const late = minutesLate(o.submittedAt, o.dueAt);
  return { onTime: late === 0, lateByMinutes: late };
}

/**
 * The statute's upward-reporting duties of a health commission, one rule per duty and recipient,
 * each with its article, its deadline in the statute's own terms and what it requires. Data,
 * read by `obligations.ts`.
 */
import type { JurisdictionLevel, RegimeCode, Severity } from './enums.js';

export const RECIPIENT_KINDS = [
  'government',
  'superior_health',
  'provincial_health',
  'national_health',
  'emergency_management',
  'environment',
  'police',
  'state_council',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** `within`: the statute gives hours; `immediate`: it says 立即 (or 及时) and gives no number. */
export type StatutoryDeadline = { kind: 'within'; minutes: number } | { kind: 'immediate'; word: '立即' | '及时' };

export interface ObligationRule {
  key: string;
  regime: RegimeCode;
  /** The severities (of the rule's own regime's grade) it applies at; every severity when omitted. */
  severities?: readonly Severity[];
  /** The regime's own grades (e.g. 449号 重大) it applies at; every grade when omitted. */
  grades?: readonly string[];
  /** Levels at which the duty is the commission's own; elsewhere it is another body's, tracked as informational. */
  ownDutyAt?: readonly JurisdictionLevel[];
  recipient: RecipientKind;
  deadline: StatutoryDeadline;
  citation: string;
  /** What the article requires, in its words. */
  requirement: string;
  /** Another party's duty the commission checks: shown with its clock, not chased, not blocking the 终报. */
  informational?: boolean;
}

/**
 * 立即 can never be given more time than the strictest numeric limit among these duties
 * (1 hour: 国务院令第493号 Art. 9, 国务院令第376号 Art. 19).
 */
export const MAX_IMMEDIATE_MINUTES = 60;
/** The target for 立即/及时 when the rulebook sets none. */
export const DEFAULT_IMMEDIATE_MINUTES = 30;

const within = (hours: number): StatutoryDeadline => ({ kind: 'within', minutes: hours * 60 });
const immediately: StatutoryDeadline = { kind: 'immediate', word: '立即' };
const promptly: StatutoryDeadline = { kind: 'immediate', word: '及时' };
const SERIOUS = ['major', 'extraordinary'] as const;

const ORDER_25 = '《职业病危害事故调查处理办法》（卫生部令第25号）第七条';
const ORDER_376 = '《突发公共卫生事件应急条例》（国务院令第376号）第二十条';
const ORDER_493 = '《生产安全事故报告和调查处理条例》（国务院令第493号）第九条至第十一条';
const ORDER_449_42 = '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十二条';
const ORDER_449_44 = '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十四条';

export const OBLIGATION_RULES: readonly ObligationRule[] = [
  { key: 'ohs_general_government', regime: 'occupational_hazard_accident', severities: ['general'], recipient: 'government', deadline: within(6), citation: ORDER_25, requirement: '一般职业病危害事故，6小时内报告同级人民政府' },
  { key: 'ohs_general_superior_health', regime: 'occupational_hazard_accident', severities: ['general'], recipient: 'superior_health', deadline: within(6), citation: ORDER_25, requirement: '一般职业病危害事故，6小时内报告上级卫生行政部门' },
  { key: 'ohs_serious_government', regime: 'occupational_hazard_accident', severities: SERIOUS, recipient: 'government', deadline: immediately, citation: ORDER_25, requirement: '重大和特大职业病危害事故，立即报告同级人民政府' },
  { key: 'ohs_serious_provincial_health', regime: 'occupational_hazard_accident', severities: SERIOUS, recipient: 'provincial_health', deadline: immediately, citation: ORDER_25, requirement: '重大和特大职业病危害事故，立即报告省级卫生行政部门' },
  { key: 'ohs_serious_national_health', regime: 'occupational_hazard_accident', severities: SERIOUS, recipient: 'national_health', deadline: immediately, citation: ORDER_25, requirement: '重大和特大职业病危害事故，立即报告国务院卫生行政部门' },
  { key: 'phe_government', regime: 'public_health_emergency', recipient: 'government', deadline: within(2), citation: ORDER_376, requirement: '重大职业中毒事件：卫生行政主管部门接到报告后2小时内向本级人民政府报告（县级人民政府2小时内报上一级人民政府，设区的市级人民政府2小时内报省级人民政府；省级人民政府1小时内报国务院卫生行政主管部门，第十九条）' },
  { key: 'phe_superior_health', regime: 'public_health_emergency', recipient: 'superior_health', deadline: within(2), citation: ORDER_376, requirement: '同时向上级人民政府卫生行政主管部门报告' },
  { key: 'phe_national_health', regime: 'public_health_emergency', recipient: 'national_health', deadline: within(2), citation: ORDER_376, requirement: '同时向国务院卫生行政主管部门报告' },
  { key: 'psa_emergency_management', regime: 'production_safety_accident', recipient: 'emergency_management', deadline: within(1), citation: ORDER_493, requirement: '事故单位负责人应于1小时内报告县级以上应急管理部门（第九条），应急管理部门逐级上报每级不超过2小时（第十一条）：卫健委核实已报告并通报事故信息', informational: true },
  { key: 'rad_government', regime: 'radiation_accident', recipient: 'government', deadline: immediately, citation: ORDER_449_42, requirement: '卫生主管部门接到辐射事故报告后，同时将辐射事故信息报告本级人民政府' },
  { key: 'rad_superior_health', regime: 'radiation_accident', recipient: 'superior_health', deadline: immediately, citation: ORDER_449_42, requirement: '同时报告上级人民政府卫生主管部门' },
  { key: 'rad_environment', regime: 'radiation_accident', recipient: 'environment', deadline: promptly, citation: ORDER_449_44, requirement: '生态环境主管部门负责应急响应、调查处理和定性定级；与卫生主管部门及时相互通报医疗应急情况' },
  { key: 'rad_state_council', regime: 'radiation_accident', grades: ['特别重大', '重大'], recipient: 'state_council', deadline: within(4), ownDutyAt: ['province'], citation: ORDER_449_42, requirement: '特别重大和重大辐射事故：省、自治区、直辖市人民政府和国务院有关部门接到报告后，4小时内报告国务院' },
  { key: 'rad_police', regime: 'radiation_accident', recipient: 'police', deadline: promptly, citation: ORDER_449_44, requirement: '公安部门负责丢失、被盗放射源的立案侦查和追缴；与卫生主管部门及时相互通报' },
];

export const OBLIGATION_RULE_KEYS = OBLIGATION_RULES.map((r) => r.key);

/** The most minutes a rule may be given: the statute's number, or the 立即 ceiling. */
export function statutoryCeiling(rule: ObligationRule): number {
  return rule.deadline.kind === 'within' ? rule.deadline.minutes : MAX_IMMEDIATE_MINUTES;
}

/**
 * Classifies an accident from its facts, never from a typed-in grade (spec §3 step 2), and says
 * which legal regimes the facts trigger, each with its citation. Pure: facts in, result out.
 * 以上 includes the number, 以下 excludes it (国务院令第493号 Art. 3).
 */
import type { IncidentFacts } from '../contract/report.js';
import type { Authority, RadiationSourceClass, RegimeCode, Severity } from './enums.js';

/** A body the statute names as leading under a regime, and for what. */
export interface RegimeLead {
  authority: Authority;
  /** The body as the statute names it, e.g. 生态环境主管部门. */
  body: string;
  /** What it leads, in the statute's words. */
  scope: string;
  citation: string;
}

export interface Regime {
  code: RegimeCode;
  name: string;
  citation: string;
  /** The grade within that regime, in its own words (e.g. 较大 for 国务院令第449号). */
  grade?: string;
  /** That grade on the three-level scale that drives deadlines and escalation. */
  severity?: Severity;
  /** Why the facts trigger it. */
  reason: string;
  /** Who leads under that regime, when the statute says so (readable). */
  lead?: string;
  /** The bodies the statute puts in charge, for matching them to member units. */
  leads?: RegimeLead[];
}

export interface Classification {
  /**
   * The incident's effective severity: the most serious of the regimes that apply, each graded by
   * its own statute (卫生部令第25号, 国务院令第449号, 第493号). Drives deadlines and escalation.
   */
  severity: Severity;
  /** Why this severity, in the statute's words. */
  severityReason: string;
  regimes: Regime[];
}

type ClassifiedFacts = Pick<IncidentFacts, 'casualties' | 'hazard' | 'employer' | 'settings'> & Partial<Pick<IncidentFacts, 'radiation'>>;

const SEVERITY_RANK: Record<Severity, number> = { general: 0, major: 1, extraordinary: 2 };

export function severityAtLeast(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold];
}

/** 卫生部令第25号 Art. 2. */
export function classifySeverity(c: IncidentFacts['casualties']): { severity: Severity; reason: string } {
  if (c.acuteCases >= 50) return { severity: 'extraordinary', reason: `急性职业病${c.acuteCases}人（50人以上）` };
  if (c.deaths >= 5) return { severity: 'extraordinary', reason: `死亡${c.deaths}人（5人以上）` };
  if (c.anthraxCases >= 5) return { severity: 'extraordinary', reason: `职业性炭疽${c.anthraxCases}人（5人以上）` };
  if (c.acuteCases >= 10) return { severity: 'major', reason: `急性职业病${c.acuteCases}人（10人以上50人以下）` };
  if (c.deaths >= 1) return { severity: 'major', reason: `死亡${c.deaths}人（5人以下）` };
  if (c.anthraxCases >= 1) return { severity: 'major', reason: `职业性炭疽${c.anthraxCases}人（5人以下）` };
  return { severity: 'general', reason: `急性职业病${c.acuteCases}人（10人以下），无死亡，无炭疽` };
}

const SEVERITY_NAMES: Record<Severity, string> = { general: '一般', major: '重大', extraordinary: '特大' };

/** Employers that are not 生产经营单位 under 国务院令第493号. */
const NON_PRODUCTION_INDUSTRIES = new Set(['healthcare', 'education']);

/** 国务院令第493号 Art. 3 grade from deaths and serious injuries (acute industrial poisoning counts as 重伤). */
export function productionSafetyGrade(deaths: number, seriousInjuries: number): string {
  if (deaths >= 30 || seriousInjuries >= 100) return '特别重大';
  if (deaths >= 10 || seriousInjuries >= 50) return '重大';
  if (deaths >= 3 || seriousInjuries >= 10) return '较大';
  return '一般';
}

/** What 国务院令第449号 Art. 40 grades a radiation accident by, besides its casualties. */
export interface RadiationSourceFacts {
  sourceClass?: RadiationSourceClass;
  wideContamination?: boolean;
  /** People exposed above the annual dose limit. */
  overexposed?: number;
}

/** 国务院令第449号 Art. 40 grade and the criterion that gives it, from casualties and the source. */
export function radiationAccidentGrading(deaths: number, severeCases: number, source: RadiationSourceFacts = {}): { grade: string; basis: string } {
  const highClass = source.sourceClass === 'I' || source.sourceClass === 'II';
  const klass = source.sourceClass ? SOURCE_WORDS[source.sourceClass] : '';
  if (deaths >= 3) return { grade: '特别重大', basis: `放射性同位素和射线装置失控导致${deaths}人急性死亡（3人以上）` };
  if (highClass && source.wideContamination) return { grade: '特别重大', basis: `${klass}失控造成大范围严重辐射污染后果` };
  if (highClass) return { grade: '重大', basis: `${klass}丢失、被盗、失控` };
  if (deaths >= 1) return { grade: '重大', basis: `放射性同位素和射线装置失控导致${deaths}人急性死亡（2人以下）` };
  if (severeCases >= 10) return { grade: '重大', basis: `${severeCases}人急性重度放射病、局部器官残疾（10人以上）` };
  if (source.sourceClass === 'III') return { grade: '较大', basis: 'Ⅲ类放射源丢失、被盗、失控' };
  if (severeCases >= 1) return { grade: '较大', basis: `${severeCases}人急性重度放射病、局部器官残疾（9人以下）` };
  if (source.sourceClass === 'IV' || source.sourceClass === 'V') return { grade: '一般', basis: `${klass}丢失、被盗、失控` };
  if ((source.overexposed ?? 0) >= 1) return { grade: '一般', basis: `${source.overexposed}人受到超过年剂量限值的照射` };
  return { grade: '一般', basis: '尚无第四十条较大以上辐射事故的事实，暂按一般辐射事故' };
}

/** 国务院令第449号 Art. 40 grade from casualties and, when known, the class of the source out of control. */
export function radiationAccidentGrade(deaths: number, severeCases: number, source: RadiationSourceFacts = {}): string {
  return radiationAccidentGrading(deaths, severeCases, source).grade;
}

/**
 * The four grades of 国务院令第449号 and 第493号 on the three-level scale of the product: 特别重大 is
 * 特大; 重大 and 较大, both above 一般, are 重大 (the stricter of the two neighbouring levels).
 */
const FOUR_GRADE_SEVERITY: Record<string, Severity> = { 特别重大: 'extraordinary', 重大: 'major', 较大: 'major', 一般: 'general' };

/** Agents whose acute effect is poisoning (中毒), including the chemical asphyxiants. */
const TOXIC_AGENTS = [
  '硫化氢', '一氧化碳', '氰', '氯气', '氯', '氨', '苯', '甲苯', '二甲苯', '甲醛', '甲醇', '二氧化硫', '氮氧化物', '二氧化氮', '光气',
  '砷化氢', '磷化氢', '硫酸二甲酯', '正己烷', '二氯乙烷', '三氯乙烯', '汞', '铅', '有机磷', '农药', '二氧化碳', '沼气', '煤气', '氟化氢', '溴甲烷',
];

/**
 * An acute occupational accident of the poisoning kind: acute poisoning, asphyxiation (窒息性气体, e.g.
 * 硫化氢、一氧化碳 in a confined space), or any acute accident whose agent is a poison. The statutes and
 * documents say 急性职业中毒 / 急性工业中毒 "等"; the category label alone does not decide it.
 */
export function isAcutePoisoningKind(facts: Pick<IncidentFacts, 'hazard'>): boolean {
  const { category, agent } = facts.hazard;
  if (category === 'acute_poisoning' || category === 'asphyxiation') return true;
  // A radiation accident that also released a poison is a poisoning accident too (as 25号 grades it: `gradedByOrder25`).
  if ((category !== 'other' && category !== 'radiation') || !agent) return false;
  return namesPoison(agent);
}

const namesPoison = (agent: string) => TOXIC_AGENTS.some((a) => agent.includes(a));

/** The article that grades each regime, for the effective severity's reason. */
const GRADING_ARTICLE: Record<RegimeCode, string> = {
  occupational_hazard_accident: '卫生部令第25号第二条',
  public_health_emergency: '国务院令第376号',
  production_safety_accident: '国务院令第493号第三条',
  radiation_accident: '国务院令第449号第四十条',
};

const ORDER_449_LEADS: RegimeLead[] = [
  {
    authority: 'ecology_environment',
    body: '生态环境主管部门',
    scope: '辐射事故的应急响应、调查处理和定性定级',
    citation: '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十三条',
  },
];

const ORDER_449_POLICE: RegimeLead = {
  authority: 'public_security',
  body: '公安部门',
  scope: '丢失、被盗放射源的立案侦查和追缴',
  citation: '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十三条',
};

const SOURCE_WORDS: Record<RadiationSourceClass, string> = {
  I: 'Ⅰ类放射源', II: 'Ⅱ类放射源', III: 'Ⅲ类放射源', IV: 'Ⅳ类放射源', V: 'Ⅴ类放射源', ray_device: '射线装置', unknown: '放射源类别尚不清楚',
};

function radiationRegime(facts: ClassifiedFacts): Regime {
  const c = facts.casualties;
  const source = facts.radiation ?? { sourceClass: 'unknown' as const, lostOrStolen: false, wideContamination: false, overexposed: 0 };
  const { grade, basis } = radiationAccidentGrading(c.deaths, c.severeCases, source);
  const parts = [
    basis,
    `${SOURCE_WORDS[source.sourceClass]}${source.lostOrStolen ? '丢失或被盗' : '失控'}`,
    `死亡${c.deaths}人，急性重度放射病或局部器官残疾${c.severeCases}人`,
    (source.overexposed ?? 0) > 0 && !basis.includes('年剂量限值') ? `${source.overexposed}人受到超过年剂量限值的照射` : '',
  ].filter(Boolean);
  return {
    code: 'radiation_accident',
    name: '辐射事故',
    citation: '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十条、第四十二条、第四十三条',
    grade,
    severity: FOUR_GRADE_SEVERITY[grade],
    reason: `${parts.join('，')}；生态环境主管部门牵头，公安、卫生主管部门同时报告`,
    lead: source.lostOrStolen ? '生态环境主管部门；丢失、被盗放射源的立案侦查和追缴由公安部门负责' : '生态环境主管部门',
    leads: source.lostOrStolen ? [...ORDER_449_LEADS, ORDER_449_POLICE] : ORDER_449_LEADS,
  };
}

/**
 * Whether 卫生部令第25号 grades this accident. Its Art. 2 leaves 放射事故 to the radiation rules
 * (regulations.md §2: "放射事故 are handled under 《放射事故管理规定》", today 国务院令第449号), so a pure
 * radiation-source accident is not an acute occupational disease accident under 25号. It is one as
 * well only when the facts name a non-radiation acute hazard beside the source — a poison among
 * its agents (e.g. a source lost in a fire with 氯气 released).
 */
export function gradedByOrder25(facts: Pick<IncidentFacts, 'hazard'>): boolean {
  if (facts.hazard.category !== 'radiation') return true;
  const agent = facts.hazard.agent;
  return !!agent && namesPoison(agent);
}

export function classifyIncident(facts: ClassifiedFacts): Classification {
  const { casualties: c, hazard } = facts;
  const occupational = classifySeverity(c);
  const regimes: Regime[] = gradedByOrder25(facts)
    ? [
        {
          code: 'occupational_hazard_accident',
          name: '职业病危害事故',
          citation: '《职业病危害事故调查处理办法》（卫生部令第25号）第二条',
          grade: SEVERITY_NAMES[occupational.severity],
          severity: occupational.severity,
          reason: occupational.reason,
        },
      ]
    : [];

  // 国务院令第376号 Art. 2: 重大职业中毒 — by the people poisoned or dead, whatever the label.
  const poisoning = isAcutePoisoningKind(facts);
  if (poisoning && (c.acuteCases >= 10 || c.deaths >= 1)) {
    regimes.push({
      code: 'public_health_emergency',
      name: '突发公共卫生事件（职业中毒）',
      citation: '《突发公共卫生事件应急条例》（国务院令第376号）第二条、第十九条、第二十条',
      reason: c.deaths >= 1 ? `急性职业中毒死亡${c.deaths}人（1人以上）` : `急性职业中毒${c.acuteCases}人（10人以上）`,
    });
  }

  const seriousInjuries = poisoning ? Math.max(c.acuteCases, c.severeCases) : c.severeCases;
  // 493号 Art. 2 is about the employer's 生产经营活动, not the premises: a construction company's
  // accident on a school site is one; a school's own (industry unnamed, on its premises) is not.
  // A radiation accident is 449号's, unless it also poisoned people (then 25号 grades it too).
  const schoolAsEmployer = facts.employer.industry === 'other' && (facts.settings.includes('school') || facts.settings.includes('university'));
  const productionUnit = !NON_PRODUCTION_INDUSTRIES.has(facts.employer.industry) && !schoolAsEmployer && (hazard.category !== 'radiation' || gradedByOrder25(facts));
  if (productionUnit && (c.deaths >= 1 || seriousInjuries >= 1)) {
    const grade = productionSafetyGrade(c.deaths, seriousInjuries);
    regimes.push({
      code: 'production_safety_accident',
      name: '生产安全事故',
      citation: '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条',
      grade,
      severity: FOUR_GRADE_SEVERITY[grade],
      reason: `死亡${c.deaths}人，重伤（含急性工业中毒）${seriousInjuries}人`,
      lead: '应急管理部门',
      leads: [
        {
          authority: 'emergency_management',
          body: '应急管理部门（安全生产监督管理部门）',
          scope: '生产安全事故的报告和调查处理',
          citation: '《生产安全事故报告和调查处理条例》（国务院令第493号）第九条至第十一条、第十九条',
        },
      ],
    });
  }

  if (hazard.category === 'radiation') regimes.push(radiationRegime(facts));

  // The effective severity: the most serious grade among the regimes (25号 first on a tie). A pure
  // radiation accident has no 25号 line; its 449号 grade is the effective one.
  let driver = regimes[0]!;
  for (const r of regimes) if (r.severity && SEVERITY_RANK[r.severity] > SEVERITY_RANK[driver.severity!]) driver = r;
  const severity = driver.severity!;
  const graded25 = driver.code === 'occupational_hazard_accident';
  const severityReason = graded25
    ? occupational.reason
    : regimes[0]!.code === 'occupational_hazard_accident'
      ? `依${GRADING_ARTICLE[driver.code]}为${driver.grade}${driver.name}（${driver.reason.split('；')[0]}），重于卫生部令第25号的${SEVERITY_NAMES[occupational.severity]}，按${SEVERITY_NAMES[severity]}处置`
      : `依${GRADING_ARTICLE[driver.code]}为${driver.grade}${driver.name}（${driver.reason.split('，')[0]}），按${SEVERITY_NAMES[severity]}处置；放射事故不按卫生部令第25号分级`;
  return { severity, severityReason, regimes };
}

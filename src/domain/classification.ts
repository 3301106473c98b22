/**
 * Classifies an accident from its facts, never from a typed-in grade (spec §3 step 2), and says
 * which legal regimes the facts trigger, each with its citation. Pure: facts in, result out.
 * 以上 includes the number, 以下 excludes it (国务院令第493号 Art. 3).
 */
import type { IncidentFacts } from '../contract/report.js';
import type { RegimeCode, Severity } from './enums.js';

export interface Regime {
  code: RegimeCode;
  name: string;
  citation: string;
  /** The grade within that regime, when the regime grades (e.g. 较大 for 国务院令第493号). */
  grade?: string;
  /** Why the facts trigger it. */
  reason: string;
  /** Who leads under that regime, when the statute says so. */
  lead?: string;
}

export interface Classification {
  severity: Severity;
  /** Why this severity, in the statute's words. */
  severityReason: string;
  regimes: Regime[];
}

type ClassifiedFacts = Pick<IncidentFacts, 'casualties' | 'hazard' | 'employer' | 'settings'>;

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

/** 国务院令第449号 Art. 40 grade from casualties (source class is not part of the facts). */
export function radiationAccidentGrade(deaths: number, severeCases: number): string {
  if (deaths >= 3) return '特别重大';
  if (deaths >= 1 || severeCases >= 10) return '重大';
  if (severeCases >= 1) return '较大';
  return '一般';
}

export function classifyIncident(facts: ClassifiedFacts): Classification {
  const { casualties: c, hazard } = facts;
  const { severity, reason } = classifySeverity(c);
  const regimes: Regime[] = [
    {
      code: 'occupational_hazard_accident',
      name: '职业病危害事故',
      citation: '《职业病危害事故调查处理办法》（卫生部令第25号）第二条',
      grade: SEVERITY_NAMES[severity],
      reason,
    },
  ];

  const poisoning = hazard.category === 'acute_poisoning';
  if (poisoning && (c.acuteCases >= 10 || c.deaths >= 1)) {
    regimes.push({
      code: 'public_health_emergency',
      name: '突发公共卫生事件（职业中毒）',
      citation: '《突发公共卫生事件应急条例》（国务院令第376号）第二条、第十九条、第二十条',
      reason: c.deaths >= 1 ? `急性职业中毒死亡${c.deaths}人（1人以上）` : `急性职业中毒${c.acuteCases}人（10人以上）`,
    });
  }

  const seriousInjuries = poisoning ? Math.max(c.acuteCases, c.severeCases) : c.severeCases;
  const productionUnit =
    !NON_PRODUCTION_INDUSTRIES.has(facts.employer.industry) &&
    !facts.settings.includes('school') &&
    hazard.category !== 'radiation';
  if (productionUnit && (c.deaths >= 1 || seriousInjuries >= 1)) {
    regimes.push({
      code: 'production_safety_accident',
      name: '生产安全事故',
      citation: '《生产安全事故报告和调查处理条例》（国务院令第493号）第三条',
      grade: productionSafetyGrade(c.deaths, seriousInjuries),
      reason: `死亡${c.deaths}人，重伤（含急性工业中毒）${seriousInjuries}人`,
      lead: '应急管理部门',
    });
  }

  if (hazard.category === 'radiation') {
    regimes.push({
      code: 'radiation_accident',
      name: '辐射事故',
      citation: '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十条、第四十二条',
      grade: radiationAccidentGrade(c.deaths, c.severeCases),
      reason: '放射/辐射事故：生态环境主管部门牵头，公安、卫生主管部门同时报告',
      lead: '生态环境主管部门',
    });
  }

  return { severity, severityReason: reason, regimes };
}

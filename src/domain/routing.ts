/**
 * Turns the facts into the list of member units to notify, each with its role and the quoted
 * duty clause that makes it responsible (spec §3 step 3). The rulebook is data; nothing here
 * knows any jurisdiction. Pure.
 */
import type { UnitAdjustment, UnitExclusion } from '../contract/report.js';
import type { Classification } from './classification.js';
import type { UnitRole } from './enums.js';
import { matchesCondition, type RoutedFacts } from '../rulebooks/conditions.js';
import type { MemberUnit, Rulebook, RoutingRule } from '../rulebooks/schema.js';
import { regimeLeadWarnings, type RegimeLeadWarningCode } from './regime-leads.js';
import { casualtyWarnings, type CasualtyWarning } from './casualty-counts.js';

export interface RoutingClause {
  /** Where the clause stands, e.g. "附件 十四(五)" or "三(四)2". */
  ref: string;
  quote: string;
  /** Why the rule applies to these facts, e.g. "每起职业病危害事故". */
  reason: string;
  ruleId: string | null;
}

export interface RoutingDecision {
  unitId: string;
  unitName: string;
  role: UnitRole;
  /** The quoted clause(s), readable as one line. */
  basis: string;
  clauses: RoutingClause[];
  /** Set when the duty officer added the unit or changed its role. */
  adjustment?: { kind: 'added' | 'role_changed'; reason: string };
}

export interface RoutingExclusion {
  unitId: string;
  unitName: string;
  role: UnitRole;
  reason: string;
}

export interface RoutingWarning {
  code: 'township_not_found' | RegimeLeadWarningCode | CasualtyWarning['code'];
  message: string;
}

export interface RoutingResult {
  routing: RoutingDecision[];
  excluded: RoutingExclusion[];
  warnings: RoutingWarning[];
}

/** Problems with the duty officer's adjustments, keyed by the failing field path. */
export interface AdjustmentProblem {
  path: (string | number)[];
  message: string;
}

const ROLE_RANK: Record<UnitRole, number> = { lead: 0, support: 1, inform: 2 };

export function ruleClause(book: Rulebook, rule: RoutingRule, unit: MemberUnit): RoutingClause {
  if ('unitDuty' in rule.basis) {
    const ref = rule.basis.unitDuty;
    const duty = unit.duties.find((d) => d.ref === ref)!;
    return { ref: `${book.document.number} 附件 ${unit.section ?? unit.shortName}${ref}`.trim(), quote: duty.text, reason: rule.reason, ruleId: rule.id };
  }
  if ('statute' in rule.basis) return { ref: rule.basis.statute, quote: rule.basis.provision, reason: rule.reason, ruleId: rule.id };
  return { ref: `${book.document.number} ${rule.basis.documentClause}`, quote: rule.basis.quote, reason: rule.reason, ruleId: rule.id };
}

function normalizeTownship(name: string): string {
  return name.replace(/\s/g, '');
}

function townshipUnit(book: Rulebook, township: string): MemberUnit | undefined {
  const wanted = normalizeTownship(township);
  return book.units.find(
    (u) => u.kind === 'township' && (normalizeTownship(u.township ?? u.name) === wanted || normalizeTownship(u.name) === wanted),
  );
}

/** Every township the accident spans: the place's (which may list several, 、-separated) and the others named. */
export function placeTownships(place: RoutedFacts['place']): string[] {
  const named = [place.township ?? '', ...(place.otherTownships ?? [])]
    .flatMap((t) => t.split(/[、，,；;/]|和|及/))
    .map((t) => t.trim())
    .filter(Boolean);
  return [...new Set(named.map(normalizeTownship))];
}

export function formatBasis(clauses: RoutingClause[]): string {
  return clauses.map((c) => `${c.ref}：「${c.quote}」`).join('；');
}

/** The routing the rulebook gives for these facts, before the duty officer's adjustments. */
export function routeByRulebook(book: Rulebook, facts: RoutedFacts, cls: Classification): Omit<RoutingResult, 'excluded'> {
  const byUnit = new Map<string, { unit: MemberUnit; role: UnitRole; clauses: { clause: RoutingClause; role: UnitRole }[] }>();
  const warnings: RoutingWarning[] = [];
  const add = (unit: MemberUnit, rule: RoutingRule) => {
    const clause = ruleClause(book, rule, unit);
    const entry = byUnit.get(unit.id);
    if (!entry) byUnit.set(unit.id, { unit, role: rule.role, clauses: [{ clause, role: rule.role }] });
    else {
      if (ROLE_RANK[rule.role] < ROLE_RANK[entry.role]) entry.role = rule.role;
      entry.clauses.push({ clause, role: rule.role });
    }
  };
  const townships = placeTownships(facts.place);
  for (const rule of book.routing) {
    if (!matchesCondition(rule.when, facts, cls)) continue;
    if (!rule.townshipOfPlace) {
      const unit = book.units.find((u) => u.id === rule.unitId);
      if (unit) add(unit, rule);
      continue;
    }
    // 属地: every township the accident spans.
    if (townships.length === 0 && !warnings.some((w) => w.code === 'township_not_found'))
      warnings.push({ code: 'township_not_found', message: '未填写事发地乡镇（街道），无法确定属地单位' });
    for (const name of townships) {
      const unit = townshipUnit(book, name);
      if (unit) add(unit, rule);
      else if (!warnings.some((w) => w.code === 'township_not_found' && w.message.includes(`“${name}”`)))
        warnings.push({ code: 'township_not_found', message: `未找到事发地乡镇（街道）“${name}”，请手动增加属地单位` });
    }
  }
  const order = new Map(book.units.map((u, i) => [u.id, i]));
  const routing = [...byUnit.values()]
    .map(({ unit, role, clauses: ranked }) => {
      // The clauses behind the strongest role first (stable: rulebook order within a role).
      const clauses = [...ranked].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]).map((c) => c.clause);
      return { unitId: unit.id, unitName: unit.name, role, basis: formatBasis(clauses), clauses };
    })
    .sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role] || order.get(a.unitId)! - order.get(b.unitId)!);
  for (const w of regimeLeadWarnings(book, cls, routing)) warnings.push({ code: w.code, message: w.message });
  warnings.push(...casualtyWarnings(facts.casualties));
  return { routing, warnings };
}

/**
 * Applies the duty officer's additions and removals, each with its written reason. Returns the
 * problems instead when an adjustment names an unknown unit or contradicts another.
 */
export function applyAdjustments(
  book: Rulebook,
  base: Omit<RoutingResult, 'excluded'>,
  extraUnits: UnitAdjustment[],
  excludeUnits: UnitExclusion[],
): { ok: true; result: RoutingResult } | { ok: false; problems: AdjustmentProblem[] } {
  const problems: AdjustmentProblem[] = [];
  const units = new Map(book.units.map((u) => [u.id, u]));
  const routing = base.routing.map((d) => ({ ...d }));
  const excluded: RoutingExclusion[] = [];
  const seen = new Set<string>();
  const removed = new Set<string>();

  extraUnits.forEach((extra, i) => {
    const unit = units.get(extra.unitId);
    if (!unit) return problems.push({ path: ['extraUnits', i, 'unitId'], message: `本辖区没有成员单位 ${extra.unitId} (unknown unit)` });
    if (seen.has(unit.id)) return problems.push({ path: ['extraUnits', i, 'unitId'], message: '同一单位只能调整一次 (unit adjusted twice)' });
    seen.add(unit.id);
    const existing = routing.find((d) => d.unitId === unit.id);
    const clause: RoutingClause = { ref: '值班员调整', quote: extra.reason, reason: extra.reason, ruleId: null };
    if (existing) {
      if (existing.role === extra.role)
        return problems.push({ path: ['extraUnits', i, 'role'], message: '该单位已按此角色在通知名单中 (already routed with this role)' });
      existing.role = extra.role;
      existing.clauses = [...existing.clauses, clause];
      existing.basis = formatBasis(existing.clauses);
      existing.adjustment = { kind: 'role_changed', reason: extra.reason };
    } else {
      routing.push({
        unitId: unit.id,
        unitName: unit.name,
        role: extra.role,
        basis: formatBasis([clause]),
        clauses: [clause],
        adjustment: { kind: 'added', reason: extra.reason },
      });
    }
  });

  excludeUnits.forEach((ex, i) => {
    const index = routing.findIndex((d) => d.unitId === ex.unitId);
    if (seen.has(ex.unitId))
      return problems.push({ path: ['excludeUnits', i, 'unitId'], message: '不能同时增加和移除同一单位 (unit both added and removed)' });
    if (removed.has(ex.unitId))
      return problems.push({ path: ['excludeUnits', i, 'unitId'], message: '同一单位只能移除一次 (unit removed twice)' });
    if (index < 0) return problems.push({ path: ['excludeUnits', i, 'unitId'], message: `${ex.unitId} 不在通知名单中 (not routed)` });
    removed.add(ex.unitId);
    const [gone] = routing.splice(index, 1);
    excluded.push({ unitId: gone!.unitId, unitName: gone!.unitName, role: gone!.role, reason: ex.reason });
  });

  if (problems.length) return { ok: false, problems };
  routing.sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]);
  return { ok: true, result: { routing, excluded, warnings: base.warnings } };
}

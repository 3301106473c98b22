/**
 * Classification and routing for a submission, shared by preview, 初报 and 续报: the pure domain
 * functions, with the duty officer's adjustments turned into field errors when they do not fit.
 */
import type { UnitAdjustment, UnitExclusion } from '../../contract/report.js';
import { classifyIncident, type Classification } from '../../domain/classification.js';
import { applyAdjustments, routeByRulebook, type RoutingResult } from '../../domain/routing.js';
import { carryOverDeclines, type ResolvedDecline } from '../../domain/declines.js';
import type { RoutedFacts } from '../../rulebooks/conditions.js';
import type { Rulebook } from '../../rulebooks/schema.js';
import { fieldPath, invalid } from '../errors.js';

export interface Assessment extends RoutingResult {
  classification: Classification;
}

export function assessReport(
  book: Rulebook,
  facts: RoutedFacts,
  extraUnits: UnitAdjustment[],
  excludeUnits: UnitExclusion[],
): Assessment {
  const classification = classifyIncident(facts);
  const adjusted = applyAdjustments(book, routeByRulebook(book, facts, classification), extraUnits, excludeUnits);
  if (!adjusted.ok)
    throw invalid(
      '通知单位的调整有误 (unit adjustments do not fit the routing)',
      adjusted.problems.map((p) => ({ field: fieldPath(p.path), message: p.message })),
    );
  return { classification, ...adjusted.result };
}

/**
 * The one plan of a report version: classification, the rulebook's routing with the duty
 * officer's adjustments, and the commanders' resolved declines carried over. The preview and the
 * filing both call it, so the preview shows exactly what filing will do. No I/O.
 */
export function planReport(
  book: Rulebook,
  facts: RoutedFacts,
  extraUnits: UnitAdjustment[],
  excludeUnits: UnitExclusion[],
  declines: ResolvedDecline[],
): Assessment {
  const assessment = assessReport(book, facts, extraUnits, excludeUnits);
  const adjusted = new Set([...extraUnits, ...excludeUnits].map((a) => a.unitId));
  return { ...assessment, ...carryOverDeclines(assessment, declines, adjusted) };
}

/** The preview/create answer's assessment part (spec §8). */
export function assessmentView(a: Assessment) {
  return {
    severity: a.classification.severity,
    severityReason: a.classification.severityReason,
    regimes: a.classification.regimes,
    routing: a.routing,
    excluded: a.excluded,
    warnings: a.warnings,
  };
}

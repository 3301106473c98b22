/**
 * Counts that contradict each other in a report's casualties: more people ill or dead than were
 * exposed. A warning, not a refusal: an accident report must go out while the counts are still
 * being made (0 exposed means not yet counted), and the 续报 corrects them. Pure.
 */
import type { IncidentFacts } from '../contract/report.js';

export interface CasualtyWarning {
  code: 'casualties_exceed_exposed';
  message: string;
}

const COUNTED = [
  ['acuteCases', '急性病例数'],
  ['deaths', '死亡人数'],
  ['anthraxCases', '炭疽病例数'],
  ['chronicCases', '慢性职业病确诊人数'],
] as const;

export function casualtyWarnings(c: IncidentFacts['casualties']): CasualtyWarning[] {
  if (c.exposed <= 0) return [];
  const over = COUNTED.filter(([field]) => (c[field] ?? 0) > c.exposed);
  if (over.length === 0) return [];
  const what = over.map(([field, name]) => `${name}（${c[field]}人）`).join('、');
  return [{ code: 'casualties_exceed_exposed', message: `${what}多于接触人数（${c.exposed}人），请核实后在续报中更正` }];
}

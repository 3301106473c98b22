/** A rulebook condition in readable Chinese, for the admin's view of the rulebook. Pure. */
import {
  CASUALTY_LABELS,
  FLAG_LABELS,
  HAZARD_LABELS,
  INDUSTRY_LABELS,
  LABOR_RELATION_LABELS,
  labelOf,
  OWNERSHIP_LABELS,
  REGIME_LABELS,
  SETTING_LABELS,
  SEVERITY_LABELS,
  STATE_OWNER_LEVEL_LABELS,
} from '../../contract/labels.js';
import type { Condition } from '../../rulebooks/schema.js';

const list = (table: Record<string, string>, codes: readonly string[]) => codes.map((c) => labelOf(table, c)).join('、');

export function describeCondition(cond: Condition): string {
  if ('always' in cond) return '所有事故';
  if ('all' in cond) return cond.all.map((c) => wrap(c, 'all')).join(' 且 ');
  if ('any' in cond) return cond.any.map((c) => wrap(c, 'any')).join(' 或 ');
  if ('not' in cond) return `非（${describeCondition(cond.not)}）`;
  if ('hazard' in cond) return `危害类别为 ${list(HAZARD_LABELS, cond.hazard)}`;
  if ('setting' in cond) return `场所为 ${list(SETTING_LABELS, cond.setting)}`;
  if ('flag' in cond) return `标记有 ${list(FLAG_LABELS, cond.flag)}`;
  if ('industry' in cond) return `行业为 ${list(INDUSTRY_LABELS, cond.industry)}`;
  if ('ownership' in cond) return `所有制为 ${list(OWNERSHIP_LABELS, cond.ownership)}`;
  if ('licensed' in cond) return cond.licensed ? '用人单位持照经营' : '用人单位无照经营';
  if ('laborRelation' in cond) return `劳动关系${labelOf(LABOR_RELATION_LABELS, cond.laborRelation)}`;
  if ('severityAtLeast' in cond) return `事故等级 ≥ ${labelOf(SEVERITY_LABELS, cond.severityAtLeast)}`;
  if ('regime' in cond) return `触发 ${list(REGIME_LABELS, cond.regime)}`;
  if ('casualtiesAtLeast' in cond) return `${CASUALTY_LABELS[cond.casualtiesAtLeast.field]} ≥ ${cond.casualtiesAtLeast.value}`;
  if ('acutePoisoningKind' in cond) return '急性职业中毒类事故（含窒息性气体、有毒物质所致）';
  if ('stateOwnerLevel' in cond) return `国有企业属 ${list(STATE_OWNER_LEVEL_LABELS, cond.stateOwnerLevel)}`;
  if ('sourceLostOrStolen' in cond) return '放射源丢失或被盗';
  return JSON.stringify(cond);
}

/** Parenthesises a nested group whose joiner differs from its parent's, so 且/或 read unambiguously. */
function wrap(c: Condition, parent: 'all' | 'any'): string {
  const text = describeCondition(c);
  const nested = ('all' in c && parent === 'any') || ('any' in c && parent === 'all');
  return nested && (('all' in c && c.all.length > 1) || ('any' in c && c.any.length > 1)) ? `（${text}）` : text;
}

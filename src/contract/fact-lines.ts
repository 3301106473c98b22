/**
 * The report's facts as labelled lines in Chinese, for every view of an incident (desk page, board
 * detail, the liaison's card). One place, so a fact the report contract gains is shown everywhere
 * or nowhere; `test/domain/fact-lines.test.ts` checks every field of the contract is covered.
 * Pure; times, the map link, the narrative and the reporter's phone are rendered by the views.
 */
import {
  CASUALTY_LABELS,
  FLAG_LABELS,
  HAZARD_LABELS,
  INDUSTRY_LABELS,
  LABOR_RELATION_LABELS,
  labelOf,
  OWNERSHIP_LABELS,
  RADIATION_SOURCE_CLASS_LABELS,
  SETTING_LABELS,
  STATE_OWNER_LEVEL_LABELS,
} from './labels.js';

/** What a view may hold of the facts: the commission's whole facts, or the summary a unit is sent. */
export interface DisplayedFacts {
  place?: { township?: string; otherTownships?: string[] };
  employer?: {
    name?: string;
    creditCode?: string;
    industry?: string;
    ownership?: string;
    stateOwnerLevel?: string;
    licensed?: boolean;
    laborRelation?: string;
  };
  settings?: readonly string[];
  hazard?: { category?: string; agent?: string };
  radiation?: { sourceClass?: string; lostOrStolen?: boolean; wideContamination?: boolean; overexposed?: number };
  casualties?: Partial<Record<keyof typeof CASUALTY_LABELS, number>>;
  flags?: readonly string[];
}

export interface FactLine {
  /** Stable key for tests and selectors (`data-fact`). */
  key: string;
  label: string;
  value: string;
  /** A code shown as written (the credit code), which the page marks as literal. */
  literal?: string;
}

const CASUALTY_ORDER = ['exposed', 'acuteCases', 'severeCases', 'deaths', 'anthraxCases', 'chronicCases'] as const;

function employerLines(e: NonNullable<DisplayedFacts['employer']>): FactLine[] {
  const lines: FactLine[] = [];
  if (e.name) lines.push({ key: 'employer', label: '用人单位', value: e.name, ...(e.creditCode ? { literal: e.creditCode } : {}) });
  if (e.industry) lines.push({ key: 'employer.industry', label: '行业', value: labelOf(INDUSTRY_LABELS, e.industry) });
  if (e.ownership) {
    const level = e.stateOwnerLevel ? `（${labelOf(STATE_OWNER_LEVEL_LABELS, e.stateOwnerLevel)}）` : '';
    lines.push({ key: 'employer.ownership', label: '所有制', value: `${labelOf(OWNERSHIP_LABELS, e.ownership)}${level}` });
  }
  if (e.licensed !== undefined) lines.push({ key: 'employer.licensed', label: '证照', value: e.licensed ? '持照经营' : '无证照经营' });
  if (e.laborRelation) lines.push({ key: 'employer.laborRelation', label: '劳动关系', value: labelOf(LABOR_RELATION_LABELS, e.laborRelation) });
  return lines;
}

function radiationLines(r: NonNullable<DisplayedFacts['radiation']>): FactLine[] {
  const lines: FactLine[] = [
    {
      key: 'radiation.sourceClass',
      label: '放射源',
      value: `${labelOf(RADIATION_SOURCE_CLASS_LABELS, r.sourceClass ?? 'unknown')}，${r.lostOrStolen ? '丢失或被盗' : '失控（未丢失、被盗）'}`,
    },
  ];
  if (r.wideContamination) lines.push({ key: 'radiation.wideContamination', label: '辐射污染', value: '造成大范围严重辐射污染' });
  lines.push({ key: 'radiation.overexposed', label: '超剂量照射', value: `${r.overexposed ?? 0}人受到超过年剂量限值的照射` });
  return lines;
}

export function factLines(f: DisplayedFacts): FactLine[] {
  const lines: FactLine[] = [];
  const townships = [f.place?.township, ...(f.place?.otherTownships ?? [])].filter((t): t is string => !!t);
  if (townships.length)
    lines.push({ key: 'place.townships', label: '乡镇/街道', value: townships.length > 1 ? `${townships.join('、')}（跨${townships.length}个乡镇/街道）` : townships[0]! });
  if (f.employer) lines.push(...employerLines(f.employer));
  if (f.hazard?.category)
    lines.push({ key: 'hazard', label: '危害', value: `${labelOf(HAZARD_LABELS, f.hazard.category)}${f.hazard.agent ? ` · ${f.hazard.agent}` : ''}` });
  if (f.radiation) lines.push(...radiationLines(f.radiation));
  if (f.casualties) {
    const c = f.casualties;
    lines.push({ key: 'casualties', label: '伤亡', value: CASUALTY_ORDER.map((k) => `${CASUALTY_LABELS[k]} ${c[k] ?? 0}`).join('，') });
  }
  if (f.settings?.length) lines.push({ key: 'settings', label: '场所', value: f.settings.map((s) => (s === 'prison' ? '监狱、戒毒场所（涉及服刑、戒毒人员）' : labelOf(SETTING_LABELS, s))).join('、') });
  if (f.flags?.length) lines.push({ key: 'flags', label: '标记', value: f.flags.map((x) => labelOf(FLAG_LABELS, x)).join('、') });
  return lines;
}

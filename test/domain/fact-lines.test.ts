/**
 * Every fact the report carries is shown: desk, board and the liaison's card render `factLines`,
 * so each field of the report contract must come out of it (or be one the views render themselves).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { factLines } from '../../src/contract/fact-lines.js';
import { incidentFactsSchema, type IncidentFacts } from '../../src/contract/report.js';

/** Rendered by the views in their own way: times, the map link, the narrative, the reporter. */
const RENDERED_ELSEWHERE = ['title', 'occurredAt', 'receivedAt', 'place.address', 'place.lat', 'place.lng', 'narrative', 'measuresTaken', 'reporter.name', 'reporter.phone'];

/** Every leaf path of the contract's facts. */
function leafPaths(schema: z.ZodType, prefix = ''): string[] {
  let s: any = schema;
  while (s?.def && ['optional', 'default', 'nullable', 'pipe', 'prefault'].includes(s.def.type)) s = s.def.innerType ?? s.def.in;
  if (s?.def?.type === 'object') return Object.entries(s.def.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

const full: IncidentFacts = {
  title: '某矿业公司放射源丢失',
  occurredAt: '2026-11-23T08:10:00+08:00',
  receivedAt: '2026-11-23T08:40:00+08:00',
  place: { address: '某县某路1号', township: '甲镇', otherTownships: ['乙镇', '丙街道'], lat: 32.1, lng: 114.1 },
  employer: {
    name: '某矿业有限公司',
    creditCode: '91411500MA44XXXX0X',
    industry: 'non_coal_mine',
    ownership: 'state_owned',
    stateOwnerLevel: 'city',
    licensed: false,
    laborRelation: 'undetermined',
  },
  settings: ['mine', 'prison', 'university', 'research_institute'],
  hazard: { category: 'radiation', agent: '铯-137' },
  radiation: { sourceClass: 'III', lostOrStolen: true, wideContamination: true, overexposed: 4 },
  casualties: { exposed: 21, acuteCases: 2, severeCases: 1, deaths: 0, anthraxCases: 0, chronicCases: 7 },
  flags: ['illegal_mining', 'suspected_crime'],
  narrative: '经过',
  measuresTaken: '措施',
  reporter: { name: '张三', phone: '0376-1234567' },
};

describe('the incident views show every fact the report carries, in Chinese', () => {
  const lines = factLines(full);
  const text = lines.map((l) => `${l.label}：${l.value}`).join('\n');
  const literals = lines.flatMap((l) => l.literal ?? []);

  it('each field of the report contract is either a fact line or rendered by the view itself', () => {
    const paths = leafPaths(incidentFactsSchema);
    expect(paths.length).toBeGreaterThan(20);
    const covered = new Set(lines.map((l) => l.key));
    const coveredBy = (path: string) =>
      RENDERED_ELSEWHERE.includes(path) ||
      covered.has(path) ||
      [...covered].some((k) => path.startsWith(`${k}.`)) ||
      (path.startsWith('place.') && covered.has('place.townships')) ||
      (path === 'employer.name' || path === 'employer.creditCode' ? covered.has('employer') : false) ||
      (path === 'employer.stateOwnerLevel' && covered.has('employer.ownership')) ||
      (path === 'radiation.lostOrStolen' && covered.has('radiation.sourceClass'));
    expect(paths.filter((p) => !coveredBy(p))).toEqual([]);
  });

  it.each([
    ['diagnosed chronic cases', '慢性职业病确诊 7'],
    ['people exposed', '接触人数 21'],
    ['the radiation source class', 'Ⅲ类放射源'],
    ['a lost or stolen source', '丢失或被盗'],
    ['wide contamination', '造成大范围严重辐射污染'],
    ['exposure above the annual dose limit', '4人受到超过年剂量限值的照射'],
    ['the owner level of a state-owned employer', '国有（市属企业）'],
    ['every township of a multi-township accident', '甲镇、乙镇、丙街道（跨3个乡镇/街道）'],
    ['mining beyond the licensed area', '无证开采或超越批准矿区范围采矿'],
    ['an unlicensed employer', '无证照经营'],
    ['a labour relation that cannot be established', '劳动关系：无法确定'],
    ['the kind of school or institute', '普通高校、科研单位'],
    ['inmates', '服刑、戒毒人员'],
  ])('%s: 「%s」', (_what, words) => expect(text).toContain(words));

  it('has no Latin letters; the credit code is kept apart as a literal', () => {
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(literals).toEqual(['91411500MA44XXXX0X']);
  });

  it('a unit’s summary without the commission’s extra facts still shows what it has', () => {
    const few = factLines({ hazard: { category: 'acute_poisoning' }, casualties: { acuteCases: 1 } });
    expect(few.map((l) => l.key)).toEqual(['hazard', 'casualties']);
    expect(few[1]!.value).toContain('慢性职业病确诊 0');
  });
});

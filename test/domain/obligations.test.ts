import { describe, expect, it } from 'vitest';
import { classifyIncident } from '../../src/domain/classification.js';
import {
  computeObligations,
  DEFAULT_IMMEDIATE_MINUTES,
  MAX_IMMEDIATE_MINUTES,
  OBLIGATION_RULES,
  obligationState,
  resolveRecipient,
  submissionTimeliness,
  planObligationChanges,
  missedBeforeSuperseded,
  type ExistingObligation,
  type ObligationSpec,
  targetMinutes,
  type ReportingPlace,
  type ReportingPolicy,
} from '../../src/domain/obligations.js';
import { facts, type FactsOverrides } from './fixtures.js';

const START = new Date('2026-11-23T00:40:00.000Z');
const HENAN = { id: 'henan', name: '河南省', level: 'province' as const };
const XINYANG = { id: 'xinyang', name: '信阳市', level: 'city' as const };
const GUSHI = { id: 'gushi', name: '固始县', level: 'county' as const };

const city: ReportingPlace = { self: XINYANG, ancestors: [HENAN] };
const lonelyCity: ReportingPlace = { self: XINYANG, ancestors: [] };
const county: ReportingPlace = { self: GUSHI, ancestors: [XINYANG, HENAN] };
const lonelyCounty: ReportingPlace = { self: GUSHI, ancestors: [] };
const province: ReportingPlace = { self: HENAN, ancestors: [] };

function obligations(over: FactsOverrides, place: ReportingPlace = city, policy?: ReportingPolicy) {
  return computeObligations({ classification: classifyIncident(facts(over)), place, policy, startsAt: START });
}
const keys = (list: { key: string }[]) => list.map((o) => o.key).sort();
const by = (list: ReturnType<typeof obligations>, key: string) => list.find((o) => o.key === key)!;
const minutesAfterStart = (d: Date) => (d.getTime() - START.getTime()) / 60_000;

/** A general accident that triggers no other regime (a heatstroke case at a school). */
const GENERAL_ONLY: FactsOverrides = { hazard: { category: 'heatstroke' }, settings: ['school'], employer: { industry: 'education' }, casualties: { acuteCases: 1 } };

describe('卫生部令第25号 Art. 7: the severity decides', () => {
  it('general: within 6 h to the same-level government and the health authority above', () => {
    const list = obligations(GENERAL_ONLY);
    expect(keys(list)).toEqual(['ohs_general_government', 'ohs_general_superior_health']);
    for (const o of list) {
      expect(o.statutoryMinutes).toBe(360);
      expect(o.targetMinutes).toBe(360);
      expect(minutesAfterStart(o.dueAt)).toBe(360);
      expect(o.deadlineText).toBe('6小时内');
      expect(o.citation).toContain('卫生部令第25号）第七条');
    }
    expect(by(list, 'ohs_general_government').recipient).toEqual({ kind: 'government', name: '信阳市人民政府', jurisdictionId: null });
    expect(by(list, 'ohs_general_superior_health').recipient).toEqual({ kind: 'superior_health', name: '河南省卫生健康委员会', jurisdictionId: 'henan' });
  });

  it.each([
    ['9 acute cases', { acuteCases: 9 }, 'general'],
    ['10 acute cases', { acuteCases: 10 }, 'major'],
    ['49 acute cases', { acuteCases: 49 }, 'major'],
    ['50 acute cases', { acuteCases: 50 }, 'extraordinary'],
    ['1 death', { deaths: 1 }, 'major'],
    ['5 deaths', { deaths: 5 }, 'extraordinary'],
    ['1 anthrax case', { anthraxCases: 1 }, 'major'],
  ] as const)('%s → %s obligations', (_label, c, severity) => {
    const list = obligations({ ...GENERAL_ONLY, casualties: c }).filter((o) => o.regime === 'occupational_hazard_accident');
    if (severity === 'general') expect(keys(list)).toEqual(['ohs_general_government', 'ohs_general_superior_health']);
    else expect(keys(list)).toEqual(['ohs_serious_government', 'ohs_serious_national_health', 'ohs_serious_provincial_health']);
  });

  it('major/extraordinary: 立即 to the government, the provincial and the national commission, with the default target', () => {
    const list = obligations({ ...GENERAL_ONLY, casualties: { acuteCases: 10 } });
    for (const o of list.filter((x) => x.regime === 'occupational_hazard_accident')) {
      expect(o.statutoryMinutes).toBeNull();
      expect(o.targetMinutes).toBe(DEFAULT_IMMEDIATE_MINUTES);
      expect(o.deadlineText).toBe(`立即（目标${DEFAULT_IMMEDIATE_MINUTES}分钟内）`);
    }
    expect(by(list, 'ohs_serious_provincial_health').recipient).toEqual({ kind: 'provincial_health', name: '河南省卫生健康委员会', jurisdictionId: 'henan' });
    expect(by(list, 'ohs_serious_national_health').recipient).toEqual({ kind: 'national_health', name: '国家卫生健康委员会', jurisdictionId: null });
  });
});

describe('recipients follow the jurisdiction’s level and parent', () => {
  it('a county reports general accidents to its city’s commission, serious ones to the province (not the city)', () => {
    expect(by(obligations(GENERAL_ONLY, county), 'ohs_general_superior_health').recipient).toMatchObject({ name: '信阳市卫生健康委员会', jurisdictionId: 'xinyang' });
    const serious = obligations({ ...GENERAL_ONLY, casualties: { deaths: 1 } }, county);
    expect(by(serious, 'ohs_serious_provincial_health').recipient).toMatchObject({ name: '河南省卫生健康委员会', jurisdictionId: 'henan' });
    expect(by(serious, 'ohs_serious_government').recipient.name).toBe('固始县人民政府');
  });

  it('for a province the provincial commission is itself: no obligation to it; the authority above is the national one', () => {
    expect(keys(obligations({ ...GENERAL_ONLY, casualties: { deaths: 1 } }, province))).toEqual(['ohs_serious_government', 'ohs_serious_national_health']);
    expect(by(obligations(GENERAL_ONLY, province), 'ohs_general_superior_health').recipient).toEqual({ kind: 'superior_health', name: '国家卫生健康委员会', jurisdictionId: null });
    expect(resolveRecipient('provincial_health', province)).toBeNull();
  });

  it('without a parent in the deployment the recipients are named generically and are not jurisdictions here', () => {
    expect(by(obligations(GENERAL_ONLY, lonelyCity), 'ohs_general_superior_health').recipient).toEqual({ kind: 'superior_health', name: '省卫生健康委员会', jurisdictionId: null });
    expect(by(obligations(GENERAL_ONLY, lonelyCounty), 'ohs_general_superior_health').recipient.jurisdictionId).toBeNull();
    expect(by(obligations({ ...GENERAL_ONLY, casualties: { deaths: 1 } }, lonelyCounty), 'ohs_serious_provincial_health').recipient).toEqual({
      kind: 'provincial_health',
      name: '省卫生健康委员会',
      jurisdictionId: null,
    });
  });
});

describe('the other regimes', () => {
  it('public-health emergency (376号 Art. 20): 2 h to the government, the authority above and the national one', () => {
    const list = obligations({ casualties: { acuteCases: 10 } }).filter((o) => o.regime === 'public_health_emergency');
    expect(keys(list)).toEqual(['phe_government', 'phe_national_health', 'phe_superior_health']);
    for (const o of list) {
      expect(o.statutoryMinutes).toBe(120);
      expect(minutesAfterStart(o.dueAt)).toBe(120);
      expect(o.citation).toContain('国务院令第376号）第二十条');
    }
  });

  it('9 poisoned and nobody dead is not a public-health emergency; 1 death is', () => {
    expect(obligations({ casualties: { acuteCases: 9 } }).some((o) => o.regime === 'public_health_emergency')).toBe(false);
    expect(obligations({ casualties: { acuteCases: 1, deaths: 1 } }).some((o) => o.regime === 'public_health_emergency')).toBe(true);
  });

  it('at a province the authority above and the national one are the same: one obligation', () => {
    const list = obligations({ casualties: { acuteCases: 10 } }, province).filter((o) => o.regime === 'public_health_emergency');
    expect(keys(list)).toEqual(['phe_government', 'phe_superior_health']);
    expect(by(list, 'phe_superior_health').recipient.name).toBe('国家卫生健康委员会');
  });

  it('production safety (493号 Art. 9–11): an informational 1 h check with 应急管理, not a statutory duty of the commission', () => {
    const list = obligations({ casualties: { acuteCases: 1 } }).filter((o) => o.regime === 'production_safety_accident');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ key: 'psa_emergency_management', informational: true, statutoryMinutes: 60, recipient: { name: '信阳市应急管理局' } });
    expect(list[0]!.citation).toContain('国务院令第493号）第九条至第十一条');
  });

  it('radiation (449号 Art. 42, 44): 立即 to the government and the health authority above, 及时 to 生态环境 and 公安', () => {
    const list = obligations({ hazard: { category: 'radiation' }, casualties: { severeCases: 0 } }).filter((o) => o.regime === 'radiation_accident');
    expect(keys(list)).toEqual(['rad_environment', 'rad_government', 'rad_police', 'rad_superior_health']);
    expect(by(list, 'rad_environment')).toMatchObject({ deadlineText: '及时（目标30分钟内）', recipient: { name: '信阳市生态环境局' } });
    expect(by(list, 'rad_police').recipient.name).toBe('信阳市公安局');
    expect(by(list, 'rad_government').citation).toContain('第四十二条');
    expect(by(list, 'rad_police').citation).toContain('第四十四条');
  });

  it('every rule cites an article and says what it requires', () => {
    for (const rule of OBLIGATION_RULES) {
      expect(rule.citation).toMatch(/《.+》（.+）第.+条/);
      expect(rule.requirement.length).toBeGreaterThan(4);
    }
  });
});

describe('the rulebook can tighten, never loosen', () => {
  const rule = (key: string) => OBLIGATION_RULES.find((r) => r.key === key)!;

  it('a tighter limit applies and is shown beside the statute’s', () => {
    const list = obligations(GENERAL_ONLY, city, { overrides: [{ key: 'ohs_general_government', minutes: 120 }] });
    expect(by(list, 'ohs_general_government')).toMatchObject({ targetMinutes: 120, statutoryMinutes: 360, deadlineText: '6小时内（本地要求120分钟内）' });
    expect(by(list, 'ohs_general_superior_health').targetMinutes).toBe(360);
  });

  it('a looser limit is ignored: the statute’s stands', () => {
    expect(targetMinutes(rule('ohs_general_government'), { overrides: [{ key: 'ohs_general_government', minutes: 361 }] })).toBe(360);
    expect(targetMinutes(rule('phe_government'), { overrides: [{ key: 'phe_government', minutes: 180 }] })).toBe(120);
  });

  it('立即 gets the rulebook’s target, never more than the 1 h ceiling', () => {
    expect(targetMinutes(rule('ohs_serious_government'), { immediateMinutes: 15 })).toBe(15);
    expect(targetMinutes(rule('ohs_serious_government'), { immediateMinutes: 90 })).toBe(MAX_IMMEDIATE_MINUTES);
    expect(targetMinutes(rule('ohs_serious_government'), { immediateMinutes: 15, overrides: [{ key: 'ohs_serious_government', minutes: 5 }] })).toBe(5);
    expect(targetMinutes(rule('ohs_serious_government'), {})).toBe(DEFAULT_IMMEDIATE_MINUTES);
  });

  it('nonsense minutes do not make a deadline vanish', () => {
    expect(targetMinutes(rule('ohs_general_government'), { overrides: [{ key: 'ohs_general_government', minutes: 0 }] })).toBe(360);
    expect(targetMinutes(rule('ohs_general_government'), { overrides: [{ key: 'ohs_general_government', minutes: -5 }] })).toBe(360);
  });
});

/** Duties as the incident holds them after a version's plan (`at`: when they were held). */
function held(specs: ObligationSpec[], over: Partial<ExistingObligation> = {}): ExistingObligation[] {
  return specs.map((o, i) => ({
    id: `o${i}:${o.key}`,
    key: o.key,
    regime: o.regime,
    recipientName: o.recipient.name,
    recipientJurisdictionId: o.recipient.jurisdictionId,
    targetMinutes: o.targetMinutes,
    startsAt: o.startsAt,
    dueAt: o.dueAt,
    submittedAt: null,
    supersededAt: null,
    ...over,
  }));
}
const hours = (h: number) => new Date(START.getTime() + h * 3_600_000);

describe('a follow-up that raises the severity', () => {
  it('adds the new obligations and keeps the old ones', () => {
    const before = obligations(GENERAL_ONLY);
    const after = computeObligations({ classification: classifyIncident(facts({ ...GENERAL_ONLY, casualties: { deaths: 1 } })), place: city, startsAt: new Date(START.getTime() + 3 * 3_600_000) });
    const added = planObligationChanges(held(before), after, hours(3)).added;
    expect(keys(added)).toEqual(['ohs_serious_government', 'ohs_serious_national_health', 'ohs_serious_provincial_health']);
    // Their clocks start at the follow-up's receipt.
    expect(added.every((o) => o.dueAt.getTime() === START.getTime() + 3 * 3_600_000 + DEFAULT_IMMEDIATE_MINUTES * 60_000)).toBe(true);
  });

  it('the same classification again adds nothing', () => {
    const list = obligations(GENERAL_ONLY);
    expect(planObligationChanges(held(list), obligations(GENERAL_ONLY), hours(1))).toEqual({ added: [], superseded: [], reinstated: [] });
  });
});

describe('a follow-up that lowers the severity never undoes a duty met or missed (卫生部令第25号第七条)', () => {
  const MAJOR: FactsOverrides = { ...GENERAL_ONLY, casualties: { acuteCases: 3, deaths: 1 } };
  const GENERAL: FactsOverrides = { ...GENERAL_ONLY, casualties: { acuteCases: 4 } };
  const major = obligations(MAJOR);
  const generalAt = (h: number) => computeObligations({ classification: classifyIncident(facts(GENERAL)), place: city, startsAt: hours(h) });
  const majorAt = (h: number) => computeObligations({ classification: classifyIncident(facts(MAJOR)), place: city, startsAt: hours(h) });

  it('a 立即 duty already past its deadline stays open and covers the 6-hour one: nothing added, nothing superseded', () => {
    expect(planObligationChanges(held(major), generalAt(3), hours(3))).toEqual({ added: [], superseded: [], reinstated: [] });
  });

  it('a 立即 duty already submitted stays submitted: the recipient is not asked again for the lower grade', () => {
    const plan = planObligationChanges(held(major, { submittedAt: hours(0.2) }), generalAt(3), hours(3));
    expect(plan.added).toEqual([]);
    expect(plan.superseded).toEqual([]);
  });

  it('a 立即 duty not yet due gives way to the 6-hour one, on the clock of the first receipt', () => {
    const plan = planObligationChanges(held(major), generalAt(0.1), hours(0.1));
    expect(keys(plan.added)).toEqual(['ohs_general_government', 'ohs_general_superior_health']);
    for (const o of plan.added) expect(o.dueAt).toEqual(hours(6));
    expect(plan.superseded.map((s) => s.id.split(':')[1]).sort()).toEqual(['ohs_serious_government', 'ohs_serious_provincial_health']);
    // The national commission has no 6-hour duty to replace it: it stays as it is.
    expect(plan.superseded.some((s) => s.id.endsWith('ohs_serious_national_health'))).toBe(false);
  });

  it('raised back to 重大: a duty superseded before its deadline is reinstated on a new 立即 clock; the 6-hour one gives way', () => {
    const first = planObligationChanges(held(major), generalAt(0.1), hours(0.1));
    const afterDowngrade = [
      ...held(major).map((o) => (first.superseded.some((s) => s.id === o.id) ? { ...o, supersededAt: hours(0.1) } : o)),
      ...held(first.added).map((o) => ({ ...o, id: `n:${o.key}` })),
    ];
    const plan = planObligationChanges(afterDowngrade, majorAt(2), hours(2));
    expect(plan.added).toEqual([]);
    expect(plan.reinstated.map((r) => r.id.split(':')[1]).sort()).toEqual(['ohs_serious_government', 'ohs_serious_provincial_health']);
    for (const r of plan.reinstated) expect(r.dueAt).toEqual(new Date(hours(2).getTime() + DEFAULT_IMMEDIATE_MINUTES * 60_000));
    expect(plan.superseded.map((s) => s.id).sort()).toEqual(['n:ohs_general_government', 'n:ohs_general_superior_health']);
  });

  it('a duty superseded after its deadline had passed keeps that deadline when reinstated, and counts as missed', () => {
    const [gov] = held(major.filter((o) => o.key === 'ohs_serious_government'), { supersededAt: hours(3) });
    expect(missedBeforeSuperseded({ ...gov!, informational: false })).toBe(true);
    const plan = planObligationChanges([gov!], majorAt(5), hours(5));
    expect(plan.reinstated).toEqual([{ id: gov!.id, startsAt: gov!.startsAt, dueAt: gov!.dueAt }]);
    expect(missedBeforeSuperseded({ ...gov!, supersededAt: hours(0.1), informational: false })).toBe(false);
    expect(missedBeforeSuperseded({ ...gov!, informational: true })).toBe(false);
  });
});

describe('state and timeliness', () => {
  const dueAt = new Date('2026-11-23T06:40:00.000Z');
  it.each([
    [-1, 'due'],
    [0, 'due'],
    [1, 'overdue'],
  ])('%i ms from the deadline, not submitted: %s', (ms, state) => {
    expect(obligationState({ dueAt, submittedAt: null }, new Date(dueAt.getTime() + ms))).toBe(state);
  });

  it('submitted stays submitted, however late', () => {
    expect(obligationState({ dueAt, submittedAt: new Date(dueAt.getTime() + 3_600_000) }, new Date(dueAt.getTime() + 7_200_000))).toBe('submitted');
  });

  it.each([
    [0, true, 0],
    [1, false, 1],
    [60_000, false, 1],
    [60_001, false, 2],
    [-60_000, true, 0],
  ])('submitted %i ms after the deadline: on time %s, late by %i min', (ms, onTime, late) => {
    expect(submissionTimeliness({ dueAt, submittedAt: new Date(dueAt.getTime() + ms) })).toEqual({ onTime, lateByMinutes: late });
  });

  it('not submitted: no timeliness yet', () => {
    expect(submissionTimeliness({ dueAt, submittedAt: null })).toBeNull();
  });
});

describe('issue 9: each regime by its own grade; real recipient names', () => {
  const radiation = (severeCases: number, sourceClass?: 'I' | 'II' | 'III' | 'IV' | 'V') =>
    classifyIncident({
      ...facts({ hazard: { category: 'radiation', agent: '铱-192' }, casualties: { acuteCases: severeCases, severeCases } }),
      ...(sourceClass ? { radiation: { sourceClass, lostOrStolen: false, wideContamination: false } } : {}),
    });
  const cityPlace = { self: { id: 'c', name: '某市', level: 'city' as const }, ancestors: [] };
  const provincePlace = { self: { id: 'p', name: '某省', level: 'province' as const }, ancestors: [] };

  it('第四十条「较大…9人以下急性重度放射病」: 9 severe cases grade the incident 重大; 25号第二条 leaves 放射事故 to the radiation rules, so no 25号 line or duty', () => {
    const cls = radiation(9);
    expect(cls.regimes.find((r) => r.code === 'radiation_accident')).toMatchObject({ grade: '较大', severity: 'major' });
    expect(cls.regimes.find((r) => r.code === 'occupational_hazard_accident')).toBeUndefined();
    expect(cls.severity).toBe('major');
    expect(cls.severityReason).toContain('国务院令第449号第四十条');
    const keys = computeObligations({ classification: cls, place: cityPlace, startsAt: START }).map((o) => o.key);
    expect(keys.filter((k) => k.startsWith('ohs_'))).toEqual([]);
    // 第四十二条: the health department reports to its government and the one above on the unit's report.
    expect(keys).toEqual(expect.arrayContaining(['rad_government', 'rad_superior_health']));
  });

  it('第四十条「Ⅰ类、Ⅱ类放射源丢失、被盗、失控」is 重大 with no casualty', () => {
    expect(radiation(0, 'II').severity).toBe('major');
    expect(radiation(0, 'IV').severity).toBe('general');
  });

  it('第四十二条「特别重大辐射事故和重大辐射事故…4小时内报告国务院」: tracked; the province’s own duty, informational for a city', () => {
    const atProvince = computeObligations({ classification: radiation(10), place: provincePlace, startsAt: START }).find((o) => o.key === 'rad_state_council');
    expect(atProvince).toMatchObject({ recipient: { name: '国务院' }, statutoryMinutes: 240, informational: false });
    const atCity = computeObligations({ classification: radiation(10), place: cityPlace, startsAt: START }).find((o) => o.key === 'rad_state_council');
    expect(atCity?.informational).toBe(true);
    expect(computeObligations({ classification: radiation(9), place: provincePlace, startsAt: START }).some((o) => o.key === 'rad_state_council')).toBe(false);
  });

  it('a province’s departments are 厅 (广东省应急管理厅), and a rulebook’s own names win', () => {
    expect(resolveRecipient('emergency_management', provincePlace)!.name).toBe('某省应急管理厅');
    expect(resolveRecipient('environment', cityPlace)!.name).toBe('某市生态环境局');
    expect(resolveRecipient('superior_health', cityPlace, { superior_health: '河南省卫生健康委员会' })!.name).toBe('河南省卫生健康委员会');
  });
});

describe('a 续报 that raises the severity supersedes the duties it replaces', () => {
  const cityPlace = { self: { id: 'c', name: '某市', level: 'city' as const }, ancestors: [] };
  const general = computeObligations({ classification: classifyIncident(facts({ casualties: { acuteCases: 3 } })), place: cityPlace, startsAt: START });
  const existing = held(general);
  const major = computeObligations({ classification: classifyIncident(facts({ casualties: { acuteCases: 3, deaths: 1 } })), place: cityPlace, startsAt: START });

  it('卫生部令第25号第七条: 一般 6小时 to 同级人民政府 is replaced by 重大 立即 to the same government', () => {
    const gone = planObligationChanges(existing, major, START).superseded;
    const gov = existing.find((o) => o.key === 'ohs_general_government')!;
    expect(gone).toContainEqual({ id: gov.id, byKey: 'ohs_serious_government' });
    // The city's 上级 is the provincial commission: its 6-hour duty is replaced by the 立即 one.
    expect(gone.map((g) => g.byKey)).toContain('ohs_serious_provincial_health');
  });
  it('a duty already submitted stays as it was; the same severity supersedes nothing', () => {
    const submitted = existing.map((o) => ({ ...o, submittedAt: START }));
    expect(planObligationChanges(submitted, major, START).superseded).toEqual([]);
    expect(planObligationChanges(existing, general, START).superseded).toEqual([]);
  });
  it('superseded is its own state, never overdue', () => {
    expect(obligationState({ dueAt: START, submittedAt: null, supersededAt: START }, new Date(START.getTime() + 86_400_000))).toBe('superseded');
  });
});

import { describe, expect, it } from 'vitest';
import {
  classifyIncident,
  classifySeverity,
  productionSafetyGrade,
  radiationAccidentGrade,
  severityAtLeast,
  type Classification,
} from '../../src/domain/classification.js';
import { HAZARD_CATEGORIES, REGIME_CODES, SEVERITIES, type RegimeCode, type Severity } from '../../src/domain/enums.js';
import { casualties, facts, type FactsOverrides } from './fixtures.js';

const regime = (cls: Classification, code: RegimeCode) => cls.regimes.find((r) => r.code === code);
const codes = (cls: Classification) => cls.regimes.map((r) => r.code);
const classify = (over: FactsOverrides = {}) => classifyIncident(facts(over));

describe('severityAtLeast', () => {
  const rank: Record<Severity, number> = { general: 0, major: 1, extraordinary: 2 };
  for (const s of SEVERITIES)
    for (const t of SEVERITIES)
      it(`${s} ≥ ${t} is ${rank[s] >= rank[t]}`, () => {
        expect(severityAtLeast(s, t)).toBe(rank[s] >= rank[t]);
      });
});

describe('classifySeverity (卫生部令第25号 Art. 2; 以上 includes, 以下 excludes)', () => {
  describe('acute occupational cases alone', () => {
    it.each<[number, Severity]>([
      [0, 'general'],
      [1, 'general'],
      [9, 'general'],
      [10, 'major'],
      [11, 'major'],
      [49, 'major'],
      [50, 'extraordinary'],
      [51, 'extraordinary'],
      [1000, 'extraordinary'],
    ])('%i acute cases → %s', (acuteCases, severity) => {
      expect(classifySeverity(casualties({ acuteCases })).severity).toBe(severity);
    });
  });

  describe('deaths alone', () => {
    it.each<[number, Severity]>([
      [0, 'general'],
      [1, 'major'],
      [2, 'major'],
      [4, 'major'],
      [5, 'extraordinary'],
      [30, 'extraordinary'],
    ])('%i deaths → %s', (deaths, severity) => {
      expect(classifySeverity(casualties({ deaths })).severity).toBe(severity);
    });
  });

  describe('occupational anthrax cases alone', () => {
    it.each<[number, Severity]>([
      [0, 'general'],
      [1, 'major'],
      [4, 'major'],
      [5, 'extraordinary'],
      [6, 'extraordinary'],
    ])('%i anthrax cases → %s', (anthraxCases, severity) => {
      expect(classifySeverity(casualties({ anthraxCases })).severity).toBe(severity);
    });
  });

  describe('combinations: the highest class any criterion reaches', () => {
    it.each<[string, Partial<ReturnType<typeof casualties>>, Severity]>([
      ['3 acute cases + 1 death', { acuteCases: 3, deaths: 1 }, 'major'],
      ['12 acute cases + 5 deaths', { acuteCases: 12, deaths: 5 }, 'extraordinary'],
      ['9 acute cases + 4 anthrax', { acuteCases: 9, anthraxCases: 4 }, 'major'],
      ['9 acute cases + 0 deaths + 0 anthrax', { acuteCases: 9 }, 'general'],
      ['49 acute cases + 4 deaths + 4 anthrax', { acuteCases: 49, deaths: 4, anthraxCases: 4 }, 'major'],
      ['1 acute case + 5 anthrax', { acuteCases: 1, anthraxCases: 5 }, 'extraordinary'],
      ['50 acute cases + 1 death', { acuteCases: 50, deaths: 1 }, 'extraordinary'],
      ['many exposed, no cases', { exposed: 5000 }, 'general'],
      ['severe cases do not raise the class by themselves', { acuteCases: 9, severeCases: 9 }, 'general'],
    ])('%s → %s', (_label, c, severity) => {
      expect(classifySeverity(casualties(c)).severity).toBe(severity);
    });
  });

  describe('reason in the statute’s words', () => {
    it('general names the case count, 10人以下, no death, no anthrax', () => {
      const { reason } = classifySeverity(casualties({ acuteCases: 9 }));
      expect(reason).toContain('急性职业病9人');
      expect(reason).toContain('10人以下');
      expect(reason).toContain('无死亡');
    });
    it('major by cases says 10人以上50人以下', () => {
      expect(classifySeverity(casualties({ acuteCases: 10 })).reason).toBe('急性职业病10人（10人以上50人以下）');
    });
    it('major by deaths says 死亡n人', () => {
      expect(classifySeverity(casualties({ deaths: 4 })).reason).toContain('死亡4人');
    });
    it('major by anthrax says 职业性炭疽', () => {
      expect(classifySeverity(casualties({ anthraxCases: 1 })).reason).toContain('职业性炭疽1人');
    });
    it('extraordinary by cases says 50人以上', () => {
      expect(classifySeverity(casualties({ acuteCases: 50 })).reason).toBe('急性职业病50人（50人以上）');
    });
    it('extraordinary by deaths says 5人以上', () => {
      expect(classifySeverity(casualties({ acuteCases: 12, deaths: 5 })).reason).toBe('死亡5人（5人以上）');
    });
    it('extraordinary by anthrax says 职业性炭疽 5人以上', () => {
      expect(classifySeverity(casualties({ anthraxCases: 5 })).reason).toBe('职业性炭疽5人（5人以上）');
    });
  });
});

describe('productionSafetyGrade (国务院令第493号 Art. 3)', () => {
  it.each<[number, number, string]>([
    [0, 0, '一般'],
    [1, 0, '一般'],
    [2, 9, '一般'],
    [3, 0, '较大'],
    [9, 0, '较大'],
    [0, 10, '较大'],
    [0, 49, '较大'],
    [10, 0, '重大'],
    [29, 0, '重大'],
    [0, 50, '重大'],
    [0, 99, '重大'],
    [30, 0, '特别重大'],
    [0, 100, '特别重大'],
    [29, 99, '重大'],
    [2, 100, '特别重大'],
    [30, 1, '特别重大'],
  ])('%i deaths, %i serious injuries → %s', (deaths, serious, grade) => {
    expect(productionSafetyGrade(deaths, serious)).toBe(grade);
  });
});

describe('radiationAccidentGrade (国务院令第449号 Art. 40)', () => {
  it.each<[number, number, string]>([
    [0, 0, '一般'],
    [0, 1, '较大'],
    [0, 9, '较大'],
    [0, 10, '重大'],
    [1, 0, '重大'],
    [2, 0, '重大'],
    [2, 9, '重大'],
    [3, 0, '特别重大'],
    [3, 50, '特别重大'],
    [10, 0, '特别重大'],
  ])('%i deaths, %i severe cases → %s', (deaths, severe, grade) => {
    expect(radiationAccidentGrade(deaths, severe)).toBe(grade);
  });
});

describe('classifyIncident', () => {
  describe('occupational_hazard_accident is always present', () => {
    for (const category of HAZARD_CATEGORIES)
      it(`for hazard ${category}, even with no casualties`, () => {
        const cls = classify({ hazard: { category } });
        const r = regime(cls, 'occupational_hazard_accident');
        expect(r).toBeDefined();
        expect(cls.regimes[0]!.code).toBe('occupational_hazard_accident');
        expect(r!.citation).toContain('卫生部令第25号');
        expect(r!.name).toBe('职业病危害事故');
      });

    it.each<[Partial<ReturnType<typeof casualties>>, Severity, string]>([
      [{ acuteCases: 2 }, 'general', '一般'],
      [{ acuteCases: 10 }, 'major', '重大'],
      [{ deaths: 5 }, 'extraordinary', '特大'],
    ])('its grade follows the severity (%o → %s)', (c, severity, grade) => {
      const cls = classify({ casualties: c });
      expect(cls.severity).toBe(severity);
      expect(regime(cls, 'occupational_hazard_accident')!.grade).toBe(grade);
      expect(regime(cls, 'occupational_hazard_accident')!.reason).toBe(cls.severityReason);
    });

    it('severity and severityReason equal classifySeverity', () => {
      const c = { acuteCases: 12, deaths: 5 };
      const cls = classify({ casualties: c });
      expect({ severity: cls.severity, reason: cls.severityReason }).toEqual(classifySeverity(casualties(c)));
    });
  });

  describe('public_health_emergency (国务院令第376号)', () => {
    it('acute poisoning of 10 people triggers it', () => {
      const r = regime(classify({ casualties: { acuteCases: 10 } }), 'public_health_emergency');
      expect(r).toBeDefined();
      expect(r!.citation).toContain('国务院令第376号');
      expect(r!.reason).toContain('10人以上');
    });
    it('acute poisoning with one death triggers it', () => {
      const r = regime(classify({ casualties: { acuteCases: 1, deaths: 1 } }), 'public_health_emergency');
      expect(r).toBeDefined();
      expect(r!.reason).toContain('死亡1人');
    });
    it('a death with no acute case still triggers it', () => {
      expect(regime(classify({ casualties: { deaths: 1 } }), 'public_health_emergency')).toBeDefined();
    });
    it('not for 9 cases and 0 deaths', () => {
      expect(regime(classify({ casualties: { acuteCases: 9, severeCases: 9 } }), 'public_health_emergency')).toBeUndefined();
    });
    it('not when nobody is harmed', () => {
      expect(regime(classify(), 'public_health_emergency')).toBeUndefined();
    });
    for (const category of HAZARD_CATEGORIES.filter((h) => h !== 'acute_poisoning' && h !== 'asphyxiation'))
      it(`not for non-poisoning hazard ${category} without a poisonous agent, even with 60 cases and 6 deaths`, () => {
        const cls = classify({ hazard: { category, agent: '高温' }, casualties: { acuteCases: 60, deaths: 6 } });
        expect(regime(cls, 'public_health_emergency')).toBeUndefined();
      });
    it('「重大食物和职业中毒」(第二条) goes by the people poisoned or dead, not the label: H₂S asphyxiation with 2 deaths', () => {
      const cls = classify({ hazard: { category: 'asphyxiation', agent: '硫化氢' }, casualties: { acuteCases: 1, deaths: 2 } });
      expect(regime(cls, 'public_health_emergency')?.reason).toContain('死亡2人');
    });
    it('「重大食物和职业中毒」(第二条): 12 poisoned by carbon monoxide filed under 其他 trigger it', () => {
      expect(regime(classify({ hazard: { category: 'other', agent: '一氧化碳' }, casualties: { acuteCases: 12 } }), 'public_health_emergency')).toBeDefined();
    });
    it('「重大食物和职业中毒」(第二条): a heatstroke death is not a poisoning', () => {
      expect(regime(classify({ hazard: { category: 'heatstroke', agent: undefined }, casualties: { acuteCases: 1, deaths: 1 } }), 'public_health_emergency')).toBeUndefined();
    });
  });

  describe('production_safety_accident (国务院令第493号)', () => {
    it('a death at a production unit triggers it, with 应急管理部门 leading', () => {
      const r = regime(classify({ hazard: { category: 'asphyxiation' }, casualties: { deaths: 1 } }), 'production_safety_accident');
      expect(r).toBeDefined();
      expect(r!.citation).toContain('国务院令第493号');
      expect(r!.grade).toBe('一般');
      expect(r!.lead).toBe('应急管理部门');
    });
    it('a serious injury (severe case) triggers it', () => {
      const r = regime(
        classify({ hazard: { category: 'heatstroke' }, casualties: { acuteCases: 1, severeCases: 1 } }),
        'production_safety_accident',
      );
      expect(r).toBeDefined();
      expect(r!.reason).toContain('重伤（含急性工业中毒）1人');
    });
    it('acute industrial poisoning counts as serious injury (a single poisoning case)', () => {
      const r = regime(classify({ casualties: { acuteCases: 1 } }), 'production_safety_accident');
      expect(r).toBeDefined();
      expect(r!.reason).toBe('死亡0人，重伤（含急性工业中毒）1人');
    });
    it('acute non-poisoning cases without severity or death do not trigger it', () => {
      const cls = classify({ hazard: { category: 'heatstroke' }, casualties: { acuteCases: 20 } });
      expect(regime(cls, 'production_safety_accident')).toBeUndefined();
    });
    it('no casualties → no production-safety accident', () => {
      expect(regime(classify({ casualties: { exposed: 30 } }), 'production_safety_accident')).toBeUndefined();
    });

    describe('grade at the 493号 boundaries', () => {
      it.each<[FactsOverrides['casualties'], string]>([
        [{ deaths: 2 }, '一般'],
        [{ deaths: 3 }, '较大'],
        [{ deaths: 9 }, '较大'],
        [{ deaths: 10 }, '重大'],
        [{ deaths: 29 }, '重大'],
        [{ deaths: 30 }, '特别重大'],
        [{ acuteCases: 9, severeCases: 9 }, '一般'],
        [{ acuteCases: 10, severeCases: 10 }, '较大'],
        [{ acuteCases: 50, severeCases: 50 }, '重大'],
        [{ acuteCases: 99, severeCases: 99 }, '重大'],
        [{ acuteCases: 100, severeCases: 100 }, '特别重大'],
      ])('non-poisoning %o → %s', (c, grade) => {
        expect(regime(classify({ hazard: { category: 'asphyxiation' }, casualties: c }), 'production_safety_accident')!.grade).toBe(grade);
      });

      it.each<[number, string]>([
        [9, '一般'],
        [10, '较大'],
        [49, '较大'],
        [50, '重大'],
        [99, '重大'],
        [100, '特别重大'],
      ])('acute poisoning of %i people (none severe) → %s', (acuteCases, grade) => {
        expect(regime(classify({ casualties: { acuteCases } }), 'production_safety_accident')!.grade).toBe(grade);
      });
    });

    it.each(['healthcare', 'education'] as const)('not for a %s employer', (industry) => {
      const cls = classify({ employer: { industry }, casualties: { acuteCases: 12, deaths: 3 } });
      expect(regime(cls, 'production_safety_accident')).toBeUndefined();
      expect(regime(cls, 'public_health_emergency')).toBeDefined();
    });
    it('not in a school setting', () => {
      const cls = classify({ employer: { industry: 'other' }, settings: ['school'], casualties: { deaths: 1 } });
      expect(regime(cls, 'production_safety_accident')).toBeUndefined();
    });
    it('not for a radiation accident alone (449号)', () => {
      const cls = classify({ hazard: { category: 'radiation', agent: '铱-192' }, casualties: { acuteCases: 5, severeCases: 5, deaths: 3 } });
      expect(regime(cls, 'production_safety_accident')).toBeUndefined();
    });
    it('applies to a production employer working on a school site: the employer decides, not the premises', () => {
      const cls = classify({ hazard: { category: 'heatstroke' }, employer: { industry: 'construction' }, settings: ['construction_site', 'school'], casualties: { acuteCases: 1, deaths: 1 } });
      expect(regime(cls, 'production_safety_accident')).toBeDefined();
      expect(regime(cls, 'production_safety_accident')!.grade).toBe('一般');
    });
    it('applies to a radiation accident that also poisoned people at a production unit, as 376号 does', () => {
      const cls = classify({ hazard: { category: 'radiation', agent: '钴-60；火灾致氯气泄漏' }, employer: { industry: 'chemical' }, casualties: { acuteCases: 12 } });
      expect(regime(cls, 'occupational_hazard_accident')!.severity).toBe('major');
      expect(regime(cls, 'public_health_emergency')).toBeDefined();
      expect(regime(cls, 'production_safety_accident')!.grade).toBe('较大');
      expect(regime(cls, 'radiation_accident')).toBeDefined();
    });
    it('still applies at a construction site of a production employer', () => {
      const cls = classify({ employer: { industry: 'construction' }, settings: ['construction_site'], casualties: { deaths: 1 } });
      expect(regime(cls, 'production_safety_accident')).toBeDefined();
    });
  });

  describe('radiation_accident (国务院令第449号)', () => {
    it('any radiation hazard triggers it, even with no casualties (grade 一般)', () => {
      const r = regime(classify({ hazard: { category: 'radiation', agent: '铱-192' } }), 'radiation_accident');
      expect(r).toBeDefined();
      expect(r!.citation).toContain('国务院令第449号');
      expect(r!.grade).toBe('一般');
      expect(r!.lead).toBe('生态环境主管部门');
      expect(r!.reason).toContain('公安');
      expect(r!.reason).toContain('卫生');
    });
    it.each<[FactsOverrides['casualties'], string]>([
      [{ acuteCases: 1, severeCases: 1 }, '较大'],
      [{ acuteCases: 9, severeCases: 9 }, '较大'],
      [{ acuteCases: 10, severeCases: 10 }, '重大'],
      [{ deaths: 1 }, '重大'],
      [{ deaths: 2 }, '重大'],
      [{ deaths: 3 }, '特别重大'],
    ])('grade for %o is %s', (c, grade) => {
      expect(regime(classify({ hazard: { category: 'radiation' }, casualties: c }), 'radiation_accident')!.grade).toBe(grade);
    });
    it('acute cases that are not severe do not raise the radiation grade', () => {
      expect(regime(classify({ hazard: { category: 'radiation' }, casualties: { acuteCases: 40 } }), 'radiation_accident')!.grade).toBe('一般');
    });
    for (const category of HAZARD_CATEGORIES.filter((h) => h !== 'radiation'))
      it(`not for ${category}`, () => {
        expect(regime(classify({ hazard: { category }, casualties: { deaths: 3 } }), 'radiation_accident')).toBeUndefined();
      });
  });

  describe('regime combinations', () => {
    it('a large poisoning at a factory triggers 25号, 376号 and 493号, in that order', () => {
      const cls = classify({ casualties: { acuteCases: 12, severeCases: 3, deaths: 5 } });
      expect(cls.severity).toBe('extraordinary');
      expect(codes(cls)).toEqual(['occupational_hazard_accident', 'public_health_emergency', 'production_safety_accident']);
      expect(regime(cls, 'production_safety_accident')!.grade).toBe('较大');
    });
    it('a radiation accident alone triggers only 449号', () => {
      const cls = classify({ hazard: { category: 'radiation', agent: '铱-192' }, casualties: { acuteCases: 2, severeCases: 1, deaths: 1 } });
      expect(codes(cls)).toEqual(['radiation_accident']);
    });
    it('a radiation accident that also released a poison is a poisoning accident under every regime', () => {
      const cls = classify({ hazard: { category: 'radiation', agent: '硫化氢' }, casualties: { acuteCases: 2, severeCases: 1, deaths: 1 } });
      expect(codes(cls)).toEqual(['occupational_hazard_accident', 'public_health_emergency', 'production_safety_accident', 'radiation_accident']);
      expect(cls.severity).toBe('major');
    });
    it('no regime appears twice and every code is known', () => {
      const cls = classify({ casualties: { acuteCases: 60, severeCases: 60, deaths: 40 } });
      expect(new Set(codes(cls)).size).toBe(cls.regimes.length);
      for (const c of codes(cls)) expect(REGIME_CODES).toContain(c);
    });
    it('every regime has a non-empty name, citation and reason', () => {
      const all = [
        classify({ casualties: { acuteCases: 12, deaths: 1 } }),
        classify({ hazard: { category: 'radiation' }, casualties: { severeCases: 1, acuteCases: 1 } }),
      ].flatMap((c) => c.regimes);
      expect(new Set(all.map((r) => r.code))).toEqual(new Set(REGIME_CODES));
      for (const r of all) {
        expect(r.citation.trim().length).toBeGreaterThan(0);
        expect(r.citation).toMatch(/《.+》/);
        expect(r.name.length).toBeGreaterThan(0);
        expect(r.reason.length).toBeGreaterThan(0);
      }
    });
    it('is pure: the facts are not modified and the result is repeatable', () => {
      const f = facts({ casualties: { acuteCases: 12, deaths: 1 } });
      const copy = structuredClone(f);
      const a = classifyIncident(f);
      const b = classifyIncident(f);
      expect(f).toEqual(copy);
      expect(a).toEqual(b);
    });
  });
});

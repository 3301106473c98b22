import { describe, expect, it } from 'vitest';
import { matchesCondition } from '../../src/rulebooks/conditions.js';
import { conditionSchema, type Condition } from '../../src/rulebooks/schema.js';
import { classifyIncident, type Classification } from '../../src/domain/classification.js';
import type { RegimeCode, Severity } from '../../src/domain/enums.js';
import { facts, type FactsOverrides } from './fixtures.js';

function cls(severity: Severity = 'general', regimes: RegimeCode[] = ['occupational_hazard_accident']): Classification {
  return { severity, severityReason: 'test', regimes: regimes.map((code) => ({ code, name: code, citation: 'c', reason: 'r' })) };
}
const T: Condition = { always: true };
const F: Condition = { not: { always: true } };

const match = (cond: Condition, over: FactsOverrides = {}, c: Classification = cls()) =>
  matchesCondition(conditionSchema.parse(cond), facts(over), c);

describe('matchesCondition', () => {
  it('always', () => {
    expect(match({ always: true })).toBe(true);
  });

  describe('hazard', () => {
    it('matches one of the listed categories', () => {
      expect(match({ hazard: ['radiation', 'acute_poisoning'] }, { hazard: { category: 'acute_poisoning' } })).toBe(true);
    });
    it('does not match another category', () => {
      expect(match({ hazard: ['radiation'] }, { hazard: { category: 'acute_poisoning' } })).toBe(false);
    });
  });

  describe('setting (any of the listed settings present)', () => {
    it('matches when one listed setting is present', () => {
      expect(match({ setting: ['school', 'mine'] }, { settings: ['construction_site', 'mine'] })).toBe(true);
    });
    it('does not match when none is present', () => {
      expect(match({ setting: ['school'] }, { settings: ['construction_site'] })).toBe(false);
    });
    it('does not match with no settings', () => {
      expect(match({ setting: ['school'] }, { settings: [] })).toBe(false);
    });
  });

  describe('flag', () => {
    it('matches when one listed flag is set', () => {
      expect(match({ flag: ['suspected_crime', 'media_attention'] }, { flags: ['media_attention'] })).toBe(true);
    });
    it('does not match another flag', () => {
      expect(match({ flag: ['suspected_crime'] }, { flags: ['environmental_release'] })).toBe(false);
    });
    it('does not match with no flags', () => {
      expect(match({ flag: ['suspected_crime'] }, { flags: [] })).toBe(false);
    });
  });

  describe('industry', () => {
    it('matches a listed industry', () => {
      expect(match({ industry: ['cement', 'ceramics'] }, { employer: { industry: 'ceramics' } })).toBe(true);
    });
    it('does not match another', () => {
      expect(match({ industry: ['cement'] }, { employer: { industry: 'chemical' } })).toBe(false);
    });
  });

  describe('ownership', () => {
    it('matches a listed ownership', () => {
      expect(match({ ownership: ['state_owned'] }, { employer: { ownership: 'state_owned' } })).toBe(true);
    });
    it('does not match another', () => {
      expect(match({ ownership: ['state_owned', 'collective'] }, { employer: { ownership: 'unknown' } })).toBe(false);
    });
  });

  describe('licensed', () => {
    it.each([
      [false, false, true],
      [false, true, false],
      [true, true, true],
      [true, false, false],
    ])('licensed: %s against an employer licensed=%s → %s', (want, actual, expected) => {
      expect(match({ licensed: want }, { employer: { licensed: actual } })).toBe(expected);
    });
  });

  describe('laborRelation', () => {
    it.each([
      ['undetermined', 'undetermined', true],
      ['undetermined', 'determined', false],
      ['determined', 'determined', true],
    ] as const)('%s against %s → %s', (want, actual, expected) => {
      expect(match({ laborRelation: want }, { employer: { laborRelation: actual } })).toBe(expected);
    });
  });

  describe('severityAtLeast', () => {
    it.each<[Severity, Severity, boolean]>([
      ['general', 'general', true],
      ['general', 'major', true],
      ['general', 'extraordinary', true],
      ['major', 'general', false],
      ['major', 'major', true],
      ['major', 'extraordinary', true],
      ['extraordinary', 'general', false],
      ['extraordinary', 'major', false],
      ['extraordinary', 'extraordinary', true],
    ])('at least %s, severity %s → %s', (threshold, severity, expected) => {
      expect(match({ severityAtLeast: threshold }, {}, cls(severity))).toBe(expected);
    });
  });

  describe('regime', () => {
    it('matches when one of the listed regimes is triggered', () => {
      const c = cls('major', ['occupational_hazard_accident', 'production_safety_accident']);
      expect(match({ regime: ['radiation_accident', 'production_safety_accident'] }, {}, c)).toBe(true);
    });
    it('does not match when none is triggered', () => {
      expect(match({ regime: ['public_health_emergency'] }, {}, cls())).toBe(false);
    });
    it('works with a real classification', () => {
      const f = facts({ casualties: { acuteCases: 10 } });
      expect(matchesCondition({ regime: ['public_health_emergency'] }, f, classifyIncident(f))).toBe(true);
    });
  });

  describe('casualtiesAtLeast (≥, inclusive)', () => {
    it.each([
      ['exposed', 5, 4, false],
      ['exposed', 5, 5, true],
      ['acuteCases', 1, 0, false],
      ['acuteCases', 1, 1, true],
      ['severeCases', 2, 3, true],
      ['deaths', 1, 0, false],
      ['deaths', 1, 2, true],
      ['anthraxCases', 1, 1, true],
      ['anthraxCases', 0, 0, true],
    ] as const)('%s ≥ %i with %i → %s', (field, value, actual, expected) => {
      const c = { [field]: actual, ...(field === 'severeCases' ? { acuteCases: actual } : {}) };
      expect(match({ casualtiesAtLeast: { field, value } }, { casualties: c })).toBe(expected);
    });
  });

  describe('all', () => {
    it('true when every member is true', () => {
      expect(match({ all: [T, T, T] })).toBe(true);
    });
    it('false when one member is false', () => {
      expect(match({ all: [T, F, T] })).toBe(false);
    });
    it('a single member decides', () => {
      expect(match({ all: [F] })).toBe(false);
    });
  });

  describe('any', () => {
    it('true when one member is true', () => {
      expect(match({ any: [F, F, T] })).toBe(true);
    });
    it('false when every member is false', () => {
      expect(match({ any: [F, F] })).toBe(false);
    });
  });

  describe('not', () => {
    it('negates', () => {
      expect(match({ not: { hazard: ['radiation'] } }, { hazard: { category: 'anthrax' } })).toBe(true);
      expect(match({ not: { hazard: ['anthrax'] } }, { hazard: { category: 'anthrax' } })).toBe(false);
    });
    it('double negation', () => {
      expect(match({ not: { not: { always: true } } })).toBe(true);
    });
  });

  describe('nesting', () => {
    // "cases or deaths where the employer no longer exists or the labour relation cannot be determined,
    // but not at a school"
    const cond: Condition = {
      all: [
        { any: [{ casualtiesAtLeast: { field: 'acuteCases', value: 1 } }, { casualtiesAtLeast: { field: 'deaths', value: 1 } }] },
        { any: [{ licensed: false }, { laborRelation: 'undetermined' }] },
        { not: { setting: ['school', 'vocational_school'] } },
      ],
    };
    it.each<[string, FactsOverrides, boolean]>([
      ['case + unlicensed', { casualties: { acuteCases: 1 }, employer: { licensed: false } }, true],
      ['death + undetermined relation', { casualties: { deaths: 1 }, employer: { laborRelation: 'undetermined' } }, true],
      ['no casualty', { employer: { licensed: false } }, false],
      ['case, licensed and determined', { casualties: { acuteCases: 1 } }, false],
      ['case + unlicensed at a vocational school', { casualties: { acuteCases: 1 }, employer: { licensed: false }, settings: ['vocational_school'] }, false],
    ])('%s → %s', (_label, over, expected) => {
      expect(match(cond, over)).toBe(expected);
    });

    it('severity and regime inside any/not', () => {
      const c: Condition = { any: [{ severityAtLeast: 'extraordinary' }, { all: [{ regime: ['radiation_accident'] }, { not: { flag: ['suspected_crime'] } }] }] };
      expect(match(c, {}, cls('extraordinary'))).toBe(true);
      expect(match(c, {}, cls('major', ['occupational_hazard_accident', 'radiation_accident']))).toBe(true);
      expect(match(c, { flags: ['suspected_crime'] }, cls('major', ['occupational_hazard_accident', 'radiation_accident']))).toBe(false);
      expect(match(c, {}, cls('major'))).toBe(false);
    });
  });

  it('throws on a condition it does not know (only reachable by bypassing the schema)', () => {
    expect(() => matchesCondition({ weather: 'rain' } as unknown as Condition, facts(), cls())).toThrow(/unknown condition/);
  });
});

describe('conditionSchema', () => {
  it.each<[string, unknown]>([
    ['empty all', { all: [] }],
    ['empty any', { any: [] }],
    ['empty hazard list', { hazard: [] }],
    ['unknown hazard', { hazard: ['noise'] }],
    ['always: false', { always: false }],
    ['two kinds in one object', { hazard: ['radiation'], flag: ['media_attention'] }],
    ['negative casualty threshold', { casualtiesAtLeast: { field: 'deaths', value: -1 } }],
    ['unknown casualty field', { casualtiesAtLeast: { field: 'injured', value: 1 } }],
    ['unknown severity', { severityAtLeast: 'minor' }],
    ['bad nested condition', { all: [{ always: true }, { not: { setting: ['factory'] } }] }],
  ])('rejects %s', (_label, input) => {
    expect(conditionSchema.safeParse(input).success).toBe(false);
  });
});

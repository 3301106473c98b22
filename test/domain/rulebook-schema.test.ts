import { describe, expect, it } from 'vitest';
import { rulebookSchema, type RulebookInput } from '../../src/rulebooks/schema.js';
import { testRulebookInput } from './fixtures.js';

type Mutable = RulebookInput & Record<string, unknown>;

function issues(input: unknown) {
  const r = rulebookSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.error!.issues.map((i) => ({ path: i.path, message: i.message }));
}
const paths = (input: unknown) => issues(input).map((i) => i.path);

function edit(change: (b: Mutable) => void): Mutable {
  const b = structuredClone(testRulebookInput()) as Mutable;
  change(b);
  return b;
}
const ruleIndex = (b: RulebookInput, id: string) => b.routing.findIndex((r) => r.id === id);

describe('rulebookSchema', () => {
  it('parses the test rulebook, defaulting units to departments', () => {
    const book = rulebookSchema.parse(testRulebookInput());
    expect(book.units.find((u) => u.id === 't_wjw')!.kind).toBe('department');
    expect(book.units.find((u) => u.id === 't_cgz')!.kind).toBe('township');
    expect(book.routing).toHaveLength(testRulebookInput().routing.length);
  });

  describe('cross-references (superRefine)', () => {
    it('a rule naming an unknown unit (document-clause basis)', () => {
      const b = edit((b) => {
        b.routing[ruleIndex(b, 'xcb_media')]!.unitId = 't_nobody';
      });
      const i = ruleIndex(b, 'xcb_media');
      const found = issues(b);
      expect(found).toEqual([{ path: ['routing', i, 'unitId'], message: 'unknown unit t_nobody' }]);
    });

    it('a rule naming an unknown unit with a unitDuty basis also says the duty cannot be found', () => {
      const b = edit((b) => {
        b.routing[ruleIndex(b, 'zgh_all')]!.unitId = 't_nobody';
      });
      const i = ruleIndex(b, 'zgh_all');
      expect(paths(b)).toEqual([
        ['routing', i, 'unitId'],
        ['routing', i, 'basis'],
      ]);
    });

    it('a unitDuty reference the unit does not have', () => {
      const b = edit((b) => {
        b.routing[ruleIndex(b, 'yjj_poison')]!.basis = { unitDuty: '(九)' };
      });
      const found = issues(b);
      expect(found).toEqual([{ path: ['routing', ruleIndex(b, 'yjj_poison'), 'basis', 'unitDuty'], message: 't_yjj has no duty clause (九)' }]);
    });

    it('a unitDuty reference of another unit is not enough', () => {
      // (二) exists for t_wjw and t_yjj but not for t_zgh, whose only clause is ""
      const b = edit((b) => {
        b.routing[ruleIndex(b, 'zgh_all')]!.basis = { unitDuty: '(二)' };
      });
      expect(paths(b)).toEqual([['routing', ruleIndex(b, 'zgh_all'), 'basis', 'unitDuty']]);
    });

    it('a townshipOfPlace rule cannot cite a unitDuty', () => {
      const b = edit((b) => {
        b.routing[ruleIndex(b, 'town_site')]!.basis = { unitDuty: '' };
      });
      expect(paths(b)).toEqual([['routing', ruleIndex(b, 'town_site'), 'basis']]);
    });

    it('duplicate unit ids', () => {
      const b = edit((b) => {
        b.units.push({ ...b.units[0]!, name: '另一个卫健委' });
      });
      expect(issues(b)).toEqual([{ path: ['units'], message: 'duplicate unit id' }]);
    });

    it('duplicate rule ids: the later rule', () => {
      const b = edit((b) => {
        b.routing.push({ ...b.routing[0]! });
      });
      expect(issues(b)).toEqual([{ path: ['routing', b.routing.length - 1, 'id'], message: 'duplicate rule id' }]);
    });

    it('a commission that is not a unit of the rulebook', () => {
      const b = edit((b) => {
        b.commissionUnitId = 't_nobody';
      });
      expect(paths(b)).toEqual([['commissionUnitId']]);
    });

    it('townshipOfPlace without any township unit', () => {
      const b = edit((b) => {
        b.units = b.units.filter((u) => u.kind !== 'township');
      });
      expect(issues(b)).toEqual([
        { path: ['routing', ruleIndex(b, 'town_site')], message: 'townshipOfPlace needs township units' },
        { path: ['routing', ruleIndex(b, 'town_inform')], message: 'townshipOfPlace needs township units' },
      ]);
    });

    it('reports every cross-reference problem at once', () => {
      const b = edit((b) => {
        b.commissionUnitId = 'x_y';
        b.routing[0]!.basis = { unitDuty: '(九)' };
        b.routing[2]!.id = b.routing[1]!.id;
      });
      expect(paths(b)).toEqual([
        ['commissionUnitId'],
        ['routing', 0, 'basis', 'unitDuty'],
        ['routing', 2, 'id'],
      ]);
    });
  });

  describe('shape', () => {
    it('a rule must name either unitId or townshipOfPlace, not both', () => {
      const b = edit((b) => {
        b.routing[0]!.townshipOfPlace = true;
      });
      expect(paths(b)).toContainEqual(['routing', 0]);
    });

    it('a rule must name one of them', () => {
      const b = edit((b) => {
        delete b.routing[2]!.unitId;
        b.routing[2]!.basis = { documentClause: '三(一)', quote: '工会参与调查处理' };
      });
      expect(paths(b)).toEqual([['routing', 2]]);
    });

    it.each<[string, (b: Mutable) => void, PropertyKey[]]>([
      ['unknown key on the book', (b) => void (b.extra = 1), []],
      ['unit id with capitals', (b) => void (b.units[0]!.id = 'T_wjw'), ['units', 0, 'id']],
      ['unit without duties', (b) => void (b.units[1]!.duties = []), ['units', 1, 'duties']],
      ['duty text too short', (b) => void (b.units[1]!.duties[0]!.text = '负责'), ['units', 1, 'duties', 0, 'text']],
      ['unknown unit kind', (b) => void ((b.units[0] as Record<string, unknown>).kind = 'village'), ['units', 0, 'kind']],
      ['rule id with a dash', (b) => void (b.routing[0]!.id = 'wjw-lead'), ['routing', 0, 'id']],
      ['unknown role', (b) => void ((b.routing[0] as Record<string, unknown>).role = 'boss'), ['routing', 0, 'role']],
      ['reason too short', (b) => void (b.routing[0]!.reason = '一'), ['routing', 0, 'reason']],
      ['quote too short', (b) => void (b.routing[0]!.basis = { documentClause: '三', quote: '短' }), ['routing', 0, 'basis', 'quote']],
      ['zero deadline', (b) => void (b.ackDeadlineMinutes.lead.major = 0), ['ackDeadlineMinutes', 'lead', 'major']],
      ['deadline above a week', (b) => void (b.ackDeadlineMinutes.inform.general = 7 * 24 * 60 + 1), ['ackDeadlineMinutes', 'inform', 'general']],
      ['fractional deadline', (b) => void (b.ackDeadlineMinutes.support.general = 1.5), ['ackDeadlineMinutes', 'support', 'general']],
      ['bad utc offset', (b) => void (b.jurisdiction.utcOffset = '8:00'), ['jurisdiction', 'utcOffset']],
      ['unknown level', (b) => void ((b.jurisdiction as Record<string, unknown>).level = 'village'), ['jurisdiction', 'level']],
      ['empty version', (b) => void (b.version = ''), ['version']],
    ])('%s', (_label, change, path) => {
      const b = edit(change);
      expect(paths(b)[0]).toEqual(path);
    });

    it('no units, no rules', () => {
      const b = edit((b) => {
        b.routing = [];
      });
      expect(paths(b)).toContainEqual(['routing']);
    });

    it('a bad condition is reported inside the rule’s when', () => {
      const b = edit((b) => {
        b.routing[0]!.when = { hazard: ['noise' as never] };
      });
      expect(paths(b)[0]!.slice(0, 3)).toEqual(['routing', 0, 'when']);
    });

    it('a deadline table must cover every role and severity', () => {
      const b = edit((b) => {
        delete (b.ackDeadlineMinutes.support as Record<string, unknown>).extraordinary;
      });
      expect(paths(b)).toEqual([['ackDeadlineMinutes', 'support', 'extraordinary']]);
    });
  });
});

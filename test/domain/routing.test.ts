import { describe, expect, it } from 'vitest';
import { classifyIncident } from '../../src/domain/classification.js';
import {
  applyAdjustments,
  formatBasis,
  routeByRulebook,
  ruleClause,
  type RoutingClause,
  type RoutingDecision,
} from '../../src/domain/routing.js';
import { rulebookSchema, type Rulebook } from '../../src/rulebooks/schema.js';
import type { UnitAdjustment, UnitExclusion } from '../../src/contract/report.js';
import { facts, testRulebookInput, type FactsOverrides } from './fixtures.js';

const book: Rulebook = rulebookSchema.parse(testRulebookInput());
const DOC = '测卫〔2026〕1号';

function route(over: FactsOverrides = {}, b: Rulebook = book) {
  const f = facts(over);
  return routeByRulebook(b, f, classifyIncident(f));
}
const byId = (routing: RoutingDecision[], id: string) => routing.find((d) => d.unitId === id);
const roles = (routing: RoutingDecision[]) => routing.map((d) => [d.unitId, d.role]);

/** A general accident with no casualties and no poisoning: only the 'always' rules. */
const quiet: FactsOverrides = { hazard: { category: 'other' } };

describe('formatBasis', () => {
  const clause = (ref: string, quote: string): RoutingClause => ({ ref, quote, reason: 'r', ruleId: 'x' });
  it('quotes each clause after its reference', () => {
    expect(formatBasis([clause('文号 附件 十四', '依法参与调查')])).toBe('文号 附件 十四：「依法参与调查」');
  });
  it('joins several clauses with ；', () => {
    expect(formatBasis([clause('A', '甲甲甲甲'), clause('B', '乙乙乙乙')])).toBe('A：「甲甲甲甲」；B：「乙乙乙乙」');
  });
  it('is empty for no clauses', () => {
    expect(formatBasis([])).toBe('');
  });
});

describe('ruleClause', () => {
  const rule = (id: string) => book.routing.find((r) => r.id === id)!;
  const unit = (id: string) => book.units.find((u) => u.id === id)!;

  it('a unitDuty basis cites the document, the unit section and the clause, and quotes the duty', () => {
    expect(ruleClause(book, rule('yjj_poison'), unit('t_yjj'))).toEqual({
      ref: `${DOC} 附件 十一(二)`,
      quote: '配合做好急性职业中毒事故调查',
      reason: '急性中毒事故',
      ruleId: 'yjj_poison',
    });
  });
  it('a single-clause section has an empty ref', () => {
    expect(ruleClause(book, rule('zgh_all'), unit('t_zgh')).ref).toBe(`${DOC} 附件 十四`);
  });
  it('a unit without a section number is cited by its short name', () => {
    expect(ruleClause(book, rule('czj_extra'), unit('t_czj')).ref).toBe(`${DOC} 附件 市财政局(一)`);
  });
  it('a documentClause basis cites the document clause and its quote', () => {
    expect(ruleClause(book, rule('xcb_media'), unit('t_xcb'))).toEqual({
      ref: `${DOC} 三(四)`,
      quote: '重大以上事故及时通报宣传部门',
      reason: '重大以上或媒体关注',
      ruleId: 'xcb_media',
    });
  });
  it('a document without a number gives a trimmed reference', () => {
    const noNumber = rulebookSchema.parse({ ...testRulebookInput(), document: { title: '制度', number: '' } });
    expect(ruleClause(noNumber, rule('zgh_all'), unit('t_zgh')).ref).toBe('附件 十四');
  });
});

describe('routeByRulebook', () => {
  it('a quiet general accident: the commission leads, the union and the township support', () => {
    const { routing, warnings } = route(quiet);
    expect(roles(routing)).toEqual([
      ['t_wjw', 'lead'],
      ['t_zgh', 'support'],
      ['t_cgz', 'support'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('each decision has the unit name, the basis with the quoted clause, and its rule id', () => {
    const zgh = byId(route(quiet).routing, 't_zgh')!;
    expect(zgh.unitName).toBe('测试市总工会');
    expect(zgh.basis).toContain('「依法参与职业病危害事故的调查处理」');
    expect(zgh.basis).toBe(`${DOC} 附件 十四：「依法参与职业病危害事故的调查处理」`);
    expect(zgh.clauses).toEqual([
      { ref: `${DOC} 附件 十四`, quote: '依法参与职业病危害事故的调查处理', reason: '每起职业病危害事故', ruleId: 'zgh_all' },
    ]);
    expect(zgh.adjustment).toBeUndefined();
  });

  it('a documentClause basis is quoted in the basis string', () => {
    const xcb = byId(route({ ...quiet, flags: ['media_attention'] }).routing, 't_xcb')!;
    expect(xcb.role).toBe('inform');
    expect(xcb.basis).toBe(`${DOC} 三(四)：「重大以上事故及时通报宣传部门」`);
  });

  describe('role merging', () => {
    it('support rule first, then lead rule: the unit leads, both clauses kept, the lead clause first', () => {
      // acute poisoning with a case at a chemical plant → yjj_poison (support) and yjj_psa (lead)
      const yjj = byId(route({ casualties: { acuteCases: 1 } }).routing, 't_yjj')!;
      expect(yjj.role).toBe('lead');
      expect(yjj.clauses.map((c) => c.ruleId)).toEqual(['yjj_psa', 'yjj_poison']);
      expect(yjj.basis).toBe(`${DOC} 附件 十一(一)：「负责生产安全事故的调查处理」；${DOC} 附件 十一(二)：「配合做好急性职业中毒事故调查」`);
    });

    it('lead rule first, then support rule: the unit stays lead, lead clause first', () => {
      const wjw = byId(route({ casualties: { acuteCases: 1 } }).routing, 't_wjw')!;
      expect(wjw.role).toBe('lead');
      expect(wjw.clauses.map((c) => c.ruleId)).toEqual(['wjw_lead', 'wjw_medical']);
      expect(wjw.basis).toContain('「负责职业病危害事故的调查处理」');
      expect(wjw.basis).toContain('「组织做好医疗救治工作」');
      expect(wjw.basis.indexOf('调查处理')).toBeLessThan(wjw.basis.indexOf('医疗救治'));
    });

    it('support, then two lead rules: every lead clause comes before the support clause', () => {
      const yjj = byId(route({ settings: ['mine'], casualties: { acuteCases: 1 } }).routing, 't_yjj')!;
      expect(yjj.role).toBe('lead');
      expect(yjj.clauses.map((c) => c.ruleId)).toEqual(['yjj_psa', 'yjj_mine', 'yjj_poison']);
    });

    it('a unit matched by one rule only keeps that rule’s role', () => {
      const yjj = byId(route({ hazard: { category: 'acute_poisoning' }, employer: { industry: 'healthcare' } }).routing, 't_yjj')!;
      expect(yjj.role).toBe('support');
      expect(yjj.clauses.map((c) => c.ruleId)).toEqual(['yjj_poison']);
    });

    it('support and inform for the same township: support wins, the support clause first', () => {
      const town = byId(route({ casualties: { deaths: 1 } }).routing, 't_cgz')!;
      expect(town.role).toBe('support');
      expect(town.clauses.map((c) => c.ruleId)).toEqual(['town_site', 'town_inform']);
    });

    it('every unit appears once', () => {
      const { routing } = route({ settings: ['mine'], flags: ['media_attention'], casualties: { acuteCases: 60, severeCases: 5, deaths: 6 } });
      expect(new Set(routing.map((d) => d.unitId)).size).toBe(routing.length);
    });
  });

  describe('ordering', () => {
    it('lead before support before inform, rulebook order within a role', () => {
      const { routing } = route({ casualties: { acuteCases: 60, deaths: 6 } });
      expect(roles(routing)).toEqual([
        ['t_wjw', 'lead'],
        ['t_yjj', 'lead'],
        ['t_zgh', 'support'],
        ['t_cgz', 'support'],
        ['t_xcb', 'inform'],
        ['t_czj', 'inform'],
      ]);
    });

    it('the order does not depend on the order of the routing rules', () => {
      const input = testRulebookInput();
      const reversed = rulebookSchema.parse({ ...input, routing: [...input.routing].reverse() });
      const over = { casualties: { acuteCases: 60, deaths: 6 } };
      expect(roles(route(over, reversed).routing)).toEqual(roles(route(over).routing));
    });
  });

  describe('conditions select the units', () => {
    it('major severity informs the propaganda department but not finance', () => {
      const { routing } = route({ ...quiet, casualties: { acuteCases: 10 } });
      expect(byId(routing, 't_xcb')?.role).toBe('inform');
      expect(byId(routing, 't_czj')).toBeUndefined();
    });
    it('extraordinary severity informs finance', () => {
      expect(byId(route({ ...quiet, casualties: { anthraxCases: 5 } }).routing, 't_czj')?.role).toBe('inform');
    });
    it('radiation at a production employer: no production-safety lead for 应急管理局', () => {
      expect(byId(route({ hazard: { category: 'radiation', agent: '铯-137' }, casualties: { deaths: 1 } }).routing, 't_yjj')).toBeUndefined();
    });
    it('radiation that also released a poison at a production employer: it is a production-safety accident too', () => {
      expect(byId(route({ hazard: { category: 'radiation', agent: '钴-60；火灾致氯气泄漏' }, casualties: { deaths: 1 } }).routing, 't_yjj')).toBeDefined();
    });
  });

  describe('townships', () => {
    it('matches the township field', () => {
      expect(byId(route({ ...quiet, place: { township: '城关镇' } }).routing, 't_cgz')?.role).toBe('support');
    });
    it.each(['城 关 镇', ' 城关镇 ', '城关\t镇', '城\u3000关镇'])('ignores whitespace: %j', (township) => {
      const { routing, warnings } = route({ ...quiet, place: { township } });
      expect(byId(routing, 't_cgz')?.role).toBe('support');
      expect(warnings).toEqual([]);
    });
    it('matches the unit name too', () => {
      expect(byId(route({ ...quiet, place: { township: '城关镇人民政府' } }).routing, 't_cgz')).toBeDefined();
    });
    it('matches a township unit without a township field by its name', () => {
      const { routing } = route({ ...quiet, place: { township: '五 星乡' } });
      expect(byId(routing, 't_wxx')?.role).toBe('support');
      expect(byId(routing, 't_cgz')).toBeUndefined();
    });
    it('the township clause is the document clause', () => {
      expect(byId(route(quiet).routing, 't_cgz')!.basis).toBe(`${DOC} 三(五)：「事发地乡镇（街道）配合做好现场处置」`);
    });
    it('a department is never taken for the township, even by name', () => {
      const { routing, warnings } = route({ ...quiet, place: { township: '测试市总工会' } });
      expect(routing.filter((d) => d.unitId === 't_zgh')).toHaveLength(1);
      expect(byId(routing, 't_zgh')!.clauses.map((c) => c.ruleId)).toEqual(['zgh_all']);
      expect(warnings.map((w) => w.code)).toEqual(['township_not_found']);
    });
    it('an unknown township gives one warning naming it, even when two township rules match', () => {
      const { routing, warnings } = route({ casualties: { deaths: 1 }, place: { township: '火星镇' } });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.code).toBe('township_not_found');
      expect(warnings[0]!.message).toContain('火星镇');
      expect(routing.some((d) => d.unitId === 't_cgz' || d.unitId === 't_wxx')).toBe(false);
    });
    it('a missing township gives a warning saying it was not given', () => {
      const { warnings } = route({ ...quiet, place: { township: undefined } });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]!.code).toBe('township_not_found');
      expect(warnings[0]!.message).toContain('未填写');
    });
    it('an empty township counts as not given', () => {
      expect(route({ ...quiet, place: { township: '' } }).warnings[0]!.message).toContain('未填写');
    });
    it('no warning when no township rule applies', () => {
      const input = testRulebookInput();
      const noTownRules = rulebookSchema.parse({ ...input, routing: input.routing.filter((r) => !r.townshipOfPlace) });
      expect(route({ ...quiet, place: { township: '火星镇' } }, noTownRules).warnings).toEqual([]);
    });
  });

  it('is pure: neither the book nor the facts are modified', () => {
    const f = facts({ casualties: { acuteCases: 12, deaths: 1 } });
    const bookCopy = structuredClone(book);
    const factsCopy = structuredClone(f);
    const a = routeByRulebook(book, f, classifyIncident(f));
    const b = routeByRulebook(book, f, classifyIncident(f));
    expect(a).toEqual(b);
    expect(book).toEqual(bookCopy);
    expect(f).toEqual(factsCopy);
  });
});

describe('applyAdjustments', () => {
  // Base: wjw lead, zgh support, cgz support.
  const base = () => route(quiet);
  const adjust = (extra: UnitAdjustment[], exclude: UnitExclusion[] = [], b = base()) => applyAdjustments(book, b, extra, exclude);
  const ok = (r: ReturnType<typeof adjust>) => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.problems)}`);
    return r.result;
  };
  const problems = (r: ReturnType<typeof adjust>) => {
    if (r.ok) throw new Error('expected problems');
    return r.problems;
  };

  it('no adjustments: the routing is unchanged and nothing is excluded', () => {
    const b = base();
    const r = ok(adjust([], [], b));
    expect(r.routing).toEqual(b.routing);
    expect(r.excluded).toEqual([]);
    expect(r.warnings).toEqual(b.warnings);
  });

  it('adds a unit with its role and the written reason', () => {
    const r = ok(adjust([{ unitId: 't_czj', role: 'inform', reason: '需财政保障救治经费' }]));
    const czj = byId(r.routing, 't_czj')!;
    expect(czj).toEqual({
      unitId: 't_czj',
      unitName: '测试市财政局',
      role: 'inform',
      basis: '值班员调整：「需财政保障救治经费」',
      clauses: [{ ref: '值班员调整', quote: '需财政保障救治经费', reason: '需财政保障救治经费', ruleId: null }],
      adjustment: { kind: 'added', reason: '需财政保障救治经费' },
    });
  });

  it('an added unit is sorted into its role group', () => {
    const r = ok(adjust([{ unitId: 't_yjj', role: 'lead', reason: '现场涉及危化品' }]));
    expect(roles(r.routing)).toEqual([
      ['t_wjw', 'lead'],
      ['t_yjj', 'lead'],
      ['t_zgh', 'support'],
      ['t_cgz', 'support'],
    ]);
  });

  it('changes the role of a routed unit, keeping its clauses and adding the reason', () => {
    const r = ok(adjust([{ unitId: 't_zgh', role: 'lead', reason: '工会牵头调查' }]));
    const zgh = byId(r.routing, 't_zgh')!;
    expect(zgh.role).toBe('lead');
    expect(zgh.adjustment).toEqual({ kind: 'role_changed', reason: '工会牵头调查' });
    expect(zgh.clauses.map((c) => c.ruleId)).toEqual(['zgh_all', null]);
    expect(zgh.basis).toBe(`${DOC} 附件 十四：「依法参与职业病危害事故的调查处理」；值班员调整：「工会牵头调查」`);
    expect(r.routing.map((d) => d.role)).toEqual(['lead', 'lead', 'support']);
  });

  it('a role can be lowered too, and the order follows', () => {
    const r = ok(adjust([{ unitId: 't_wjw', role: 'inform', reason: '由上级卫健委牵头' }]));
    expect(roles(r.routing)).toEqual([
      ['t_zgh', 'support'],
      ['t_cgz', 'support'],
      ['t_wjw', 'inform'],
    ]);
  });

  it('does not modify the base routing', () => {
    const b = base();
    const copy = structuredClone(b);
    ok(adjust([{ unitId: 't_zgh', role: 'lead', reason: '工会牵头调查' }], [{ unitId: 't_cgz', reason: '非属地' }], b));
    expect(b).toEqual(copy);
  });

  it('records an exclusion with the unit, its former role and the reason', () => {
    const r = ok(adjust([], [{ unitId: 't_cgz', reason: '事发地实为相邻乡镇' }]));
    expect(byId(r.routing, 't_cgz')).toBeUndefined();
    expect(r.excluded).toEqual([{ unitId: 't_cgz', unitName: '城关镇人民政府', role: 'support', reason: '事发地实为相邻乡镇' }]);
  });

  it('adds, changes and excludes together', () => {
    const r = ok(
      adjust(
        [
          { unitId: 't_czj', role: 'inform', reason: '经费' },
          { unitId: 't_zgh', role: 'lead', reason: '工会牵头' },
        ],
        [{ unitId: 't_cgz', reason: '非属地' }],
      ),
    );
    expect(roles(r.routing)).toEqual([
      ['t_wjw', 'lead'],
      ['t_zgh', 'lead'],
      ['t_czj', 'inform'],
    ]);
    expect(r.excluded.map((e) => e.unitId)).toEqual(['t_cgz']);
  });

  it('passes the routing warnings through', () => {
    const b = route({ ...quiet, place: { township: '火星镇' } });
    const r = ok(adjust([{ unitId: 't_wxx', role: 'support', reason: '实际事发地' }], [], b));
    expect(r.warnings.map((w) => w.code)).toEqual(['township_not_found']);
    expect(byId(r.routing, 't_wxx')?.adjustment?.kind).toBe('added');
  });

  describe('problems, with exact paths', () => {
    it('unknown unit', () => {
      const p = problems(adjust([{ unitId: 'nobody', role: 'support', reason: '理由' }]));
      expect(p).toHaveLength(1);
      expect(p[0]!.path).toEqual(['extraUnits', 0, 'unitId']);
      expect(p[0]!.message).toContain('nobody');
    });

    it('the same unit added twice: the second one', () => {
      const p = problems(
        adjust([
          { unitId: 't_czj', role: 'inform', reason: '一' },
          { unitId: 't_czj', role: 'support', reason: '二' },
        ]),
      );
      expect(p.map((x) => x.path)).toEqual([['extraUnits', 1, 'unitId']]);
      expect(p[0]!.message).toContain('unit adjusted twice');
    });

    it('excluding a unit that is not routed', () => {
      const p = problems(adjust([], [{ unitId: 't_czj', reason: '不涉及' }]));
      expect(p.map((x) => x.path)).toEqual([['excludeUnits', 0, 'unitId']]);
      expect(p[0]!.message).toContain('not routed');
    });

    it('excluding an unknown unit', () => {
      expect(problems(adjust([], [{ unitId: 'nobody', reason: '不涉及' }])).map((x) => x.path)).toEqual([['excludeUnits', 0, 'unitId']]);
    });

    it('adding and excluding the same unit (newly added)', () => {
      const p = problems(adjust([{ unitId: 't_czj', role: 'inform', reason: '经费' }], [{ unitId: 't_czj', reason: '不涉及' }]));
      expect(p.map((x) => x.path)).toEqual([['excludeUnits', 0, 'unitId']]);
      expect(p[0]!.message).toContain('both added and removed');
    });

    it('changing the role of and excluding the same unit', () => {
      const p = problems(adjust([{ unitId: 't_zgh', role: 'lead', reason: '牵头' }], [{ unitId: 't_zgh', reason: '不涉及' }]));
      expect(p.map((x) => x.path)).toEqual([['excludeUnits', 0, 'unitId']]);
      expect(p[0]!.message).toContain('both added and removed');
    });

    it('excluding the same unit twice: the second one, said as such', () => {
      const p = problems(
        adjust(
          [],
          [
            { unitId: 't_cgz', reason: '一' },
            { unitId: 't_cgz', reason: '二' },
          ],
        ),
      );
      expect(p.map((x) => x.path)).toEqual([['excludeUnits', 1, 'unitId']]);
      expect(p[0]!.message).toContain('removed twice');
    });

    it('adding a routed unit with the role it already has', () => {
      const p = problems(adjust([{ unitId: 't_zgh', role: 'support', reason: '再次通知' }]));
      expect(p.map((x) => x.path)).toEqual([['extraUnits', 0, 'role']]);
      expect(p[0]!.message).toContain('already routed with this role');
    });

    it('collects every problem, in order', () => {
      const p = problems(
        adjust(
          [
            { unitId: 'nobody', role: 'support', reason: '理由' },
            { unitId: 't_wjw', role: 'lead', reason: '理由' },
            { unitId: 't_czj', role: 'inform', reason: '理由' },
          ],
          [
            { unitId: 't_czj', reason: '理由' },
            { unitId: 't_xcb', reason: '理由' },
          ],
        ),
      );
      expect(p.map((x) => x.path)).toEqual([
        ['extraUnits', 0, 'unitId'],
        ['extraUnits', 1, 'role'],
        ['excludeUnits', 0, 'unitId'],
        ['excludeUnits', 1, 'unitId'],
      ]);
    });
  });
});

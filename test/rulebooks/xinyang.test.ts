import { describe, expect, it } from 'vitest';
import { classifyIncident, isAcutePoisoningKind, severityAtLeast } from '../../src/domain/classification.js';
import type { Industry, UnitRole } from '../../src/domain/enums.js';
import { book, facts, roles, route, type FactsOverrides } from './helpers.js';

const J = 'xinyang';

/** 尘毒危害重点行业 of 十一 市应急管理局. */
const DUST_TOXIC: Industry[] = ['non_coal_mine', 'cement', 'metal_smelting', 'ceramics', 'stone', 'machinery', 'metallurgy', 'light_industry'];
const INDUSTRIAL: Industry[] = [...DUST_TOXIC, 'chemical', 'building_materials', 'nonferrous', 'textile'];

/**
 * The spec §5 table for 信阳, written out independently of the rulebook: which units a report
 * should reach, with which role. The rulebook must produce exactly this, no more and no less.
 */
function expected(over: FactsOverrides): Record<string, UnitRole> {
  const f = facts(over);
  const cls = classifyIncident(f);
  const c = f.casualties;
  const sick = c.acuteCases >= 1 || c.deaths >= 1 || c.anthraxCases >= 1;
  const radiation = f.hazard.category === 'radiation';
  const chronic = (c.chronicCases ?? 0) >= 1 || f.hazard.category === 'pneumoconiosis_cluster';
  // 国务院令第449号第四十三条: 生态环境 leads a radiation accident, 卫生 does the medical response.
  const out: Record<string, UnitRole> = { xy_wjw: radiation ? 'support' : 'lead', xy_zgh: 'support' };
  if (sick || chronic || f.settings.includes('vocational_school')) out.xy_rsj = 'support';
  if (
    isAcutePoisoningKind(f) ||
    DUST_TOXIC.includes(f.employer.industry) ||
    cls.regimes.some((r) => r.code === 'production_safety_accident')
  )
    out.xy_yjj = 'support';
  if (f.flags.includes('environmental_release')) out.xy_sthj = 'support';
  if (radiation) out.xy_sthj = 'lead';
  if (f.settings.includes('construction_site')) out.xy_zjj = 'support';
  // 三(三): 各类学校(含幼儿园、技工学校、职业培训院校、普通高校除外).
  if (f.settings.includes('school') && !f.settings.includes('university') && !f.settings.includes('vocational_school')) out.xy_jtj = 'support';
  if (!f.employer.licensed) out.xy_scjg = 'support';
  // 六: 职业病患者家庭…最低生活保障…突发性…基本生活困难…临时救助; 十三: 医疗救助对象范围的职业病病人.
  if (c.deaths >= 1 || chronic) out.xy_mzj = 'inform';
  if (chronic) out.xy_ybj = 'inform';
  if (INDUSTRIAL.includes(f.employer.industry)) out.xy_gxj = 'inform';
  if (severityAtLeast(cls.severity, 'major') || f.flags.includes('media_attention')) out.xy_xcb = 'inform';
  if (cls.severity === 'extraordinary') out.xy_czj = 'inform';
  return out;
}

const SCENARIOS: [string, FactsOverrides][] = [
  ['quiet: no case, other hazard, other industry', {}],
  ['one acute case', { casualties: { acuteCases: 1 } }],
  ['one death', { hazard: 'asphyxiation', casualties: { deaths: 1 } }],
  ['one anthrax case', { hazard: 'anthrax', casualties: { anthraxCases: 1 } }],
  ['acute poisoning without cases', { hazard: 'acute_poisoning' }],
  ['H2S poisoning at a chemical plant, 3 cases', { hazard: 'acute_poisoning', employer: { industry: 'chemical' }, casualties: { acuteCases: 3, severeCases: 1 } }],
  ['stone works, pneumoconiosis cluster', { hazard: 'pneumoconiosis_cluster', employer: { industry: 'stone' } }],
  ['cement works, no case', { employer: { industry: 'cement' } }],
  ['textile mill, heatstroke case', { hazard: 'heatstroke', employer: { industry: 'textile' }, casualties: { acuteCases: 1 } }],
  ['radiation', { hazard: 'radiation', casualties: { acuteCases: 1, severeCases: 1 } }],
  ['environmental release', { flags: ['environmental_release'] }],
  ['construction site, asphyxiation death', { hazard: 'asphyxiation', settings: ['construction_site'], employer: { industry: 'construction' }, casualties: { deaths: 1 } }],
  ['transport construction', { settings: ['transport_construction'] }],
  ['school laboratory poisoning', { hazard: 'acute_poisoning', settings: ['school'], employer: { industry: 'education' }, casualties: { acuteCases: 2 } }],
  ['vocational school', { settings: ['vocational_school'] }],
  ['unlicensed workshop', { employer: { licensed: false } }],
  ['labour relation undetermined, cases', { employer: { laborRelation: 'undetermined' }, casualties: { acuteCases: 2 } }],
  ['labour relation undetermined, death', { employer: { laborRelation: 'undetermined' }, hazard: 'asphyxiation', casualties: { deaths: 1 } }],
  ['labour relation undetermined, nobody ill', { employer: { laborRelation: 'undetermined' } }],
  ['major: 10 acute cases', { hazard: 'acute_poisoning', employer: { industry: 'light_industry' }, casualties: { acuteCases: 10 } }],
  ['media attention, general', { flags: ['media_attention'] }],
  ['extraordinary: 5 deaths at a non-coal mine', { hazard: 'asphyxiation', settings: ['mine'], employer: { industry: 'non_coal_mine' }, casualties: { deaths: 5 } }],
  ['extraordinary: 50 cases', { hazard: 'acute_poisoning', employer: { industry: 'machinery' }, casualties: { acuteCases: 50, severeCases: 5 } }],
  ['H2S asphyxiation filed under 其他, 2 deaths', { hazard: 'other', casualties: { deaths: 2 } }],
  ['pneumoconiosis, 12 diagnosed chronic cases', { hazard: 'pneumoconiosis_cluster', employer: { industry: 'stone' }, casualties: { chronicCases: 12 } }],
  ['university laboratory poisoning', { hazard: 'acute_poisoning', settings: ['school', 'university'], employer: { industry: 'education' }, casualties: { acuteCases: 2 } }],
  ['hospital radiology, no case', { hazard: 'radiation', settings: ['medical_radiology'], employer: { industry: 'healthcare', ownership: 'state_owned' } }],
  ['everything at once', { hazard: 'acute_poisoning', settings: ['construction_site', 'school'], flags: ['environmental_release', 'media_attention', 'suspected_crime'], employer: { industry: 'chemical', licensed: false, laborRelation: 'undetermined' }, casualties: { acuteCases: 60, deaths: 6 } }],
];

describe('信阳 routing matches the spec §5 table exactly', () => {
  it.each(SCENARIOS)('%s', (_name, over) => {
    expect(roles(J, over)).toEqual(expected(over));
  });
});

describe('信阳 routing, row by row', () => {
  it('the commission leads every accident, first in the list, citing 三(四)2', () => {
    const { routing, warnings } = route(J);
    expect(warnings).toEqual([]);
    expect(routing[0]).toMatchObject({ unitId: 'xy_wjw', role: 'lead' });
    expect(routing[0]!.clauses[0]!.ref).toBe('信卫职健〔2023〕5号 三(四)2');
    expect(routing[0]!.basis).toContain('市卫生健康委接到职业病危害事故报告后');
  });

  it('a quiet accident reaches only the commission and 市总工会', () => {
    expect(roles(J)).toEqual({ xy_wjw: 'lead', xy_zgh: 'support' });
  });

  it('十四 市总工会 supports every accident, quoting its clause (五)', () => {
    const union = route(J).routing.find((d) => d.unitId === 'xy_zgh')!;
    expect(union.role).toBe('support');
    expect(union.clauses[0]!.ref).toBe('信卫职健〔2023〕5号 附件 十四(五)');
    expect(union.basis).toContain('依法参与职业病危害事故的调查处理工作');
  });

  it('八 市人社局 supports when anyone fell ill or died', () => {
    expect(roles(J, { casualties: { acuteCases: 1 } }).xy_rsj).toBe('support');
    expect(roles(J, { hazard: 'asphyxiation', casualties: { deaths: 1 } }).xy_rsj).toBe('support');
    expect(roles(J, { casualties: { exposed: 30 } }).xy_rsj).toBeUndefined();
    const hr = route(J, { casualties: { acuteCases: 1 } }).routing.find((d) => d.unitId === 'xy_rsj')!;
    expect(hr.basis).toContain('负责职业健康所涉及的劳动用工监管');
  });

  it('十一 市应急管理局 supports acute poisoning, the 尘毒 key industries and production-safety accidents', () => {
    expect(roles(J, { hazard: 'acute_poisoning' }).xy_yjj).toBe('support');
    expect(roles(J, { hazard: 'asphyxiation' }).xy_yjj).toBe('support');
    for (const industry of DUST_TOXIC) expect(roles(J, { employer: { industry } }).xy_yjj, industry).toBe('support');
    // 国务院令第493号: a death at a production unit, whatever the hazard.
    expect(roles(J, { hazard: 'asphyxiation', casualties: { deaths: 1 } }).xy_yjj).toBe('support');
    expect(roles(J, { employer: { industry: 'chemical' } }).xy_yjj).toBeUndefined();
    // A school is not a production unit: no 493 regime there.
    expect(roles(J, { hazard: 'heatstroke', settings: ['school'], employer: { industry: 'education' }, casualties: { deaths: 1 } }).xy_yjj).toBeUndefined();
  });

  it('九 市生态环境局 leads radiation (国务院令第449号第四十三条) and supports a release into the environment', () => {
    expect(roles(J, { hazard: 'radiation' }).xy_sthj).toBe('lead');
    expect(roles(J, { flags: ['environmental_release'] }).xy_sthj).toBe('support');
    expect(roles(J, { flags: ['media_attention'] }).xy_sthj).toBeUndefined();
  });

  it('十 市住建局 supports building and municipal construction sites only', () => {
    expect(roles(J, { settings: ['construction_site'] }).xy_zjj).toBe('support');
    expect(roles(J, { settings: ['transport_construction'] }).xy_zjj).toBeUndefined();
  });

  it('三 市教育体育局 supports schools; 技工学校 go to 市人社局 instead', () => {
    expect(roles(J, { settings: ['school'] }).xy_jtj).toBe('support');
    const vocational = roles(J, { settings: ['vocational_school'] });
    expect(vocational.xy_jtj).toBeUndefined();
    expect(vocational.xy_rsj).toBe('support');
  });

  it('十二 市市场监管局 supports when the employer is unlicensed', () => {
    expect(roles(J, { employer: { licensed: false } }).xy_scjg).toBe('support');
    expect(roles(J, { employer: { licensed: true } }).xy_scjg).toBeUndefined();
  });

  it('六 市民政局「对遭遇突发性、紧迫性、临时性基本生活困难的…临时救助」and 十三 市医保局「属于医疗救助对象范围的职业病病人」: on their own conditions, not another city\'s', () => {
    expect(roles(J, { hazard: 'asphyxiation', casualties: { deaths: 1 } }).xy_mzj).toBe('inform');
    expect(roles(J, { casualties: { chronicCases: 3 } })).toMatchObject({ xy_mzj: 'inform', xy_ybj: 'inform' });
    // 「用人单位不存在或无法确定劳动关系」 is 宁德's and 鲤城's wording; 信阳's clauses do not say it.
    const undetermined = roles(J, { employer: { laborRelation: 'undetermined' }, casualties: { acuteCases: 1 } });
    expect(undetermined.xy_mzj).toBeUndefined();
    expect(undetermined.xy_ybj).toBeUndefined();
    expect(route(J, { casualties: { chronicCases: 3 } }).routing.find((d) => d.unitId === 'xy_ybj')!.basis).toContain('属于医疗救助对象范围的职业病病人');
  });

  it('五 市工信局 is informed when the employer is industrial', () => {
    for (const industry of INDUSTRIAL) expect(roles(J, { employer: { industry } }).xy_gxj, industry).toBe('inform');
    for (const industry of ['construction', 'transport', 'healthcare', 'education', 'other'] as const)
      expect(roles(J, { employer: { industry } }).xy_gxj, industry).toBeUndefined();
  });

  it('十五 市委宣传部 is informed of major accidents and of media attention', () => {
    expect(roles(J, { casualties: { acuteCases: 10 } }).xy_xcb).toBe('inform');
    expect(roles(J, { hazard: 'asphyxiation', casualties: { deaths: 1 } }).xy_xcb).toBe('inform');
    expect(roles(J, { flags: ['media_attention'] }).xy_xcb).toBe('inform');
    expect(roles(J, { casualties: { acuteCases: 9 } }).xy_xcb).toBeUndefined();
  });

  it('七 市财政局 is informed of extraordinary accidents only', () => {
    expect(roles(J, { casualties: { acuteCases: 50 } }).xy_czj).toBe('inform');
    expect(roles(J, { hazard: 'asphyxiation', casualties: { deaths: 5 } }).xy_czj).toBe('inform');
    expect(roles(J, { casualties: { acuteCases: 49 } }).xy_czj).toBeUndefined();
  });

  it('市发展改革委 and 市科技局 are member units with duties but are never routed', () => {
    const b = book(J);
    for (const id of ['xy_fgw', 'xy_kjj']) {
      expect(b.units.find((u) => u.id === id)!.duties.length).toBeGreaterThan(0);
      expect(b.routing.some((r) => r.unitId === id)).toBe(false);
    }
    expect(b.units).toHaveLength(15);
  });

  it('has no townships, so a report never warns about one', () => {
    expect(route(J, { township: '五星街道' }).warnings).toEqual([]);
    expect(route(J, { township: undefined }).warnings).toEqual([]);
  });
});

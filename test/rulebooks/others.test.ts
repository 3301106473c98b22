import { describe, expect, it } from 'vitest';
import { roles, route } from './helpers.js';

describe('宁德 routing', () => {
  const J = 'ningde';

  it('a quiet accident reaches the commission (lead) and 市总工会 (support)', () => {
    expect(roles(J)).toEqual({ nd_wjw: 'lead', nd_zgh: 'support' });
    expect(route(J).routing[0]!.clauses[0]!.ref).toBe('宁政办〔2021〕11号 三(一)3');
  });

  it('应急管理局 takes part in acute poisoning at an industrial enterprise, not elsewhere', () => {
    const r = roles(J, { hazard: 'acute_poisoning', employer: { industry: 'chemical' }, casualties: { acuteCases: 3 } });
    expect(r).toMatchObject({ nd_wjw: 'lead', nd_yjj: 'support', nd_rsj: 'support' });
    expect(route(J, { hazard: 'acute_poisoning', employer: { industry: 'chemical' } }).routing.find((d) => d.unitId === 'nd_yjj')!.basis).toContain(
      '参与工业企业急性中毒事故调查处理',
    );
    expect(roles(J, { hazard: 'acute_poisoning', employer: { industry: 'healthcare' } }).nd_yjj).toBeUndefined();
    expect(roles(J, { hazard: 'heatstroke', employer: { industry: 'chemical' } }).nd_yjj).toBeUndefined();
  });

  it('三(十三)2「指导督促市属企业落实职业病防治主体责任」: 国资委 supports at a 市属 state-owned employer only', () => {
    expect(roles(J, { employer: { ownership: 'state_owned', stateOwnerLevel: 'city' } }).nd_gzw).toBe('support');
    expect(roles(J, { employer: { ownership: 'state_owned', stateOwnerLevel: 'central' } }).nd_gzw).toBeUndefined();
    expect(roles(J, { employer: { ownership: 'state_owned', stateOwnerLevel: 'provincial' } }).nd_gzw).toBeUndefined();
    expect(roles(J, { employer: { ownership: 'private' } }).nd_gzw).toBeUndefined();
  });

  it('工信局 supports at civil-explosives producers and is informed for its listed industries', () => {
    expect(roles(J, { settings: ['civil_explosives'] }).nd_gxj).toBe('support');
    expect(roles(J, { employer: { industry: 'textile' } }).nd_gxj).toBe('inform');
    expect(roles(J, { employer: { industry: 'chemical' } }).nd_gxj).toBeUndefined();
  });
});

describe('鲤城 routing', () => {
  const J = 'licheng';

  it('a quiet accident reaches the commission (lead) and 区总工会 (support); no township warning', () => {
    const { routing, warnings } = route(J);
    expect(Object.fromEntries(routing.map((d) => [d.unitId, d.role]))).toEqual({ lc_wjj: 'lead', lc_zgh: 'support' });
    expect(warnings).toEqual([]);
  });

  it('industrial acute poisoning with a death and no determinable labour relation', () => {
    const r = roles(J, {
      hazard: 'acute_poisoning',
      employer: { industry: 'metal_smelting', laborRelation: 'undetermined' },
      casualties: { acuteCases: 2, deaths: 1 },
    });
    expect(r).toEqual({
      lc_wjj: 'lead',
      lc_zgh: 'support',
      lc_yjj: 'support',
      lc_rsj: 'support',
      lc_mzj: 'inform',
      lc_ybj: 'inform',
      lc_gxj: 'inform',
      lc_xcb: 'inform',
    });
  });

  it('schools, construction sites and radiation reach their departments', () => {
    expect(roles(J, { settings: ['school'] }).lc_jyj).toBe('support');
    expect(roles(J, { settings: ['construction_site'] }).lc_zjj).toBe('support');
    expect(roles(J, { hazard: 'radiation' }).lc_sthj).toBe('lead');
  });
});

describe('广东 routing', () => {
  const J = 'guangdong';

  it('a quiet accident reaches the commission (lead) and 省总工会 (support)', () => {
    expect(roles(J)).toEqual({ gd_wjw: 'lead', gd_zgh: 'support' });
  });

  it('a prison brings in 司法厅', () => {
    expect(roles(J, { settings: ['prison'] }).gd_sft).toBe('support');
    expect(roles(J).gd_sft).toBeUndefined();
  });

  it('illegal mining brings in 自然资源厅, 市场监管局 and 应急管理厅; a licensed mine only 应急管理厅', () => {
    expect(roles(J, { settings: ['mine'], employer: { industry: 'non_coal_mine', licensed: false } })).toMatchObject({
      gd_zrzyt: 'support',
      gd_scjg: 'support',
      gd_yjt: 'support',
    });
    const licensed = roles(J, { settings: ['mine'], employer: { industry: 'non_coal_mine' } });
    expect(licensed.gd_zrzyt).toBeUndefined();
    expect(licensed.gd_yjt).toBe('support');
  });

  it('transport construction, foreign-invested employers, state-owned employers and the media', () => {
    expect(roles(J, { settings: ['transport_construction'] }).gd_jtt).toBe('support');
    expect(roles(J, { settings: ['construction_site'] }).gd_jtt).toBeUndefined();
    expect(roles(J, { employer: { ownership: 'foreign_invested' } }).gd_swt).toBe('inform');
    expect(roles(J, { employer: { ownership: 'state_owned', stateOwnerLevel: 'provincial' } }).gd_gzw).toBe('support');
    expect(roles(J, { employer: { ownership: 'state_owned', stateOwnerLevel: 'city' } }).gd_gzw).toBeUndefined();
    expect(roles(J, { flags: ['media_attention'] }).gd_gdj).toBe('inform');
  });

  it('radiation (国务院令第449号第四十三条): 生态环境厅 leads, the commission supports with (十一)「指导放射源的放射性污染事故的医疗应急」', () => {
    const r = roles(J, { hazard: 'radiation' });
    expect(r).toMatchObject({ gd_wjw: 'support', gd_stht: 'lead' });
    const commission = route(J, { hazard: 'radiation' }).routing.find((d) => d.unitId === 'gd_wjw')!;
    expect(commission.clauses.map((c) => c.ruleId)).toEqual(['wjw_radiation']);
  });
});

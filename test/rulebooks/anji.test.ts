import { describe, expect, it } from 'vitest';
import { book, roles, route } from './helpers.js';

const J = 'anji';
const TOWNSHIPS: Record<string, string> = {
  递铺街道: 'aj_t_dipu',
  昌硕街道: 'aj_t_changshuo',
  灵峰街道: 'aj_t_lingfeng',
  孝源街道: 'aj_t_xiaoyuan',
  孝丰镇: 'aj_t_xiaofeng',
  报福镇: 'aj_t_baofu',
  天子湖镇: 'aj_t_tianzihu',
  鄣吴镇: 'aj_t_zhangwu',
  杭垓镇: 'aj_t_hangai',
  梅溪镇: 'aj_t_meixi',
  天荒坪镇: 'aj_t_tianhuangping',
  溪龙乡: 'aj_t_xilong',
  上墅乡: 'aj_t_shangshu',
  山川乡: 'aj_t_shanchuan',
};

describe('安吉 routing', () => {
  it('卫健局 leads by default, with 总工会 and the township supporting', () => {
    expect(roles(J, { township: '递铺街道' })).toEqual({ aj_wjj: 'lead', aj_zgh: 'support', aj_t_dipu: 'support' });
    const lead = route(J, { township: '递铺街道' }).routing[0]!;
    expect(lead.unitId).toBe('aj_wjj');
    expect(lead.clauses[0]!.ref).toBe('安政办发〔2022〕43号 三、职责分工 卫健局');
    expect(lead.basis).toContain('会同有关部门调查处置职业卫生事件和事故');
  });

  it('acute occupational poisoning: 应急局 leads and 卫健局 supports', () => {
    const r = roles(J, { hazard: 'acute_poisoning', employer: { industry: 'chemical' }, casualties: { acuteCases: 3 }, township: '孝丰镇' });
    expect(r.aj_yjj).toBe('lead');
    expect(r.aj_wjj).toBe('support');
    expect(Object.entries(r).filter(([, role]) => role === 'lead')).toEqual([['aj_yjj', 'lead']]);
    const emergency = route(J, { hazard: 'acute_poisoning' }).routing.find((d) => d.unitId === 'aj_yjj')!;
    expect(emergency.basis).toContain('负责牵头组织开展急性职业中毒等突发职业病事故的调查处理');
  });

  it('radiation: 生态环境局 leads and 卫健局 supports', () => {
    const r = roles(J, { hazard: 'radiation', township: '天子湖镇' });
    expect(r.aj_sthj).toBe('lead');
    expect(r.aj_wjj).toBe('support');
    expect(r.aj_yjj).toBeUndefined();
    const env = route(J, { hazard: 'radiation' }).routing.find((d) => d.unitId === 'aj_sthj')!;
    expect(env.basis).toContain('负责放射源放射性污染事故的应急响应、调查处理和定性定级工作');
  });

  it('suspected crime: 公安局 supports; otherwise it is not notified', () => {
    expect(roles(J, { flags: ['suspected_crime'] }).aj_gaj).toBe('support');
    expect(roles(J).aj_gaj).toBeUndefined();
  });

  it('the township or street where it happened supports on site', () => {
    for (const [name, id] of Object.entries(TOWNSHIPS)) {
      const { routing, warnings } = route(J, { township: name });
      expect(warnings, name).toEqual([]);
      const town = routing.find((d) => d.unitId === id);
      expect(town?.role, name).toBe('support');
      expect(town!.basis).toContain('协助做好现场处置、秩序维护、社会维稳等工作');
      // Only the township where it happened.
      expect(routing.filter((d) => d.unitId.startsWith('aj_t_'))).toHaveLength(1);
    }
    expect(roles(J, { township: '递铺 街道' }).aj_t_dipu).toBe('support');
  });

  it('a missing or unknown township is a township_not_found warning, and no township is routed', () => {
    for (const township of [undefined, '城关镇']) {
      const { routing, warnings } = route(J, { township });
      expect(warnings.map((w) => w.code)).toEqual(['township_not_found']);
      expect(routing.some((d) => d.unitId.startsWith('aj_t_'))).toBe(false);
      expect(routing[0]).toMatchObject({ unitId: 'aj_wjj', role: 'lead' });
    }
  });

  it('every township unit quotes the 各乡镇（街道） clause', () => {
    const towns = book(J).units.filter((u) => u.kind === 'township');
    expect(towns.map((u) => u.township).sort()).toEqual(Object.keys(TOWNSHIPS).sort());
    for (const t of towns) expect(t.duties[0]!.text).toContain('协助做好现场处置、秩序维护、社会维稳等工作');
  });

  it('应急局「牵头组织开展急性职业中毒等突发职业病事故的调查处理」: H₂S asphyxiation with a death makes 应急局 lead, 卫健局 support', () => {
    const r = roles(J, { hazard: 'asphyxiation', employer: { industry: 'chemical' }, casualties: { deaths: 1 }, township: '梅溪镇' });
    expect(r).toMatchObject({ aj_yjj: 'lead', aj_wjj: 'support', aj_rsj: 'support', aj_zfb: 'inform', aj_jxj: 'inform' });
  });

  it('cases without a determinable labour relation: 人力社保局 supports, 民政局, 医保局 and 司法局 are informed', () => {
    const r = roles(J, { casualties: { acuteCases: 2 }, employer: { laborRelation: 'undetermined' }, township: '溪龙乡' });
    expect(r).toMatchObject({ aj_rsj: 'support', aj_mzj: 'inform', aj_ybj: 'inform', aj_sfj: 'inform' });
    const hr = route(J, { casualties: { acuteCases: 2 }, employer: { laborRelation: 'undetermined' } }).routing.find((d) => d.unitId === 'aj_rsj')!;
    expect(hr.clauses.map((c) => c.ruleId)).toEqual(['rsj_casualties', 'rsj_labor_dispute']);
    const determined = roles(J, { casualties: { acuteCases: 2 } });
    expect(determined.aj_mzj).toBeUndefined();
    expect(determined.aj_sfj).toBeUndefined();
  });

  it('construction sites bring in 住建局; extraordinary accidents inform 财政局 and 县政府办', () => {
    expect(roles(J, { settings: ['construction_site'] }).aj_zjj).toBe('support');
    expect(roles(J, { casualties: { acuteCases: 50 } })).toMatchObject({ aj_czj: 'inform', aj_zfb: 'inform' });
    expect(roles(J, { casualties: { acuteCases: 10 } }).aj_czj).toBeUndefined();
  });
});

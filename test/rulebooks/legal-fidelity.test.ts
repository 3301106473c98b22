/** Issue 9, written from the clauses: who leads, which units the documents name, on whose words. */
import { describe, expect, it } from 'vitest';
import { classifyIncident } from '../../src/domain/classification.js';
import { routeByRulebook } from '../../src/domain/routing.js';
import { book, facts, roles, route } from './helpers.js';

const ENVIRONMENT: Record<string, string> = { xinyang: 'xy_sthj', anji: 'aj_sthj', ningde: 'nd_sthj', licheng: 'lc_sthj', guangdong: 'gd_stht' };
const COMMISSION: Record<string, string> = { xinyang: 'xy_wjw', anji: 'aj_wjj', ningde: 'nd_wjw', licheng: 'lc_wjj', guangdong: 'gd_wjw' };

describe('国务院令第449号第四十三条: 生态环境主管部门负责辐射事故的应急响应、调查处理和定性定级; 卫生主管部门负责医疗应急', () => {
  for (const [j, env] of Object.entries(ENVIRONMENT))
    it(`${j}: 生态环境 leads a radiation accident, the health body supports, with no lead warning`, () => {
      const over = { hazard: 'radiation' as const, casualties: { acuteCases: 2, severeCases: 2 }, township: '递铺街道' };
      const r = roles(j, over);
      expect(r[env]).toBe('lead');
      expect(r[COMMISSION[j]!]).toBe('support');
      expect(Object.entries(r).filter(([, role]) => role === 'lead').map(([u]) => u)).toEqual([env]);
      expect(route(j, over).warnings.filter((w) => w.code.startsWith('regime_lead'))).toEqual([]);
    });
});

describe('安吉 公安局 and 国务院令第449号第四十二条「立即向当地生态环境主管部门、公安部门、卫生主管部门报告」', () => {
  it('公安局 is informed of every radiation accident, without 涉嫌犯罪', () => {
    const police = route('anji', { hazard: 'radiation', township: '递铺街道' }).routing.find((d) => d.unitId === 'aj_gaj');
    expect(police?.role).toBe('inform');
    expect(police!.clauses[0]!.ref).toContain('第四十二条');
  });
  it('第四十三条「公安部门负责丢失和被盗放射源的立案侦查和追缴」: a lost source makes 公安局 lead beside 生态环境局', () => {
    const f = { ...facts({ hazard: 'radiation', township: '递铺街道' }), radiation: { sourceClass: 'IV' as const, lostOrStolen: true, wideContamination: false } };
    const { routing, warnings } = routeByRulebook(book('anji'), f, classifyIncident(f));
    expect(routing.find((d) => d.unitId === 'aj_gaj')?.role).toBe('lead');
    expect(routing.find((d) => d.unitId === 'aj_sthj')?.role).toBe('lead');
    expect(warnings.filter((w) => w.code.startsWith('regime_lead'))).toEqual([]);
  });
});

describe('安吉 应急局「负责牵头组织开展急性职业中毒等突发职业病事故的调查处理等」: the 等 is not a category label', () => {
  it.each([
    ['窒息 (硫化氢), 2 deaths', { hazard: 'asphyxiation' as const, casualties: { deaths: 2 } }],
    ['其他 with agent 硫化氢, 3 cases', { hazard: 'other' as const, casualties: { acuteCases: 3 } }],
    ['heatstroke death at a factory (生产安全事故)', { hazard: 'heatstroke' as const, employer: { industry: 'textile' as const }, casualties: { deaths: 1 } }],
  ])('%s: 应急局 leads, 卫健局 supports', (_n, over) => {
    const f = facts({ ...over, township: '梅溪镇' });
    if (over.hazard === 'other') f.hazard.agent = '硫化氢';
    const { routing } = routeByRulebook(book('anji'), f, classifyIncident(f));
    const role = (u: string) => routing.find((d) => d.unitId === u)?.role;
    expect(role('aj_yjj')).toBe('lead');
    expect(role('aj_wjj')).toBe('support');
  });
  it('heatstroke with 2 cases and no death stays with 卫健局', () => {
    expect(roles('anji', { hazard: 'heatstroke', casualties: { acuteCases: 2 }, township: '梅溪镇' }).aj_wjj).toBe('lead');
  });
});

describe('chronic occupational disease (尘肺病等): diagnosed chronic cases route the units whose clauses cover them', () => {
  const dust = { hazard: 'pneumoconiosis_cluster' as const, employer: { industry: 'stone' as const }, casualties: { chronicCases: 8 } };
  it('信阳 八(二)「持续实施尘肺病等重点职业病工伤保险扩面专项行动」: 市人社局 supports quoting (二)', () => {
    const hr = route('xinyang', dust).routing.find((d) => d.unitId === 'xy_rsj');
    expect(hr?.role).toBe('support');
    expect(hr!.basis).toContain('尘肺病等重点职业病工伤保险扩面专项行动');
  });
  it('宁德 三(七)「用人单位不存在或无法确定劳动关系，且符合条件的职业病病人」: 民政局 and 医保局 when the labour relation cannot be established', () => {
    expect(roles('ningde', { ...dust, employer: { industry: 'stone', laborRelation: 'undetermined' } })).toMatchObject({ nd_mzj: 'inform', nd_ybj: 'inform' });
    const determined = roles('ningde', dust);
    expect(determined.nd_mzj).toBeUndefined();
    expect(determined.nd_rsj).toBe('support');
  });
  it('安吉 人力社保局「依法做好职业病人工伤认定、待遇支付等工作」', () => {
    const hr = route('anji', { ...dust, township: '递铺街道' }).routing.find((d) => d.unitId === 'aj_rsj');
    expect(hr?.basis).toContain('依法做好职业病人工伤认定、待遇支付等工作');
  });
  it('chronic cases never raise the 卫生部令第25号 grade', () => {
    const f = facts({ ...dust, casualties: { chronicCases: 80 } });
    expect(classifyIncident(f).severity).toBe('general');
  });
});

describe('units the documents name', () => {
  it('广东 七(一)「配合省医保局、民政厅等部门对服刑、戒毒人员中的职业病患者开展医疗救助和生活等方面的救助」', () => {
    const r = roles('guangdong', { settings: ['prison'], casualties: { acuteCases: 2 } });
    expect(r).toMatchObject({ gd_sft: 'support', gd_ybj: 'inform', gd_mzt: 'inform' });
  });
  it('广东 十「超越批准的矿区范围采矿」: 自然资源厅 at a licensed mine mining beyond its area', () => {
    expect(roles('guangdong', { settings: ['mine'], flags: ['illegal_mining'] }).gd_zrzyt).toBe('support');
    expect(roles('guangdong', { settings: ['mine'] }).gd_zrzyt).toBeUndefined();
  });
  it('广东 四(二)「配合相关主管部门指导省内相关科研单位的职业健康监管工作」: 科技厅 for a research institute', () => {
    expect(roles('guangdong', { settings: ['research_institute'] }).gd_kjt).toBe('support');
  });
  it('信阳 三(三)「各类学校(含幼儿园、技工学校、职业培训院校、普通高校除外)」: no 教育体育局 at a university', () => {
    expect(roles('xinyang', { settings: ['school'] }).xy_jtj).toBe('support');
    expect(roles('xinyang', { settings: ['school', 'university'] }).xy_jtj).toBeUndefined();
    // 宁德 三(四)1 excludes only 技工学校、职业培训机构: its 教育局 covers a university.
    expect(roles('ningde', { settings: ['university'] }).nd_jyj).toBe('support');
  });
  it('广东 十六「省属企业」 and 宁德 三(十三)「市属企业」: 国资委 by the level that owns the employer', () => {
    expect(roles('guangdong', { employer: { ownership: 'state_owned', stateOwnerLevel: 'provincial' } }).gd_gzw).toBe('support');
    expect(roles('ningde', { employer: { ownership: 'state_owned', stateOwnerLevel: 'city' } }).nd_gzw).toBe('support');
  });
  it('安吉 各乡镇（街道）「协助做好现场处置」: an accident spanning two townships routes both', () => {
    const f = facts({ township: '梅溪镇' });
    f.place.otherTownships = ['溪龙乡'];
    const { routing, warnings } = routeByRulebook(book('anji'), f, classifyIncident(f));
    expect(routing.filter((d) => d.unitId.startsWith('aj_t_')).map((d) => d.unitId).sort()).toEqual(['aj_t_meixi', 'aj_t_xilong']);
    expect(warnings).toEqual([]);
    expect(roles('anji', { township: '梅溪镇、溪龙乡' })).toMatchObject({ aj_t_meixi: 'support', aj_t_xilong: 'support' });
  });
  it('信阳 and 广东 route 民政/医保 on their own clauses, not on 「用人单位不存在或无法确定劳动关系」 from another city', () => {
    const undetermined = { employer: { laborRelation: 'undetermined' as const }, casualties: { acuteCases: 3 } };
    expect(roles('xinyang', undetermined).xy_ybj).toBeUndefined();
    expect(roles('guangdong', undetermined).gd_mzt).toBeUndefined();
    // 广东 十八 says it in its own words: 「用人单位已经不存在或者无法确认劳动关系」.
    expect(roles('guangdong', undetermined).gd_ybj).toBe('inform');
  });
});

describe('names as in each document', () => {
  it('信阳\'s 上级卫生行政部门 is 河南省卫生健康委员会; 广东\'s 应急管理 recipient is 广东省应急管理厅; 安吉\'s 生态环境 is 湖州市生态环境局安吉分局', async () => {
    const { recipientNamesOf } = await import('../../src/rulebooks/schema.js');
    expect(recipientNamesOf(book('xinyang')).superior_health).toBe('河南省卫生健康委员会');
    expect(recipientNamesOf(book('guangdong')).emergency_management).toBe('广东省应急管理厅');
    expect(recipientNamesOf(book('anji')).environment).toBe('湖州市生态环境局安吉分局');
    expect(recipientNamesOf(book('anji')).police).toBe('安吉县公安局');
  });
});

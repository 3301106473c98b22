/** Shared builders for the pure-domain tests (not a test file itself). */
import type { IncidentFacts } from '../../src/contract/report.js';
import type { RulebookInput } from '../../src/rulebooks/schema.js';

export type Casualties = IncidentFacts['casualties'];

export function casualties(over: Partial<Casualties> = {}): Casualties {
  return { exposed: 0, acuteCases: 0, severeCases: 0, deaths: 0, anthraxCases: 0, ...over };
}

export interface FactsOverrides {
  casualties?: Partial<Casualties>;
  hazard?: Partial<IncidentFacts['hazard']>;
  employer?: Partial<IncidentFacts['employer']>;
  place?: Partial<IncidentFacts['place']>;
  settings?: IncidentFacts['settings'];
  flags?: IncidentFacts['flags'];
}

export function facts(over: FactsOverrides = {}): IncidentFacts {
  return {
    title: '某公司硫化氢中毒事故',
    occurredAt: '2026-11-23T08:30:00+08:00',
    place: { address: '某区某路1号', township: '城关镇', ...over.place },
    employer: {
      name: '某化工有限公司',
      industry: 'chemical',
      ownership: 'private',
      licensed: true,
      laborRelation: 'determined',
      ...over.employer,
    },
    settings: over.settings ?? [],
    hazard: { category: 'acute_poisoning', agent: '硫化氢', ...over.hazard },
    casualties: casualties(over.casualties),
    flags: over.flags ?? [],
    narrative: '清理污水池时发生中毒。',
    reporter: { name: '张三', phone: '0376-1234567' },
  };
}

/**
 * A small jurisdiction, invented for the tests: a commission, two departments with numbered
 * duties, a union with a single-clause section, a unit without a section number, and townships.
 */
export function testRulebookInput(): RulebookInput {
  return {
    jurisdiction: { id: 'testshi', name: '测试市', level: 'city', utcOffset: '+08:00' },
    version: '2026-01',
    document: { title: '测试市职业病防治工作联席会议制度', number: '测卫〔2026〕1号', issuedOn: '2026-01-05' },
    commissionUnitId: 't_wjw',
    units: [
      {
        id: 't_wjw',
        name: '测试市卫生健康委员会',
        shortName: '市卫健委',
        section: '一',
        duties: [
          { ref: '(一)', text: '负责职业病危害事故的调查处理' },
          { ref: '(二)', text: '组织做好医疗救治工作' },
        ],
      },
      {
        id: 't_yjj',
        name: '测试市应急管理局',
        shortName: '市应急管理局',
        section: '十一',
        duties: [
          { ref: '(一)', text: '负责生产安全事故的调查处理' },
          { ref: '(二)', text: '配合做好急性职业中毒事故调查' },
        ],
      },
      {
        id: 't_zgh',
        name: '测试市总工会',
        shortName: '市总工会',
        section: '十四',
        duties: [{ ref: '', text: '依法参与职业病危害事故的调查处理' }],
      },
      {
        id: 't_xcb',
        name: '中共测试市委宣传部',
        shortName: '市委宣传部',
        section: '十五',
        duties: [{ ref: '(一)', text: '负责舆论引导和新闻发布工作' }],
      },
      {
        id: 't_czj',
        name: '测试市财政局',
        shortName: '市财政局',
        duties: [{ ref: '(一)', text: '保障应急处置所需经费' }],
      },
      {
        id: 't_cgz',
        name: '城关镇人民政府',
        shortName: '城关镇',
        kind: 'township',
        township: '城关镇',
        duties: [{ ref: '', text: '负责本辖区职业病防治工作' }],
      },
      {
        id: 't_wxx',
        name: '五星乡',
        shortName: '五星乡',
        kind: 'township',
        duties: [{ ref: '', text: '负责本辖区职业病防治工作' }],
      },
    ],
    routing: [
      { id: 'wjw_lead', unitId: 't_wjw', role: 'lead', when: { always: true }, reason: '每起职业病危害事故', basis: { unitDuty: '(一)' } },
      {
        id: 'wjw_medical',
        unitId: 't_wjw',
        role: 'support',
        when: { casualtiesAtLeast: { field: 'acuteCases', value: 1 } },
        reason: '有急性病例',
        basis: { unitDuty: '(二)' },
      },
      { id: 'zgh_all', unitId: 't_zgh', role: 'support', when: { always: true }, reason: '每起职业病危害事故', basis: { unitDuty: '' } },
      { id: 'yjj_poison', unitId: 't_yjj', role: 'support', when: { hazard: ['acute_poisoning'] }, reason: '急性中毒事故', basis: { unitDuty: '(二)' } },
      {
        id: 'yjj_psa',
        unitId: 't_yjj',
        role: 'lead',
        when: { regime: ['production_safety_accident'] },
        reason: '同时构成生产安全事故',
        basis: { unitDuty: '(一)' },
      },
      {
        id: 'yjj_mine',
        unitId: 't_yjj',
        role: 'lead',
        when: { setting: ['mine'] },
        reason: '矿山事故',
        basis: { documentClause: '三(二)', quote: '矿山发生的事故由应急管理部门牵头处置' },
      },
      {
        id: 'xcb_media',
        unitId: 't_xcb',
        role: 'inform',
        when: { any: [{ severityAtLeast: 'major' }, { flag: ['media_attention'] }] },
        reason: '重大以上或媒体关注',
        basis: { documentClause: '三(四)', quote: '重大以上事故及时通报宣传部门' },
      },
      { id: 'czj_extra', unitId: 't_czj', role: 'inform', when: { severityAtLeast: 'extraordinary' }, reason: '特大事故', basis: { unitDuty: '(一)' } },
      {
        id: 'town_site',
        townshipOfPlace: true,
        role: 'support',
        when: { always: true },
        reason: '事发地属地',
        basis: { documentClause: '三(五)', quote: '事发地乡镇（街道）配合做好现场处置' },
      },
      {
        id: 'town_inform',
        townshipOfPlace: true,
        role: 'inform',
        when: { severityAtLeast: 'major' },
        reason: '重大以上事故告知属地',
        basis: { documentClause: '三(六)', quote: '重大以上事故告知事发地乡镇（街道）' },
      },
    ],
    ackDeadlineMinutes: {
      lead: { general: 60, major: 30, extraordinary: 15 },
      support: { general: 120, major: 60, extraordinary: 30 },
      inform: { general: 1440, major: 240, extraordinary: 120 },
    },
  };
}

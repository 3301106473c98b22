/**
 * 安吉县 (seed 003): 安政办发〔2022〕43号, implementing opinions whose 三、职责分工 gives each
 * department (and the townships) one unnumbered paragraph. Each unit quotes its whole paragraph as
 * its duty; each routing rule quotes the sentence of that paragraph that applies, citing it as a
 * clause of the main document (the duties are not in an annex here).
 *
 * Differences from 信阳: 应急局 leads acute occupational poisoning, 生态环境局 leads radioactive-
 * source accidents (卫健局 then supports), 公安局 handles suspected crimes, and the township or
 * street where it happened supports on site.
 */
import { CHRONIC_CASES, DISEASE_OR_DEATH, NO_EMPLOYER_OR_RELATION, RADIATION } from './common-conditions.js';
import type { Condition } from './schema.js';
import type { RulebookInput } from './schema.js';

const DOC_SECTION = '三、职责分工';

/**
 * 「急性职业中毒等突发职业病事故」 (应急局): an acute accident of the poisoning kind (acute poisoning,
 * asphyxiating gases, a poisonous agent), whatever its label, or one with deaths or serious
 * injuries at a production unit (国务院令第493号). Radiation accidents are 生态环境局's.
 */
const SUDDEN_OCCUPATIONAL_ACCIDENT: Condition = {
  all: [{ not: RADIATION }, { any: [{ acutePoisoningKind: true }, { regime: ['production_safety_accident'] }] }],
};

const ORDER_449_42 = '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十二条（要旨）';
const ORDER_449_43 = '《放射性同位素与射线装置安全和防护条例》（国务院令第449号）第四十三条（要旨）';

/** Industrial employers (工业企业), for 经信局's 工业和信息化行业管理. */
const INDUSTRIAL = [
  'non_coal_mine',
  'cement',
  'metal_smelting',
  'ceramics',
  'stone',
  'machinery',
  'metallurgy',
  'light_industry',
  'chemical',
  'building_materials',
  'nonferrous',
  'textile',
] as const;

/** The 各乡镇（街道） paragraph, which every township and street quotes as its duty. */
const TOWNSHIP_DUTY =
  '按照属地管理和“管行业、管业务、管生产经营必须管职业健康”的要求，大力支持有关部门依法履行职业卫生监督管理职责；明确本乡镇（街道）承担职业病防治管理工作的机构，配备与任务相适应的人员，负责对本辖区用人单位职业卫生管理工作的巡查指导；督促用人单位依法落实职业病危害项目申报、职业健康体检、职业病危害因素定期检测、劳动合同签订、工伤保险缴纳、职业病危害“三同时”管理等职业病防治主体责任；配合有关部门依法查处违法行为，协助做好现场处置、秩序维护、社会维稳等工作。';

/** 安吉县's streets (街道), towns (镇) and townships (乡): [id slug, name]. */
const TOWNSHIPS: [string, string][] = [
  ['dipu', '递铺街道'],
  ['changshuo', '昌硕街道'],
  ['lingfeng', '灵峰街道'],
  ['xiaoyuan', '孝源街道'],
  ['xiaofeng', '孝丰镇'],
  ['baofu', '报福镇'],
  ['tianzihu', '天子湖镇'],
  ['zhangwu', '鄣吴镇'],
  ['hangai', '杭垓镇'],
  ['meixi', '梅溪镇'],
  ['tianhuangping', '天荒坪镇'],
  ['xilong', '溪龙乡'],
  ['shangshu', '上墅乡'],
  ['shanchuan', '山川乡'],
];

export const anji: RulebookInput = {
  jurisdiction: { id: 'anji', name: '安吉县', level: 'county', utcOffset: '+08:00' },
  version: '2022.1',
  document: {
    title: '安吉县人民政府办公室关于进一步加强职业病防治工作的实施意见',
    number: '安政办发〔2022〕43号',
    issuedOn: '2022-06-08',
  },
  commissionUnitId: 'aj_wjj',
  units: [
    {
      id: 'aj_wjj',
      authority: 'health',
      name: '安吉县卫生健康局',
      shortName: '县卫健局',
      duties: [
        {
          ref: '',
          text: '负责用人单位职业卫生监督管理工作，定期对本行政区域的职业病防治情况进行统计和调查分析。负责接受用人单位工作场所职业病危害项目申报与监管；负责对新建、扩建、改建建设项目和技术改造、技术引进项目（以下统称建设项目）职业卫生“三同时”监督管理；开展辖区职业卫生技术服务机构、职业健康体检医疗机构和职业病诊断机构的监督检查；会同有关部门调查处置职业卫生事件和事故；组织指导并监督检查用人单位职业卫生培训工作等。会同有关部门查处职业危害事故和违法违规行为。组织对医疗机构放射性职业病危害控制进行监督管理。',
        },
      ],
    },
    {
      id: 'aj_zfb',
      name: '安吉县人民政府办公室',
      shortName: '县政府办',
      duties: [{ ref: '', text: '统筹协调全县职业病防治各项工作。' }],
    },
    {
      id: 'aj_zgh',
      name: '安吉县总工会',
      shortName: '县总工会',
      duties: [
        {
          ref: '',
          text: '会同有关部门做好普及职工健康知识，开展用人单位健康促进，以及预防和控制工伤事故及职业病发生等相关工作，督促企业提高安全健康生产水平，依法保障职工健康体检等权益。依法参与职业病危害事故调查处理，反映职工职业健康方面的诉求，督促并协助用人单位开展职业健康宣传教育和培训，对用人单位的职业病防治工作提出意见和建议，维护职工合法权益。',
        },
      ],
    },
    {
      id: 'aj_fgj',
      name: '安吉县发展和改革局',
      shortName: '县发改局',
      duties: [
        {
          ref: '',
          text: '将职业卫生监管和职业病防治工作列入国民经济和社会发展规划。在办理建设项目立项、核准或备案手续时，与有关职业卫生监管部门信息共享，配合职业健康有关监管部门督促建设单位落实建设项目职业病危害“三同时”工作。',
        },
      ],
    },
    {
      id: 'aj_jxj',
      name: '安吉县经济和信息化局',
      shortName: '县经信局',
      duties: [
        {
          ref: '',
          text: '负责工业和信息化行业管理工作，促进产业绿色化、智能化发展，加快推进信息产业与健康产业融合发展。在建设项目前期论证阶段和技改建设项目立项时，及时提供相关信息，配合职业健康有关监管部门督促建设单位落实建设项目职业病危害“三同时”工作。发挥行业管理职能作用，负责在行业规划、标准规范、技术改造、推动过剩产能退出、产业转型升级等方面统筹考虑职业病防治工作，促进用人单位提高职业病防治水平。',
        },
      ],
    },
    {
      id: 'aj_gaj',
      authority: 'public_security',
      name: '安吉县公安局',
      shortName: '县公安局',
      duties: [{ ref: '', text: '负责查处造成重大职业病危害事故或者造成其他严重后果的涉嫌职业病危害犯罪案件。' }],
    },
    {
      id: 'aj_mzj',
      name: '安吉县民政局',
      shortName: '县民政局',
      duties: [
        {
          ref: '',
          text: '负责处置用人单位已不存在或无法确定劳动关系的且符合条件的职业病病人纳入基本生活救助。将符合条件的职业病病人及其家庭纳入最低生活保障范围。积极引导慈善组织参与职业病防治工作。',
        },
      ],
    },
    {
      id: 'aj_sfj',
      name: '安吉县司法局',
      shortName: '县司法局',
      duties: [{ ref: '', text: '负责将涉法涉诉环节的困难职业病患者纳入法律援助范畴。' }],
    },
    {
      id: 'aj_czj',
      name: '安吉县财政局',
      shortName: '县财政局',
      duties: [{ ref: '', text: '负责落实职业病防治财政补助政策，保障职业病防治工作所需经费。' }],
    },
    {
      id: 'aj_rsj',
      name: '安吉县人力资源和社会保障局',
      shortName: '县人力社保局',
      duties: [
        {
          ref: '',
          text: '负责对用人单位的工伤保险的监督管理，确保劳动者依法享受工伤保险待遇。负责监督用人单位与劳动者依法签订和履行劳动合同，督促用人单位依法履行职业病危害告知义务；做好劳动者与用人单位之间对劳动关系、职业史、职业病危害接触史等与职业病相关的劳动争议仲裁，依法做好职业病人工伤认定、待遇支付等工作。指导技工学校、职业培训机构开展职业病防治知识和技能教育培训。',
        },
      ],
    },
    {
      id: 'aj_zjj',
      name: '安吉县住房和城乡建设局',
      shortName: '县住建局',
      duties: [
        {
          ref: '',
          text: '负责督促房建、市政工程建设单位、施工单位、监理单位等职责范围内用人单位认真落实职业病防治主体责任。对本行业用人单位职业病防治工作进行指导、检查。',
        },
      ],
    },
    {
      id: 'aj_yjj',
      authority: 'emergency_management',
      name: '安吉县应急管理局',
      shortName: '县应急局',
      duties: [{ ref: '', text: '负责牵头组织开展急性职业中毒等突发职业病事故的调查处理等。' }],
    },
    {
      id: 'aj_ybj',
      name: '安吉县医疗保障局',
      shortName: '县医保局',
      duties: [{ ref: '', text: '负责对用人单位不存在或无法确定劳动关系且符合条件的职业病病人纳入医疗救助。' }],
    },
    {
      id: 'aj_sthj',
      authority: 'ecology_environment',
      name: '湖州市生态环境局安吉分局',
      shortName: '生态环境局',
      duties: [
        {
          ref: '',
          text: '负责对放射性污染防治工作实施统一监督管理。负责放射源放射性污染事故的应急响应、调查处理和定性定级工作。负责废弃危险化学品处置的监督管理，督促涉及危险废物等企业落实职业病防治主体责任。',
        },
      ],
    },
    ...TOWNSHIPS.map(([slug, township]) => ({
      id: `aj_t_${slug}`,
      name: township.endsWith('街道') ? `${township}办事处` : `${township}人民政府`,
      shortName: township,
      kind: 'township' as const,
      township,
      duties: [{ ref: '', text: TOWNSHIP_DUTY }],
    })),
  ],
  // A member unit that learns of an accident first files it for the commission to confirm.
  unitReporting: { documentClause: '三(二)', quote: '成员单位之间建立信息互通制度，共享职业危害事故、事故隐患举报、职业健康监护、职业病工伤保险、职业危害监测、评价和监督检查等信息。各成员单位确定联络员，负责工作协调和信息沟通。' },
  routing: [
    {
      id: 'wjj_lead',
      unitId: 'aj_wjj',
      role: 'lead',
      when: { not: { any: [SUDDEN_OCCUPATIONAL_ACCIDENT, RADIATION] } },
      reason: '职业病危害事故（急性职业中毒、放射事故除外）：卫健局会同有关部门调查处置',
      basis: { documentClause: `${DOC_SECTION} 卫健局`, quote: '会同有关部门调查处置职业卫生事件和事故' },
    },
    {
      id: 'wjj_support',
      unitId: 'aj_wjj',
      role: 'support',
      when: { any: [SUDDEN_OCCUPATIONAL_ACCIDENT, RADIATION] },
      reason: '急性职业中毒等突发职业病事故（应急局牵头）或放射事故（生态环境局牵头）：卫健局会同调查处置',
      basis: { documentClause: `${DOC_SECTION} 卫健局`, quote: '会同有关部门查处职业危害事故和违法违规行为。' },
    },
    {
      id: 'wjj_medical_radiology',
      unitId: 'aj_wjj',
      role: 'support',
      when: { setting: ['medical_radiology'] },
      reason: '发生在医疗机构放射诊疗场所',
      basis: { documentClause: `${DOC_SECTION} 卫健局`, quote: '组织对医疗机构放射性职业病危害控制进行监督管理。' },
    },
    {
      id: 'yjj_poisoning_lead',
      unitId: 'aj_yjj',
      role: 'lead',
      when: { all: [{ not: RADIATION }, { acutePoisoningKind: true }] },
      reason: '急性职业中毒（含硫化氢等窒息性气体中毒）：应急局牵头调查处理',
      basis: { documentClause: `${DOC_SECTION} 应急局`, quote: '负责牵头组织开展急性职业中毒等突发职业病事故的调查处理等。' },
    },
    {
      id: 'yjj_production_safety',
      unitId: 'aj_yjj',
      role: 'lead',
      when: { regime: ['production_safety_accident'] },
      reason: '有人死亡或重伤的突发职业病事故，同时构成生产安全事故：应急局牵头调查处理',
      basis: { documentClause: `${DOC_SECTION} 应急局`, quote: '负责牵头组织开展急性职业中毒等突发职业病事故的调查处理等。' },
    },
    {
      id: 'sthj_radiation_lead',
      unitId: 'aj_sthj',
      role: 'lead',
      when: RADIATION,
      reason: '放射/辐射事故：生态环境局负责应急响应、调查处理和定性定级',
      basis: { documentClause: `${DOC_SECTION} 生态环境局`, quote: '负责放射源放射性污染事故的应急响应、调查处理和定性定级工作。' },
    },
    {
      id: 'sthj_release',
      unitId: 'aj_sthj',
      role: 'support',
      when: { flag: ['environmental_release'] },
      reason: '有毒有害物质泄漏到环境（危险化学品、危险废物处置）',
      basis: {
        documentClause: `${DOC_SECTION} 生态环境局`,
        quote: '负责废弃危险化学品处置的监督管理，督促涉及危险废物等企业落实职业病防治主体责任。',
      },
    },
    {
      id: 'gaj_crime',
      unitId: 'aj_gaj',
      role: 'support',
      when: { flag: ['suspected_crime'] },
      reason: '涉嫌职业病危害犯罪',
      basis: {
        documentClause: `${DOC_SECTION} 公安局`,
        quote: '负责查处造成重大职业病危害事故或者造成其他严重后果的涉嫌职业病危害犯罪案件。',
      },
    },
    {
      id: 'gaj_radiation_report',
      unitId: 'aj_gaj',
      role: 'inform',
      when: RADIATION,
      reason: '辐射事故：事故单位须同时报告公安部门，三部门相互通报（不以涉嫌犯罪为前提）',
      basis: {
        statute: ORDER_449_42,
        provision: '发生辐射事故时，事故单位应当立即向当地生态环境主管部门、公安部门、卫生主管部门报告；有关部门接到报告后应当立即派人赶赴现场',
      },
    },
    {
      id: 'gaj_source_lost',
      unitId: 'aj_gaj',
      role: 'lead',
      when: { sourceLostOrStolen: true },
      reason: '放射源丢失或被盗：公安部门负责立案侦查和追缴',
      basis: { statute: ORDER_449_43, provision: '公安部门负责丢失和被盗放射源的立案侦查和追缴' },
    },
    {
      id: 'zgh_all',
      unitId: 'aj_zgh',
      role: 'support',
      when: { always: true },
      reason: '每起职业病危害事故：工会依法参与调查处理',
      basis: { documentClause: `${DOC_SECTION} 总工会`, quote: '依法参与职业病危害事故调查处理' },
    },
    {
      id: 'rsj_casualties',
      unitId: 'aj_rsj',
      role: 'support',
      when: DISEASE_OR_DEATH,
      reason: '有病例、死亡或确诊慢性职业病：工伤保险待遇',
      basis: { documentClause: `${DOC_SECTION} 人力社保局`, quote: '负责对用人单位的工伤保险的监督管理，确保劳动者依法享受工伤保险待遇。' },
    },
    {
      id: 'rsj_chronic_recognition',
      unitId: 'aj_rsj',
      role: 'support',
      when: CHRONIC_CASES,
      reason: '确诊尘肺病等慢性职业病：工伤认定、待遇支付',
      basis: { documentClause: `${DOC_SECTION} 人力社保局`, quote: '依法做好职业病人工伤认定、待遇支付等工作。' },
    },
    {
      id: 'rsj_labor_dispute',
      unitId: 'aj_rsj',
      role: 'support',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病且劳动关系无法确定：劳动争议仲裁',
      basis: {
        documentClause: `${DOC_SECTION} 人力社保局`,
        quote: '做好劳动者与用人单位之间对劳动关系、职业史、职业病危害接触史等与职业病相关的劳动争议仲裁',
      },
    },
    {
      id: 'rsj_vocational',
      unitId: 'aj_rsj',
      role: 'support',
      when: { setting: ['vocational_school'] },
      reason: '发生在技工学校或职业培训机构',
      basis: { documentClause: `${DOC_SECTION} 人力社保局`, quote: '指导技工学校、职业培训机构开展职业病防治知识和技能教育培训。' },
    },
    {
      id: 'zjj_construction',
      unitId: 'aj_zjj',
      role: 'support',
      when: { setting: ['construction_site'] },
      reason: '房建、市政工程建设工地',
      basis: {
        documentClause: `${DOC_SECTION} 住建局`,
        quote: '负责督促房建、市政工程建设单位、施工单位、监理单位等职责范围内用人单位认真落实职业病防治主体责任。',
      },
    },
    {
      id: 'town_site',
      townshipOfPlace: true,
      role: 'support',
      when: { always: true },
      reason: '事发地乡镇（街道）：协助现场处置、秩序维护',
      basis: {
        documentClause: `${DOC_SECTION} 各乡镇（街道）`,
        quote: '配合有关部门依法查处违法行为，协助做好现场处置、秩序维护、社会维稳等工作。',
      },
    },
    {
      id: 'mzj_relief',
      unitId: 'aj_mzj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病，且用人单位已不存在或劳动关系无法确定：基本生活救助',
      basis: {
        documentClause: `${DOC_SECTION} 民政局`,
        quote: '负责处置用人单位已不存在或无法确定劳动关系的且符合条件的职业病病人纳入基本生活救助。',
      },
    },
    {
      id: 'ybj_relief',
      unitId: 'aj_ybj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病，且用人单位已不存在或劳动关系无法确定：医疗救助',
      basis: {
        documentClause: `${DOC_SECTION} 医保局`,
        quote: '负责对用人单位不存在或无法确定劳动关系且符合条件的职业病病人纳入医疗救助。',
      },
    },
    {
      id: 'sfj_legal_aid',
      unitId: 'aj_sfj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病且劳动关系无法确定，可能涉法涉诉：法律援助',
      basis: { documentClause: `${DOC_SECTION} 司法局`, quote: '负责将涉法涉诉环节的困难职业病患者纳入法律援助范畴。' },
    },
    {
      id: 'jxj_industrial',
      unitId: 'aj_jxj',
      role: 'inform',
      when: { industry: [...INDUSTRIAL] },
      reason: '用人单位属工业企业',
      basis: { documentClause: `${DOC_SECTION} 经信局`, quote: '负责工业和信息化行业管理工作' },
    },
    {
      id: 'zfb_major',
      unitId: 'aj_zfb',
      role: 'inform',
      when: { severityAtLeast: 'major' },
      reason: '重大及以上事故：县政府办统筹协调',
      basis: { documentClause: `${DOC_SECTION} 县政府办`, quote: '统筹协调全县职业病防治各项工作。' },
    },
    {
      id: 'czj_funding',
      unitId: 'aj_czj',
      role: 'inform',
      when: { severityAtLeast: 'extraordinary' },
      reason: '特大事故：保障所需经费',
      basis: { documentClause: `${DOC_SECTION} 财政局`, quote: '保障职业病防治工作所需经费。' },
    },
  ],
  ackDeadlineMinutes: {
    lead: { general: 30, major: 15, extraordinary: 10 },
    support: { general: 60, major: 30, extraordinary: 15 },
    inform: { general: 240, major: 120, extraordinary: 60 },
  },
};

/**
 * 泉州市鲤城区 (seed 001): 泉鲤政办〔2021〕26号, the district joint meeting system of 15 member
 * units. The duties are in the main document (三、成员单位主要职责, numbered 1. 2. … within each
 * unit), so routing rules cite them as document clauses, e.g. "三(十二)2". The document's roster
 * of named officials is deliberately not reproduced here.
 */
import { DISEASE_OR_DEATH, NO_EMPLOYER_OR_RELATION, RADIATION } from './common-conditions.js';
import type { RulebookInput } from './schema.js';

/** Industrial enterprises (工业企业), for 应急局's 工业企业急性中毒事故. */
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

/** 工信局 3.: 冶金、有色、机械、建材（含水泥、陶瓷、石材）、轻工、纺织. */
const GXJ_INDUSTRIES = [
  'metallurgy',
  'metal_smelting',
  'nonferrous',
  'machinery',
  'building_materials',
  'cement',
  'ceramics',
  'stone',
  'light_industry',
  'textile',
] as const;

export const licheng: RulebookInput = {
  jurisdiction: { id: 'licheng', name: '泉州市鲤城区', level: 'county', utcOffset: '+08:00' },
  version: '2021.1',
  document: {
    title: '泉州市鲤城区人民政府办公室关于印发鲤城区职业病防治工作联席会议制度的通知',
    number: '泉鲤政办〔2021〕26号',
    issuedOn: '2021-04-26',
  },
  commissionUnitId: 'lc_wjj',
  units: [
    {
      id: 'lc_wjj',
      authority: 'health',
      name: '泉州市鲤城区卫生健康局',
      shortName: '区卫健局',
      section: '一',
      duties: [
        {
          ref: '1.',
          text: '协调开展职业病防治工作，组织拟定职业病防治规划和计划，制定职业卫生、放射卫生相关政策、标准并组织实施。',
        },
        {
          ref: '2.',
          text: '开展重点职业病监测、专项调查、职业健康风险评估和职业人群健康管理等工作。组织开展职业病防治统计和调查分析。',
        },
        {
          ref: '3.',
          text: '组织指导用人单位开展职业卫生防护工作，督促用人单位依法落实职业病防治主体责任，切实履行职业健康综合监管职责。',
        },
        {
          ref: '4.',
          text: '开展重点职业病危害治理，组织职业卫生、放射卫生监督、检查，依法监督用人单位贯彻执行法律法规、标准和方针政策情况。',
        },
        {
          ref: '5.',
          text: '指导全区职业病防治技术支撑体系建设，健全职业健康检查机构、职业病诊断救治与鉴定技术支撑机构。',
        },
        { ref: '6.', text: '组织开展职业健康宣教、培训、科研。' },
      ],
    },
    {
      id: 'lc_xcb',
      name: '中共泉州市鲤城区委宣传部',
      shortName: '区委宣传部',
      section: '二',
      duties: [
        {
          ref: '',
          text: '协助指导相关部门开展职业病防治公益宣传教育活动，按照相关规定，对违反职业病防治法律法规的行为给予曝光。',
        },
      ],
    },
    {
      id: 'lc_fgj',
      name: '泉州市鲤城区发展和改革局',
      shortName: '区发改局',
      section: '三',
      duties: [
        {
          ref: '',
          text: '将职业病防治规划纳入全区国民经济和社会发展规划，及时将投资项目的审批（核准、备案）信息通过投资项目在线审批监管平台实现信息公开。',
        },
      ],
    },
    {
      id: 'lc_jyj',
      name: '泉州市鲤城区教育局',
      shortName: '区教育局',
      section: '四',
      duties: [
        {
          ref: '1.',
          text: '负责全区教育系统的职业健康监管工作。监督、指导各类学校（含幼儿园，但技工学校、职业培训机构除外）、教育系统其他企事业单位和校办企业的职业健康工作。',
        },
        {
          ref: '2.',
          text: '负责会同有关部门对教学所用的辐射材料、化学药品、生物制剂、器具和有毒有害废物建立职业健康管理制度并加强管理。',
        },
        {
          ref: '3.',
          text: '负责统筹推进公共卫生与预防医学及职业健康相关学科专业建设，加强职业病防护和职业健康相关专业人才培养。',
        },
      ],
    },
    {
      id: 'lc_kjj',
      name: '泉州市鲤城区科学技术局',
      shortName: '区科技局',
      section: '五',
      duties: [
        {
          ref: '',
          text: '将职业病防治关键技术研究等纳入我区科技发展专项相关计划，组织开展职业病防治技术研究和成果推广。',
        },
      ],
    },
    {
      id: 'lc_gxj',
      name: '泉州市鲤城区工业和信息化局',
      shortName: '区工信局',
      section: '六',
      duties: [
        {
          ref: '1.',
          text: '及时将可能产生职业病危害项目的立项、核准文件，通过投资项目在线审批监管平台，实现卫健、人社、住建等职业病防治联席会议成员单位的信息共享。',
        },
        {
          ref: '2.',
          text: '负责督促民爆物品生产、销售等职责范围内用人单位依法落实职业病防治主体责任，对本行业用人单位职业病防治工作进行指导、检查。配合组织开展民爆物品生产销售、煤矿行业职业病防治宣传教育工作。',
        },
        {
          ref: '3.',
          text: '配合卫健部门督促冶金、有色、机械、建材、轻工、纺织等行业用人单位依法落实职业病防治主体责任。',
        },
      ],
    },
    {
      id: 'lc_mzj',
      name: '泉州市鲤城区民政局',
      shortName: '区民政局',
      section: '七',
      duties: [
        {
          ref: '',
          text: '负责将用人单位不存在或无法确定劳动关系，且符合条件的职业病病人及其家庭纳入特困人员救助供养、最低生活保障及临时救助范围。',
        },
      ],
    },
    {
      id: 'lc_czj',
      name: '泉州市鲤城区财政局',
      shortName: '区财政局',
      section: '八',
      duties: [
        {
          ref: '',
          text: '统筹预算资金，为职业病防治工作提供必要的经费保障；加强对职业病防治各项经费管理使用的监督指导，提高预算绩效管理水平。',
        },
      ],
    },
    {
      id: 'lc_rsj',
      name: '泉州市鲤城区人力资源和社会保障局',
      shortName: '区人社局',
      section: '九',
      duties: [
        {
          ref: '1.',
          text: '指导技工学校、职业培训机构的职业健康工作。指导技工学校、职业培训机构开展职业病防治知识和技能教育培训。',
        },
        {
          ref: '2.',
          text: '负责劳动合同制度、工伤保险制度实施的监管工作，督促用人单位依法参加职业病工伤保险，签订劳动合同，履行职业病危害合同告知义务。',
        },
        {
          ref: '3.',
          text: '依据职业病诊断结果及《工伤保险条例》，做好职业病病人工伤认定、劳动能力鉴定和工伤待遇的保障工作。',
        },
      ],
    },
    {
      id: 'lc_sthj',
      authority: 'ecology_environment',
      name: '泉州市鲤城生态环境局',
      shortName: '鲤城生态环境局',
      section: '十',
      duties: [
        { ref: '1.', text: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理。' },
        { ref: '2.', text: '将与放射性污染防治有关的职业病防治工作列入我区核安全与放射性污染防治规划。' },
        { ref: '3.', text: '加强我区核与辐射事故应急救援能力建设。' },
      ],
    },
    {
      id: 'lc_zjj',
      name: '泉州市鲤城区住房和城乡建设局',
      shortName: '区住建局',
      section: '十一',
      duties: [
        {
          ref: '1.',
          text: '负责指导督促房建、市政工程建设单位、施工单位、监理单位等职责范围内用人单位认真落实职业病防治主体责任。',
        },
        { ref: '2.', text: '对本行业用人单位职业病防治工作进行指导、检查。' },
        { ref: '3.', text: '指导组织开展具有行业特点的职业病防治宣传教育工作。' },
      ],
    },
    {
      id: 'lc_yjj',
      authority: 'emergency_management',
      name: '泉州市鲤城区应急管理局',
      shortName: '区应急局',
      section: '十二',
      duties: [
        {
          ref: '1.',
          text: '在安全生产标准化工作中发现企业存在职业健康方面有重大隐患的，及时抄送同级卫生健康行政主管部门。',
        },
        { ref: '2.', text: '参与工业企业急性中毒事故调查处理。' },
      ],
    },
    {
      id: 'lc_scjg',
      name: '泉州市鲤城区市场监督管理局',
      shortName: '区市场监管局',
      section: '十三',
      duties: [{ ref: '', text: '按照职责分工依法配合有关监管部门开展职业病专项整治。' }],
    },
    {
      id: 'lc_ybj',
      name: '泉州市医疗保障局鲤城分局',
      shortName: '鲤城医保分局',
      section: '十四',
      duties: [
        {
          ref: '',
          text: '负责指导按政策对有关部门认定提供的用人单位已经不存在或者无法确认劳动关系属于医疗救助对象范围的职业病病人开展医疗救助。',
        },
      ],
    },
    {
      id: 'lc_zgh',
      name: '泉州市鲤城区总工会',
      shortName: '区总工会',
      section: '十五',
      duties: [
        {
          ref: '1.',
          text: '负责依法对用人单位落实职业病防治工作进行群众监督，参与职业健康监督检查和职业病危害事故调查处理。',
        },
        {
          ref: '2.',
          text: '组织开展群众性职业病防治宣传教育活动，提高职工自我防范意识，反映劳动者职业健康方面的诉求，提出意见和建议，维护劳动者合法权益。',
        },
      ],
    },
  ],
  // A member unit that learns of an accident first files it for the commission to confirm.
  unitReporting: { documentClause: '四', quote: '要互通信息、密切配合、相互支持、形成合力，充分发挥联席会议的作用。' },
  routing: [
    {
      id: 'wjj_lead',
      unitId: 'lc_wjj',
      role: 'lead',
      when: { not: RADIATION },
      reason: '每起职业病危害事故：卫健局履行职业健康综合监管职责',
      basis: {
        documentClause: '三(一)3',
        quote: '组织指导用人单位开展职业卫生防护工作，督促用人单位依法落实职业病防治主体责任，切实履行职业健康综合监管职责。',
      },
    },
    {
      id: 'wjj_radiation',
      unitId: 'lc_wjj',
      role: 'support',
      when: RADIATION,
      reason: '辐射事故：生态环境局牵头，卫健局负责医疗应急（国务院令第449号第四十三条）并履行职业健康综合监管职责',
      basis: { documentClause: '三(一)3', quote: '组织指导用人单位开展职业卫生防护工作，督促用人单位依法落实职业病防治主体责任，切实履行职业健康综合监管职责。' },
    },
    {
      id: 'sthj_radiation_lead',
      unitId: 'lc_sthj',
      role: 'lead',
      when: RADIATION,
      reason: '辐射事故：生态环境主管部门负责应急响应、调查处理和定性定级（国务院令第449号第四十三条）',
      basis: { documentClause: '三(十)3', quote: '加强我区核与辐射事故应急救援能力建设。' },
    },
    {
      id: 'zgh_all',
      unitId: 'lc_zgh',
      role: 'support',
      when: { always: true },
      reason: '每起职业病危害事故：工会参与调查处理',
      basis: {
        documentClause: '三(十五)1',
        quote: '负责依法对用人单位落实职业病防治工作进行群众监督，参与职业健康监督检查和职业病危害事故调查处理。',
      },
    },
    {
      id: 'yjj_industrial_poisoning',
      unitId: 'lc_yjj',
      role: 'support',
      when: { all: [{ acutePoisoningKind: true }, { industry: [...INDUSTRIAL] }] },
      reason: '工业企业急性中毒事故（含窒息性气体中毒）',
      basis: { documentClause: '三(十二)2', quote: '参与工业企业急性中毒事故调查处理。' },
    },
    {
      id: 'rsj_casualties',
      unitId: 'lc_rsj',
      role: 'support',
      when: DISEASE_OR_DEATH,
      reason: '有病例、死亡或确诊慢性职业病：工伤认定、劳动能力鉴定和工伤待遇',
      basis: {
        documentClause: '三(九)3',
        quote: '依据职业病诊断结果及《工伤保险条例》，做好职业病病人工伤认定、劳动能力鉴定和工伤待遇的保障工作。',
      },
    },
    {
      id: 'rsj_vocational',
      unitId: 'lc_rsj',
      role: 'support',
      when: { setting: ['vocational_school'] },
      reason: '发生在技工学校或职业培训机构',
      basis: {
        documentClause: '三(九)1',
        quote: '指导技工学校、职业培训机构的职业健康工作。指导技工学校、职业培训机构开展职业病防治知识和技能教育培训。',
      },
    },
    {
      id: 'sthj_env',
      unitId: 'lc_sthj',
      role: 'support',
      when: { any: [RADIATION, { flag: ['environmental_release'] }] },
      reason: '放射/辐射事故，或有害物质泄漏到大气、水体、土壤',
      basis: { documentClause: '三(十)1', quote: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理。' },
    },
    {
      id: 'zjj_construction',
      unitId: 'lc_zjj',
      role: 'support',
      when: { setting: ['construction_site'] },
      reason: '房建、市政工程建设工地',
      basis: {
        documentClause: '三(十一)1',
        quote: '负责指导督促房建、市政工程建设单位、施工单位、监理单位等职责范围内用人单位认真落实职业病防治主体责任。',
      },
    },
    {
      id: 'jyj_school',
      unitId: 'lc_jyj',
      role: 'support',
      when: { all: [{ setting: ['school', 'university'] }, { not: { setting: ['vocational_school'] } }] },
      reason: '发生在其监管的学校或幼儿园（含高校；技工学校、职业培训机构除外）',
      basis: {
        documentClause: '三(四)1',
        quote:
          '负责全区教育系统的职业健康监管工作。监督、指导各类学校（含幼儿园，但技工学校、职业培训机构除外）、教育系统其他企事业单位和校办企业的职业健康工作。',
      },
    },
    {
      id: 'gxj_explosives',
      unitId: 'lc_gxj',
      role: 'support',
      when: { setting: ['civil_explosives'] },
      reason: '民爆物品生产、销售单位',
      basis: {
        documentClause: '三(六)2',
        quote: '负责督促民爆物品生产、销售等职责范围内用人单位依法落实职业病防治主体责任，对本行业用人单位职业病防治工作进行指导、检查。',
      },
    },
    {
      id: 'gxj_industries',
      unitId: 'lc_gxj',
      role: 'inform',
      when: { industry: [...GXJ_INDUSTRIES] },
      reason: '冶金、有色、机械、建材、轻工、纺织等行业用人单位',
      basis: {
        documentClause: '三(六)3',
        quote: '配合卫健部门督促冶金、有色、机械、建材、轻工、纺织等行业用人单位依法落实职业病防治主体责任。',
      },
    },
    {
      id: 'scjg_unlicensed',
      unitId: 'lc_scjg',
      role: 'inform',
      when: { licensed: false },
      reason: '用人单位无照经营：配合有关监管部门整治',
      basis: { documentClause: '三(十三)', quote: '按照职责分工依法配合有关监管部门开展职业病专项整治。' },
    },
    {
      id: 'mzj_relief',
      unitId: 'lc_mzj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病，且用人单位已不存在或劳动关系无法确定：生活救助',
      basis: {
        documentClause: '三(七)',
        quote:
          '负责将用人单位不存在或无法确定劳动关系，且符合条件的职业病病人及其家庭纳入特困人员救助供养、最低生活保障及临时救助范围。',
      },
    },
    {
      id: 'ybj_relief',
      unitId: 'lc_ybj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病，且用人单位已不存在或劳动关系无法确定：医疗救助',
      basis: {
        documentClause: '三(十四)',
        quote:
          '负责指导按政策对有关部门认定提供的用人单位已经不存在或者无法确认劳动关系属于医疗救助对象范围的职业病病人开展医疗救助。',
      },
    },
    {
      id: 'xcb_publicity',
      unitId: 'lc_xcb',
      role: 'inform',
      when: { any: [{ severityAtLeast: 'major' }, { flag: ['media_attention'] }] },
      reason: '重大及以上事故，或受到媒体关注',
      basis: {
        documentClause: '三(二)',
        quote: '协助指导相关部门开展职业病防治公益宣传教育活动，按照相关规定，对违反职业病防治法律法规的行为给予曝光。',
      },
    },
    {
      id: 'czj_funding',
      unitId: 'lc_czj',
      role: 'inform',
      when: { severityAtLeast: 'extraordinary' },
      reason: '特大事故：提供必要的经费保障',
      basis: { documentClause: '三(八)', quote: '统筹预算资金，为职业病防治工作提供必要的经费保障' },
    },
  ],
  leadDeviations: [
    {
      regime: 'production_safety_accident',
      unitId: 'lc_yjj',
      reason: '本区文件规定区应急局「参与」（而非牵头）工业企业急性中毒事故调查处理；生产安全事故的调查处理由应急管理部门依国务院令第493号另行组织',
      basis: { documentClause: '三(十二)2', quote: '参与工业企业急性中毒事故调查处理。' },
    },
  ],
  /** 鲤城区 is a district of 泉州市 (泉鲤政办〔2021〕26号). */
  upwardReporting: { recipientNames: { superior_health: '泉州市卫生健康委员会' } },
  ackDeadlineMinutes: {
    lead: { general: 30, major: 15, extraordinary: 10 },
    support: { general: 60, major: 30, extraordinary: 15 },
    inform: { general: 240, major: 120, extraordinary: 60 },
  },
};

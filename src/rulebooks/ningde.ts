/**
 * 宁德市 (seed 000): 宁政办〔2021〕11号, the joint meeting system of 16 member units. The duties
 * are in the main document (三、成员单位主要职责, numbered 1. 2. … within each unit), so routing
 * rules cite them as document clauses, e.g. "三(十二)2".
 *
 * Particular to 宁德: 应急管理局 takes part in acute poisoning investigations at industrial
 * enterprises; 国资委 is concerned when a state-owned (市属) enterprise is the employer; 工信局
 * supervises civil-explosives producers.
 */
import { DISEASE_OR_DEATH, NO_EMPLOYER_OR_RELATION, RADIATION } from './common-conditions.js';
import type { RulebookInput } from './schema.js';

/** Industrial enterprises (工业企业), for 应急管理局's 工业企业急性中毒事故. */
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

/** 工信局 2.: 冶金、有色、机械、建材（含水泥、陶瓷、石材）、轻工、纺织. */
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

export const ningde: RulebookInput = {
  jurisdiction: { id: 'ningde', name: '宁德市', level: 'city', utcOffset: '+08:00' },
  version: '2021.1',
  document: {
    title: '宁德市人民政府办公室关于印发宁德市职业病防治工作联席会议制度的通知',
    number: '宁政办〔2021〕11号',
    issuedOn: '2021-02-03',
  },
  commissionUnitId: 'nd_wjw',
  units: [
    {
      id: 'nd_wjw',
      authority: 'health',
      name: '宁德市卫生健康委员会',
      shortName: '市卫健委',
      section: '一',
      duties: [
        {
          ref: '1.',
          text: '协调开展职业病防治工作，组织拟订职业病防治规划和计划，制定职业卫生、放射卫生相关政策并组织实施。',
        },
        {
          ref: '2.',
          text: '开展重点职业病监测、专项调查、职业健康风险评估和职业人群健康管理工作。组织开展职业病防治统计和调查分析。',
        },
        {
          ref: '3.',
          text: '组织指导用人单位职业卫生防护工作，督促用人单位依法落实职业病防治主体责任，切实履行职业健康综合监管职责。',
        },
        {
          ref: '4.',
          text: '开展重点职业病危害治理，组织职业卫生、放射卫生监督检查，依法监督用人单位贯彻执行法律法规、标准和方针政策情况。',
        },
        {
          ref: '5.',
          text: '指导市、县、乡三级职业病防治技术支撑体系建设，健全职业健康检查机构、职业病诊断救治与鉴定技术支撑机构。',
        },
        { ref: '6.', text: '组织开展职业健康宣教、培训、科研。' },
      ],
    },
    {
      id: 'nd_xcb',
      name: '中共宁德市委宣传部',
      shortName: '市委宣传部',
      section: '二',
      duties: [
        {
          ref: '',
          text: '协助指导相关部门开展职业病防治公益宣传教育活动，按照相关规定，协调市直新闻单位对业务主管部门核实的违反职业病防治法律法规的行为给予曝光。',
        },
      ],
    },
    {
      id: 'nd_fgw',
      name: '宁德市发展和改革委员会',
      shortName: '市发改委',
      section: '三',
      duties: [
        {
          ref: '',
          text: '负责将职业病防治规划纳入当地国民经济和社会发展规划，及时将投资项目的审批（核准、备案）信息通过投资项目在线审批监管平台实现信息公开。',
        },
      ],
    },
    {
      id: 'nd_jyj',
      name: '宁德市教育局',
      shortName: '市教育局',
      section: '四',
      duties: [
        {
          ref: '1.',
          text: '负责全市教育系统的职业健康监管工作。监督、指导各类学校（含幼儿园，但技工学校、职业培训机构除外）、教育系统其他企事业单位和校办企业的职业健康工作。',
        },
        {
          ref: '2.',
          text: '负责会同有关部门对教学所用的辐射材料、化学药品、生物制剂、器具和有毒有害废物建立职业健康管理制度并加强管理。',
        },
        {
          ref: '3.',
          text: '负责统筹推进公共卫生与预防医学及职业健康相关学科专业建设，加强培养工程、矿山、化工等职业病防护和职业健康相关专业人才。',
        },
      ],
    },
    {
      id: 'nd_kjj',
      name: '宁德市科学技术局',
      shortName: '市科技局',
      section: '五',
      duties: [
        {
          ref: '',
          text: '积极推荐职业病防治关键技术研究等纳入省科技发展专项相关计划，组织开展职业病防治技术研究和成果推广。',
        },
      ],
    },
    {
      id: 'nd_gxj',
      name: '宁德市工业和信息化局',
      shortName: '市工信局',
      section: '六',
      duties: [
        {
          ref: '1.',
          text: '及时将可能产生职业病危害项目的立项、核准文件，通过投资项目在线审批监管平台实现卫健、人社、住建等职业病防治联席会议成员单位（部门）的信息共享。',
        },
        {
          ref: '2.',
          text: '负责督促民爆物品生产销售等职责范围内用人单位依法落实职业病防治主体责任。配合卫健部门共同督促冶金、有色、机械、建材、轻工、纺织等行业用人单位依法落实职业病防治主体责任。',
        },
        { ref: '3.', text: '配合组织开展民爆物品行业职业病防治宣传教育工作。' },
      ],
    },
    {
      id: 'nd_mzj',
      name: '宁德市民政局',
      shortName: '市民政局',
      section: '七',
      duties: [
        {
          ref: '',
          text: '负责将用人单位不存在或无法确定劳动关系，且符合条件的职业病病人及其家庭纳入特困人员救助供养、最低生活保障及临时救助范围。',
        },
      ],
    },
    {
      id: 'nd_czj',
      name: '宁德市财政局',
      shortName: '市财政局',
      section: '八',
      duties: [
        {
          ref: '',
          text: '统筹预算资金，为职业病防治工作提供必要的财力保障；加强对职业病防治各项经费管理使用的监督指导，提高预算绩效管理水平。',
        },
      ],
    },
    {
      id: 'nd_rsj',
      name: '宁德市人力资源和社会保障局',
      shortName: '市人社局',
      section: '九',
      duties: [
        {
          ref: '1.',
          text: '指导技工学校、职业培训机构的职业健康工作。指导技工学校、职业培训机构开展职业病防治知识和技能教育培训。',
        },
        {
          ref: '2.',
          text: '负责劳动合同制度、工伤保险制度实施的监管工作，督促用人单位依法参加工伤保险，签订劳动合同，履行职业病危害合同告知义务。',
        },
        {
          ref: '3.',
          text: '依据职业病诊断结果及《工伤保险条例》，做好职业病病人工伤认定、劳动能力鉴定和工伤待遇的保障工作。',
        },
      ],
    },
    {
      id: 'nd_sthj',
      authority: 'ecology_environment',
      name: '宁德市生态环境局',
      shortName: '市生态环境局',
      section: '十',
      duties: [
        { ref: '1.', text: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理。' },
        { ref: '2.', text: '将与放射性污染防治有关的职业病防治工作列入全市核安全与放射性污染防治规划。' },
        { ref: '3.', text: '加强我市核与辐射事故应急救援能力建设。' },
      ],
    },
    {
      id: 'nd_zjj',
      name: '宁德市住房和城乡建设局',
      shortName: '市住建局',
      section: '十一',
      duties: [
        {
          ref: '1.',
          text: '负责指导督促各地房建、市政工程建设单位、施工单位、监理单位等职责范围内用人单位认真落实职业病防治主体责任。',
        },
        { ref: '2.', text: '对本行业用人单位职业病防治工作进行指导、检查。' },
        { ref: '3.', text: '指导各地组织开展具有行业特点的职业病防治宣传教育工作。' },
      ],
    },
    {
      id: 'nd_yjj',
      authority: 'emergency_management',
      name: '宁德市应急管理局',
      shortName: '市应急管理局',
      section: '十二',
      duties: [
        { ref: '1.', text: '在安全生产标准化工作中，协助有关部门告知企业履行职业卫生主体责任，上报职业危害重大隐患。' },
        { ref: '2.', text: '参与工业企业急性中毒事故调查处理。' },
      ],
    },
    {
      id: 'nd_gzw',
      name: '宁德市人民政府国有资产监督管理委员会',
      shortName: '市国资委',
      section: '十三',
      duties: [
        {
          ref: '1.',
          text: '履行国有资产出资人的职责，指导督促市属企业贯彻落实党和国家职业病防治政策及有关法律法规、标准等。',
        },
        {
          ref: '2.',
          text: '指导督促市属企业落实职业病防治主体责任，督促市属企业主要负责人落实职业病防治第一责任人的责任和企业职业病防治责任制。',
        },
        { ref: '3.', text: '参与或组织开展对市属企业职业健康工作的检查、督查。' },
        { ref: '4.', text: '督促市属企业加强统筹规划，将职业病防治纳入企业中长期发展规划，保障职工职业健康。' },
      ],
    },
    {
      id: 'nd_scjg',
      name: '宁德市市场监督管理局',
      shortName: '市市场监管局',
      section: '十四',
      duties: [{ ref: '', text: '按照职责分工依法配合有关监管部门开展职业病专项整治。' }],
    },
    {
      id: 'nd_ybj',
      name: '宁德市医疗保障局',
      shortName: '市医保局',
      section: '十五',
      duties: [
        {
          ref: '',
          text: '负责指导各地按政策对有关部门认定提供的用人单位已经不存在或者无法确认劳动关系的属于医疗救助对象范围的职业病病人开展医疗救助。',
        },
      ],
    },
    {
      id: 'nd_zgh',
      name: '宁德市总工会',
      shortName: '市总工会',
      section: '十六',
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
      id: 'wjw_lead',
      unitId: 'nd_wjw',
      role: 'lead',
      when: { not: RADIATION },
      reason: '每起职业病危害事故：卫健委履行职业健康综合监管职责',
      basis: {
        documentClause: '三(一)3',
        quote: '组织指导用人单位职业卫生防护工作，督促用人单位依法落实职业病防治主体责任，切实履行职业健康综合监管职责。',
      },
    },
    {
      id: 'wjw_radiation',
      unitId: 'nd_wjw',
      role: 'support',
      when: RADIATION,
      reason: '辐射事故：生态环境局牵头，卫健委负责医疗应急（国务院令第449号第四十三条）并履行职业健康综合监管职责',
      basis: { documentClause: '三(一)3', quote: '组织指导用人单位职业卫生防护工作，督促用人单位依法落实职业病防治主体责任，切实履行职业健康综合监管职责。' },
    },
    {
      id: 'sthj_radiation_lead',
      unitId: 'nd_sthj',
      role: 'lead',
      when: RADIATION,
      reason: '辐射事故：生态环境主管部门负责应急响应、调查处理和定性定级（国务院令第449号第四十三条）',
      basis: { documentClause: '三(十)3', quote: '加强我市核与辐射事故应急救援能力建设。' },
    },
    {
      id: 'zgh_all',
      unitId: 'nd_zgh',
      role: 'support',
      when: { always: true },
      reason: '每起职业病危害事故：工会参与调查处理',
      basis: {
        documentClause: '三(十六)1',
        quote: '负责依法对用人单位落实职业病防治工作进行群众监督，参与职业健康监督检查和职业病危害事故调查处理。',
      },
    },
    {
      id: 'yjj_industrial_poisoning',
      unitId: 'nd_yjj',
      role: 'support',
      when: { all: [{ acutePoisoningKind: true }, { industry: [...INDUSTRIAL] }] },
      reason: '工业企业急性中毒事故（含窒息性气体中毒）',
      basis: { documentClause: '三(十二)2', quote: '参与工业企业急性中毒事故调查处理。' },
    },
    {
      id: 'rsj_casualties',
      unitId: 'nd_rsj',
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
      unitId: 'nd_rsj',
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
      unitId: 'nd_sthj',
      role: 'support',
      when: { any: [RADIATION, { flag: ['environmental_release'] }] },
      reason: '放射/辐射事故，或有害物质泄漏到大气、水体、土壤',
      basis: { documentClause: '三(十)1', quote: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理。' },
    },
    {
      id: 'zjj_construction',
      unitId: 'nd_zjj',
      role: 'support',
      when: { setting: ['construction_site'] },
      reason: '房建、市政工程建设工地',
      basis: {
        documentClause: '三(十一)1',
        quote: '负责指导督促各地房建、市政工程建设单位、施工单位、监理单位等职责范围内用人单位认真落实职业病防治主体责任。',
      },
    },
    {
      id: 'jyj_school',
      unitId: 'nd_jyj',
      role: 'support',
      when: { all: [{ setting: ['school', 'university'] }, { not: { setting: ['vocational_school'] } }] },
      reason: '发生在其监管的学校或幼儿园（含高校；技工学校、职业培训机构除外）',
      basis: {
        documentClause: '三(四)1',
        quote:
          '负责全市教育系统的职业健康监管工作。监督、指导各类学校（含幼儿园，但技工学校、职业培训机构除外）、教育系统其他企事业单位和校办企业的职业健康工作。',
      },
    },
    {
      id: 'gzw_state_owned',
      unitId: 'nd_gzw',
      role: 'support',
      when: { stateOwnerLevel: ['city'] },
      reason: '市属国有企业：市国资委督促落实职业病防治主体责任',
      basis: {
        documentClause: '三(十三)2',
        quote: '指导督促市属企业落实职业病防治主体责任，督促市属企业主要负责人落实职业病防治第一责任人的责任和企业职业病防治责任制。',
      },
    },
    {
      id: 'gxj_explosives',
      unitId: 'nd_gxj',
      role: 'support',
      when: { setting: ['civil_explosives'] },
      reason: '民爆物品生产销售单位',
      basis: {
        documentClause: '三(六)2',
        quote: '负责督促民爆物品生产销售等职责范围内用人单位依法落实职业病防治主体责任。',
      },
    },
    {
      id: 'gxj_industries',
      unitId: 'nd_gxj',
      role: 'inform',
      when: { industry: [...GXJ_INDUSTRIES] },
      reason: '冶金、有色、机械、建材、轻工、纺织等行业用人单位',
      basis: {
        documentClause: '三(六)2',
        quote: '配合卫健部门共同督促冶金、有色、机械、建材、轻工、纺织等行业用人单位依法落实职业病防治主体责任。',
      },
    },
    {
      id: 'scjg_unlicensed',
      unitId: 'nd_scjg',
      role: 'inform',
      when: { licensed: false },
      reason: '用人单位无照经营：配合有关监管部门整治',
      basis: { documentClause: '三(十四)', quote: '按照职责分工依法配合有关监管部门开展职业病专项整治。' },
    },
    {
      id: 'mzj_relief',
      unitId: 'nd_mzj',
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
      unitId: 'nd_ybj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病，且用人单位已不存在或劳动关系无法确定：医疗救助',
      basis: {
        documentClause: '三(十五)',
        quote:
          '负责指导各地按政策对有关部门认定提供的用人单位已经不存在或者无法确认劳动关系的属于医疗救助对象范围的职业病病人开展医疗救助。',
      },
    },
    {
      id: 'xcb_publicity',
      unitId: 'nd_xcb',
      role: 'inform',
      when: { any: [{ severityAtLeast: 'major' }, { flag: ['media_attention'] }] },
      reason: '重大及以上事故，或受到媒体关注',
      basis: {
        documentClause: '三(二)',
        quote:
          '协助指导相关部门开展职业病防治公益宣传教育活动，按照相关规定，协调市直新闻单位对业务主管部门核实的违反职业病防治法律法规的行为给予曝光。',
      },
    },
    {
      id: 'czj_funding',
      unitId: 'nd_czj',
      role: 'inform',
      when: { severityAtLeast: 'extraordinary' },
      reason: '特大事故：提供必要的财力保障',
      basis: { documentClause: '三(八)', quote: '统筹预算资金，为职业病防治工作提供必要的财力保障' },
    },
  ],
  leadDeviations: [
    {
      regime: 'production_safety_accident',
      unitId: 'nd_yjj',
      reason: '本市文件规定市应急管理局「参与」（而非牵头）工业企业急性中毒事故调查处理；生产安全事故的调查处理由应急管理部门依国务院令第493号另行组织',
      basis: { documentClause: '三(十二)2', quote: '参与工业企业急性中毒事故调查处理。' },
    },
  ],
  ackDeadlineMinutes: {
    lead: { general: 30, major: 15, extraordinary: 10 },
    support: { general: 60, major: 30, extraordinary: 15 },
    inform: { general: 240, major: 120, extraordinary: 60 },
  },
};

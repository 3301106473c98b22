/**
 * 信阳市 (seed 002): 信卫职健〔2023〕5号, the joint meeting work rules and, in its 附件, the duty
 * division of the 15 member units. Duty texts are quoted verbatim from the 附件; routing follows
 * spec §5 (the commission leads, the other units support or are informed).
 */
import { CASES_OR_DEATHS, CHRONIC_CASES, RADIATION } from './common-conditions.js';
import type { RulebookInput } from './schema.js';

/** 尘毒危害重点行业 listed in 十一 市应急管理局. */
const DUST_TOXIC_INDUSTRIES = [
  'non_coal_mine',
  'cement',
  'metal_smelting',
  'ceramics',
  'stone',
  'machinery',
  'metallurgy',
  'light_industry',
] as const;

/** Industrial employers (工业企业) for 五 市工业和信息化局. */
const INDUSTRIAL = [
  ...DUST_TOXIC_INDUSTRIES,
  'chemical',
  'building_materials',
  'nonferrous',
  'textile',
] as const;

export const xinyang: RulebookInput = {
  jurisdiction: { id: 'xinyang', name: '信阳市', level: 'city', utcOffset: '+08:00' },
  version: '2023.2',
  document: {
    title: '信阳市卫生健康委员会关于印发信阳市职业病防治工作部门间联席会议制度工作规则的通知',
    number: '信卫职健〔2023〕5号',
  },
  commissionUnitId: 'xy_wjw',
  units: [
    {
      id: 'xy_wjw',
      authority: 'health',
      name: '信阳市卫生健康委员会',
      shortName: '市卫生健康委',
      section: '一',
      duties: [
        { ref: '(一)', text: '协调开展职业病防治工作；' },
        { ref: '(二)', text: '组织拟定职业病防治规划和计划，完善职业病防治工作责任制；' },
        { ref: '(三)', text: '拟订职业卫生、放射卫生相关政策、标准并组织实施；' },
        {
          ref: '(四)',
          text: '开展重点职业病监测、专项调查、职业健康风险评估和职业人群健康管理等工作。组织开展职业病防治统计和调查分析；',
        },
        { ref: '(五)', text: '组织指导用人单位职业卫生防护工作；' },
        { ref: '(六)', text: '组织开展重点职业病危害治理；' },
        { ref: '(七)', text: '组织职业卫生监督检查，依法监督用人单位贯彻执行职业卫生法律法规、标准和方针政策情况；' },
        { ref: '(八)', text: '指导职业健康检查、职业病诊断与鉴定工作；' },
        { ref: '(九)', text: '组织职业病危害项目申报的备案和管理工作；' },
        {
          ref: '(十)',
          text: '指导职业健康技术支撑体系建设。负责职业病诊断机构监管和职业卫生技术服务机构乙级资质认定及监管工作；',
        },
        {
          ref: '(十一)',
          text: '负责放射卫生监督管理工作。指导放射诊疗许可、放射卫生技术服务机构资质认定和管理工作。负责放射工作人员职业健康管理。指导法定职责放射源的职业病危害评价管理工作。参与放射源的放射性污染事故应急工作，指导放射源的放射性污染事故的医疗应急；',
        },
        { ref: '(十二)', text: '组织开展职业健康宣教、培训、科研。' },
      ],
    },
    {
      id: 'xy_fgw',
      name: '信阳市发展和改革委员会',
      shortName: '市发展改革委',
      section: '二',
      duties: [
        {
          ref: '(一)',
          text: '推进各级各类技术支撑机构基础设施、技术装备、人才队伍和信息化等达标建设，强化质量控制，提升技术支撑能力；',
        },
        {
          ref: '(二)',
          text: '落实新发展理念，在行业规划、标准规范、技术改造、产业转型升级等方面统筹考虑职业健康工作，促进企业提高职业健康工作水平；',
        },
        { ref: '(三)', text: '将职业病防治工作纳入经济和社会发展相关规划；' },
        {
          ref: '(四)',
          text: '做好职业病防治基础设施建设项目立项工作，积极协调争取中央预算内有关职业健康投资资金项目支持。',
        },
      ],
    },
    {
      id: 'xy_jtj',
      name: '信阳市教育体育局',
      shortName: '市教育体育局',
      section: '三',
      duties: [
        {
          ref: '(一)',
          text: '鼓励和支持高等院校、中等职业学校加强职业健康相关学科专业建设，将职业健康教育内容纳入相关课程，鼓励临床医学专业普及职业医学知识；',
        },
        { ref: '(二)', text: '将职业健康教育纳入现代职业教育体系，提高职业人群的健康素养；' },
        {
          ref: '(三)',
          text: '负责全市基础教育系统职业健康监管工作。监督、指导各类学校(含幼儿园、技工学校、职业培训院校、普通高校除外)的职业健康监管工作;',
        },
        {
          ref: '(四)',
          text: '负责会同有关部门对教学所用的辐射材料、化学药品、生物制剂、器具和有毒有害废物建立职业健康管理制度并加强管理。',
        },
      ],
    },
    {
      id: 'xy_kjj',
      name: '信阳市科学技术局',
      shortName: '市科技局',
      section: '四',
      duties: [{ ref: '', text: '将职业健康关键技术及研究、职业病防治关键技术研究等纳入市科技发展专项相关计划。' }],
    },
    {
      id: 'xy_gxj',
      name: '信阳市工业和信息化局',
      shortName: '市工业和信息化局',
      section: '五',
      duties: [
        {
          ref: '',
          text: '在行业发展规划、政策法规、产业布局、中小微企业帮扶等方面统筹考虑职业病防治,引导重点行业加强职业病危害防治。',
        },
      ],
    },
    {
      id: 'xy_mzj',
      name: '信阳市民政局',
      shortName: '市民政局',
      section: '六',
      duties: [
        {
          ref: '',
          text: '负责组织指导各县区民政部门将符合条件的职业病患者家庭及时纳入最低生活保障范围,对遭遇突发性、紧迫性、临时性基本生活困难的,按规定及时给予临时救助。',
        },
      ],
    },
    {
      id: 'xy_czj',
      name: '信阳市财政局',
      shortName: '市财政局',
      section: '七',
      duties: [
        {
          ref: '(一)',
          text: '各地要强化职业健康经费保障,建立多元化的防治资金筹措机制,鼓励和引导社会资本投入职业病防治领域。加强资金使用管理和绩效评价,提高资金使用效益,确保主要任务和重点工程按计划顺利完成;',
        },
        { ref: '(二)', text: '根据职业病防治形势,合理安排职业病防治所需经费,并加强对经费使用的监督管理。' },
      ],
    },
    {
      id: 'xy_rsj',
      name: '信阳市人力资源和社会保障局',
      shortName: '市人社局',
      section: '八',
      duties: [
        {
          ref: '(一)',
          text: '规范用人单位劳动用工，加强劳动合同、工作时间、工伤保险等监督管理，职业病危害工业企业参保率达到80%；',
        },
        {
          ref: '(二)',
          text: '持续实施尘肺病等重点职业病工伤保险扩面专项行动，将尘肺病等职业病严重的重点行业职工依法纳入工伤保险保障范围；',
        },
        {
          ref: '(三)',
          text: '指导技工学校、职业培训机构的职业健康工作。指导技工学校、职业培训机构开展职业病防治知识和技能教育培训；',
        },
        {
          ref: '(四)',
          text: '监督指导企业参加工伤保险有关政策措施，按照有关规定安排、使用和管理工伤预防费用，加大工伤预防的投入，监督检查用人单位依法签订劳动合同，规范企业劳动用工行为；',
        },
        { ref: '(五)', text: '负责职业健康所涉及的劳动用工监管。依据职业病诊断结果，做好职业病人的社会保障工作；' },
        {
          ref: '(六)',
          text: '督促检查企事业单位贯彻执行国家有关工作时间、休息休假、女职工、未成年工等特殊劳动保护政策落实情况；',
        },
        { ref: '(七)', text: '将职业病防治法律、法规及知识纳入事业单位工作人员职业教育和培训学习计划并组织实施；' },
        {
          ref: '(八)',
          text: '依职责分工，会同有关部门制定和实施职业病防治领域各类专业技术人才培养、考核、奖惩等相关政策。',
        },
      ],
    },
    {
      id: 'xy_sthj',
      authority: 'ecology_environment',
      name: '信阳市生态环境局',
      shortName: '市生态环境局',
      section: '九',
      duties: [
        { ref: '(一)', text: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理；' },
        { ref: '(二)', text: '将与放射性污染防治有关的职业病防治工作列入全市核安全与放射性污染防治规划；' },
        { ref: '(三)', text: '加强我市放射工作人员辐射防护培训、个人剂量检定等相关工作。' },
      ],
    },
    {
      id: 'xy_zjj',
      name: '信阳市住房和城乡建设局',
      shortName: '市住建局',
      section: '十',
      duties: [{ ref: '', text: '负责全市房屋建筑和市政基础设施建设工程的职业健康监管工作。' }],
    },
    {
      id: 'xy_yjj',
      authority: 'emergency_management',
      name: '信阳市应急管理局',
      shortName: '市应急管理局',
      section: '十一',
      duties: [
        {
          ref: '',
          text: '开展非煤矿山、水泥、金属冶炼、陶瓷、石材、机械、冶金、轻工等尘毒危害重点行业领域安全生产治理，依法查处不具备安全生产条件的尘毒危害生产经营单位。',
        },
      ],
    },
    {
      id: 'xy_scjg',
      name: '信阳市市场监督管理局',
      shortName: '市市场监管局',
      section: '十二',
      duties: [
        {
          ref: '(一)',
          text: '畅通国家企业信用信息公示系统（河南）渠道，便于相关部门及时将职业健康不良信用记录共享至信用信息共享平台，供相关部门作为在各自职责范围内实施联合惩戒的依据；',
        },
        { ref: '(二)', text: '配合有关监管部门开展职业病防治专项整治，按照职责分工依法查处无照经营。' },
      ],
    },
    {
      id: 'xy_ybj',
      name: '信阳市医疗保障局',
      shortName: '市医保局',
      section: '十三',
      duties: [{ ref: '', text: '负责指导各地按政策对属于医疗救助对象范围的职业病病人开展医疗救助。' }],
    },
    {
      id: 'xy_zgh',
      name: '信阳市总工会',
      shortName: '市总工会',
      section: '十四',
      duties: [
        {
          ref: '(一)',
          text: '鼓励矿山、冶金、化工、建材、建筑施工、交通运输、环境卫生管理、医疗卫生、学校等行业和单位，率先开展“职业健康达人”评定活动，强化重点人群职业健康素养监测与干预，有效提升劳动者健康意识和健康素养；',
        },
        {
          ref: '(二)',
          text: '聚焦重点职业人群需求，广泛开展职业健康传播作品创作征集活动，建立职业健康科普知识库，建设科普传播平台；',
        },
        {
          ref: '(三)',
          text: '继续在重点行业中推行集体协商和签订劳动安全卫生专项集体合同，督促用人单位和劳动者认真履行防治责任；',
        },
        {
          ref: '(四)',
          text: '依法对职业病防治工作进行监督，反映劳动者职业健康方面的诉求，提出意见和建议，维护劳动者合法权益；',
        },
        { ref: '(五)', text: '依法参与职业病危害事故的调查处理工作，代表职工监督事故发生单位防范和整改措施落实情况；' },
        {
          ref: '(六)',
          text: '用人单位发生严重职业病危害事故时，要求其采取防护措施，或者向政府有关部门建议采取强制性措施。发现危及劳动者生命健康的情形时，向用人单位建议组织劳动者撤离危险现场；',
        },
        {
          ref: '(七)',
          text: '督促并协助用人单位开展职业卫生宣传和教育培训。动员广大职工开展群众性职业健康监督和隐患排查，落实职工岗位职业病防治责任；',
        },
        {
          ref: '(八)',
          text: '调查研究职业病防治工作中涉及职工合法权益的重大问题，参与有关职业病防治政策、措施、制度和法律、法规草案的拟订工作。',
        },
      ],
    },
    {
      id: 'xy_xcb',
      name: '中共信阳市委宣传部',
      shortName: '市委宣传部',
      section: '十五',
      duties: [
        {
          ref: '',
          text: '配合做好职业健康教育和健康促进、《职业病防治法》宣传周、“安康杯”竞赛等活动的宣传报道，推动职业健康宣传教育进企业、进机构、进学校、进乡村、进社区活动，普及职业健康知识，倡导健康工作方式，在全社会营造关心关注职业健康的氛围。',
        },
      ],
    },
  ],
  // A member unit that learns of an accident first files it for the commission to confirm.
  unitReporting: { documentClause: '三(四)2', quote: '其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报。' },
  // Every member unit's annual submission, reminded from 1 December (信阳 四(三)).
  annualSubmission: {
    documentClause: '四(三)',
    quote: '联席会议各成员单位每年1月15日前向市卫生健康委报送上年度工作总结、本年度重点工作计划及拟提交联席会议的议题建议。',
    due: { month: 1, day: 15 },
    remindFrom: { month: 12, day: 1 },
  },
  routing: [
    {
      id: 'wjw_lead',
      unitId: 'xy_wjw',
      role: 'lead',
      when: { not: RADIATION },
      reason: '每起职业病危害事故（辐射事故除外）：卫健委接报、通报并协调应急救援处置',
      basis: {
        documentClause: '三(四)2',
        quote:
          '市卫生健康委接到职业病危害事故报告后，除按国家有关规定报告本级政府和上级部门外，应及时向相关部门通报事件信息，并协调事故应急救援处置等工作。',
      },
    },
    {
      id: 'wjw_radiation',
      unitId: 'xy_wjw',
      role: 'support',
      when: RADIATION,
      reason: '辐射事故：卫健委参与放射性污染事故应急、指导医疗应急（国务院令第449号第四十三条：卫生主管部门负责医疗应急）',
      basis: { unitDuty: '(十一)' },
    },
    {
      id: 'wjw_radiation_notice',
      unitId: 'xy_wjw',
      role: 'support',
      when: RADIATION,
      reason: '辐射事故：卫健委接报后仍须向相关部门通报并协调救援处置',
      basis: {
        documentClause: '三(四)2',
        quote:
          '市卫生健康委接到职业病危害事故报告后，除按国家有关规定报告本级政府和上级部门外，应及时向相关部门通报事件信息，并协调事故应急救援处置等工作。',
      },
    },
    {
      id: 'sthj_radiation_lead',
      unitId: 'xy_sthj',
      role: 'lead',
      when: RADIATION,
      reason: '辐射事故：生态环境主管部门负责应急响应、调查处理和定性定级（国务院令第449号第四十三条）',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'zgh_all',
      unitId: 'xy_zgh',
      role: 'support',
      when: { always: true },
      reason: '每起职业病危害事故：工会依法参与调查处理',
      basis: { unitDuty: '(五)' },
    },
    {
      id: 'zgh_serious',
      unitId: 'xy_zgh',
      role: 'support',
      when: { severityAtLeast: 'major' },
      reason: '重大及以上事故：要求用人单位采取防护措施、组织撤离',
      basis: { unitDuty: '(六)' },
    },
    {
      id: 'rsj_casualties',
      unitId: 'xy_rsj',
      role: 'support',
      when: CASES_OR_DEATHS,
      reason: '有病例或死亡：劳动用工监管、工伤保险和职业病人社会保障',
      basis: { unitDuty: '(五)' },
    },
    {
      id: 'rsj_chronic_injury_insurance',
      unitId: 'xy_rsj',
      role: 'support',
      when: CHRONIC_CASES,
      reason: '确诊尘肺病等慢性职业病：工伤保险扩面、依法纳入工伤保险保障范围',
      basis: { unitDuty: '(二)' },
    },
    {
      id: 'rsj_chronic_social_security',
      unitId: 'xy_rsj',
      role: 'support',
      when: CHRONIC_CASES,
      reason: '确诊慢性职业病：依据职业病诊断结果做好职业病人的社会保障工作',
      basis: { unitDuty: '(五)' },
    },
    {
      id: 'rsj_vocational',
      unitId: 'xy_rsj',
      role: 'support',
      when: { setting: ['vocational_school'] },
      reason: '发生在技工学校或职业培训机构',
      basis: { unitDuty: '(三)' },
    },
    {
      id: 'yjj_dust_toxic',
      unitId: 'xy_yjj',
      role: 'support',
      when: {
        any: [
          { acutePoisoningKind: true },
          { industry: [...DUST_TOXIC_INDUSTRIES] },
          { regime: ['production_safety_accident'] },
        ],
      },
      reason: '急性中毒（含窒息性气体）、尘毒危害重点行业或同时构成生产安全事故',
      basis: { unitDuty: '' },
    },
    {
      id: 'sthj_env',
      unitId: 'xy_sthj',
      role: 'support',
      when: { any: [{ hazard: ['radiation'] }, { flag: ['environmental_release'] }] },
      reason: '放射/辐射事故，或有害物质泄漏到大气、水体、土壤',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'zjj_construction',
      unitId: 'xy_zjj',
      role: 'support',
      when: { setting: ['construction_site'] },
      reason: '房屋建筑或市政基础设施建设工地',
      basis: { unitDuty: '' },
    },
    {
      id: 'jtj_school',
      unitId: 'xy_jtj',
      role: 'support',
      when: { all: [{ setting: ['school'] }, { not: { setting: ['university', 'vocational_school'] } }] },
      reason: '发生在其监管的学校或幼儿园（技工学校、职业培训院校、普通高校除外）',
      basis: { unitDuty: '(三)' },
    },
    {
      id: 'scjg_unlicensed',
      unitId: 'xy_scjg',
      role: 'support',
      when: { licensed: false },
      reason: '用人单位无照经营',
      basis: { unitDuty: '(二)' },
    },
    {
      id: 'mzj_relief',
      unitId: 'xy_mzj',
      role: 'inform',
      when: { any: [{ casualtiesAtLeast: { field: 'deaths', value: 1 } }, CHRONIC_CASES] },
      reason: '有人死亡（突发性基本生活困难：临时救助），或确诊慢性职业病（患者家庭：最低生活保障）',
      basis: { unitDuty: '' },
    },
    {
      id: 'ybj_relief',
      unitId: 'xy_ybj',
      role: 'inform',
      when: CHRONIC_CASES,
      reason: '确诊慢性职业病：属于医疗救助对象范围的职业病病人按政策医疗救助',
      basis: { unitDuty: '' },
    },
    {
      id: 'gxj_industrial',
      unitId: 'xy_gxj',
      role: 'inform',
      when: { industry: [...INDUSTRIAL] },
      reason: '用人单位属工业企业（重点行业）',
      basis: { unitDuty: '' },
    },
    {
      id: 'xcb_publicity',
      unitId: 'xy_xcb',
      role: 'inform',
      when: { any: [{ severityAtLeast: 'major' }, { flag: ['media_attention'] }] },
      reason: '重大及以上事故，或受到媒体关注',
      basis: { unitDuty: '' },
    },
    {
      id: 'czj_funding',
      unitId: 'xy_czj',
      role: 'inform',
      when: { severityAtLeast: 'extraordinary' },
      reason: '特大事故：安排所需经费',
      basis: { unitDuty: '(二)' },
    },
  ],
  leadDeviations: [
    {
      regime: 'production_safety_accident',
      unitId: 'xy_yjj',
      reason:
        '本市职业病危害事故由市卫生健康委通报并协调应急救援处置，市应急管理局依附件十一配合；生产安全事故的调查处理由应急管理部门依国务院令第493号另行组织',
      basis: {
        documentClause: '三(四)2',
        quote:
          '市卫生健康委接到职业病危害事故报告后，除按国家有关规定报告本级政府和上级部门外，应及时向相关部门通报事件信息，并协调事故应急救援处置等工作。',
      },
    },
  ],
  /** 信阳 is a city of 河南省 (its document rests on 《河南省职业病防治规划（2021-2025年）重点任务分工方案》). */
  upwardReporting: { recipientNames: { superior_health: '河南省卫生健康委员会', provincial_health: '河南省卫生健康委员会' } },
  ackDeadlineMinutes: {
    lead: { general: 30, major: 15, extraordinary: 10 },
    support: { general: 60, major: 30, extraordinary: 15 },
    inform: { general: 240, major: 120, extraordinary: 60 },
  },
  /**
   * 联合处置: tasks the commander can create in one step, each resting on the clause quoted. Units
   * report back to the commission (工作规则四(二)：配合单位要认真履行职责，并及时将落实情况反馈至市卫生健康委).
   */
  suggestedTasks: {
    occupational_hazard_accident: [
      {
        id: 'wjw_coordinate_rescue',
        unitId: 'xy_wjw',
        role: 'lead',
        title: '协调事故应急救援处置和医疗救治',
        description: '组织现场调查处理，协调应急救援处置，组织做好医疗救治，必要时采取临时控制措施。',
        dueInMinutes: 120,
        basis: {
          ref: '三(四)2',
          quote: '市卫生健康委接到职业病危害事故报告后，除按国家有关规定报告本级政府和上级部门外，应及时向相关部门通报事件信息，并协调事故应急救援处置等工作。',
        },
      },
      {
        id: 'zgh_join_investigation',
        unitId: 'xy_zgh',
        role: 'support',
        title: '参与事故调查处理，监督整改措施落实',
        description: '派员参与事故调查处理，代表职工监督事故发生单位防范和整改措施落实情况，并及时将落实情况反馈至市卫生健康委（工作规则四(二)）。',
        dueInMinutes: 240,
        basis: { ref: '十四(五)', quote: '依法参与职业病危害事故的调查处理工作，代表职工监督事故发生单位防范和整改措施落实情况；' },
      },
      {
        id: 'rsj_labour_and_injury',
        unitId: 'xy_rsj',
        role: 'support',
        title: '核查劳动用工和工伤保险参保情况',
        description: '核查事故单位劳动合同、工伤保险参保情况，依据职业病诊断结果做好职业病人的社会保障工作，并及时将落实情况反馈至市卫生健康委（工作规则四(二)）。',
        dueInMinutes: 1440,
        basis: { ref: '八(五)', quote: '负责职业健康所涉及的劳动用工监管。依据职业病诊断结果，做好职业病人的社会保障工作；' },
      },
    ],
    production_safety_accident: [
      {
        id: 'yjj_safety_conditions',
        unitId: 'xy_yjj',
        role: 'support',
        title: '核查事故单位安全生产条件',
        description: '对事故单位开展安全生产检查，依法查处不具备安全生产条件的情形，并及时将落实情况反馈至市卫生健康委（工作规则四(二)）。',
        dueInMinutes: 480,
        basis: {
          ref: '十一',
          quote: '开展非煤矿山、水泥、金属冶炼、陶瓷、石材、机械、冶金、轻工等尘毒危害重点行业领域安全生产治理，依法查处不具备安全生产条件的尘毒危害生产经营单位。',
        },
      },
    ],
    radiation_accident: [
      {
        id: 'sthj_radiation_control',
        unitId: 'xy_sthj',
        role: 'lead',
        title: '辐射事故应急响应和污染控制',
        description: '开展辐射事故应急响应、调查处理和定性定级，控制放射性污染，与卫健委相互通报，并及时将落实情况反馈至市卫生健康委（工作规则四(二)）。',
        dueInMinutes: 120,
        basis: { ref: '九(一)', quote: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理；' },
      },
      {
        // 国务院令第449号第四十三条 (regulations.md §5: 生态环境 应急响应、调查处理、定性定级; 卫生 医疗应急 only): 生态环境 leads the response
        // (sthj_radiation_control), so the commission supports here, it does not lead.
        id: 'wjw_radiation_medical',
        unitId: 'xy_wjw',
        role: 'support',
        title: '辐射事故医疗应急（配合生态环境局）',
        description:
          '按国务院令第449号第四十三条负责辐射事故的医疗应急：指导放射源的放射性污染事故的医疗应急，安排受照人员到指定医疗机构检查和救治（第四十五条），与生态环境局及时相互通报；应急响应、调查处理和定性定级由生态环境局牵头。',
        dueInMinutes: 60,
        basis: {
          ref: '一(十一)',
          quote: '参与放射源的放射性污染事故应急工作，指导放射源的放射性污染事故的医疗应急；',
        },
      },
    ],
  },
};

/**
 * 广东省 (seed 004): the duty division of the 20 member units of the provincial joint meeting
 * (the seed is the annex alone; it carries no document number). Duty texts are quoted verbatim.
 *
 * Particular to 广东: 司法厅 for prisons and drug rehabilitation centres, 自然资源厅 for illegal
 * mining, 交通运输厅 for road/waterway/railway construction and the transport trades, 商务厅 for
 * foreign-invested enterprises, 国资委 for state-owned (省属) enterprises, 广播电视局 when the media
 * are involved.
 */
import { CHRONIC_CASES, DISEASE_OR_DEATH, NO_EMPLOYER_OR_RELATION, RADIATION } from './common-conditions.js';
import type { RulebookInput } from './schema.js';

/** 尘毒危害重点行业 listed in 十五 省应急管理厅 (矿山 covers the non-coal mines of the facts). */
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

/** Industrial employers (工业企业), for 五 省工业和信息化厅. */
const INDUSTRIAL = [
  ...DUST_TOXIC_INDUSTRIES,
  'chemical',
  'building_materials',
  'nonferrous',
  'textile',
] as const;

export const guangdong: RulebookInput = {
  jurisdiction: { id: 'guangdong', name: '广东省', level: 'province', utcOffset: '+08:00' },
  version: '1',
  document: {
    title: '广东省职业病防治工作部门间联席会议成员单位职责分工',
    number: '',
  },
  commissionUnitId: 'gd_wjw',
  units: [
    {
      id: 'gd_wjw',
      authority: 'health',
      name: '广东省卫生健康委员会',
      shortName: '省卫生健康委',
      section: '一',
      duties: [
        { ref: '(一)', text: '协调开展职业病防治工作。' },
        { ref: '(二)', text: '组织拟定职业病防治规划和计划，完善职业病防治工作责任制。' },
        { ref: '(三)', text: '拟订职业卫生、放射卫生相关政策、标准并组织实施。' },
        {
          ref: '(四)',
          text: '开展重点职业病监测、专项调查、职业健康风险评估和职业人群健康管理工作。组织开展职业病防治统计和调查分析。',
        },
        { ref: '(五)', text: '组织指导用人单位职业卫生防护工作。' },
        { ref: '(六)', text: '组织开展重点职业病危害治理。' },
        { ref: '(七)', text: '组织职业卫生监督检查，依法监督用人单位贯彻执行职业卫生法律法规、标准和方针政策情况。' },
        { ref: '(八)', text: '指导职业健康检查、职业病诊断与鉴定工作。' },
        { ref: '(九)', text: '组织职业病危害项目申报的备案和管理工作。' },
        {
          ref: '(十)',
          text: '指导职业健康技术支撑体系建设。负责职业病诊断机构监管工作。负责职业卫生技术服务机构乙级资质认定及监管工作。',
        },
        {
          ref: '(十一)',
          text: '负责放射卫生监督管理工作。指导放射诊疗许可、放射卫生技术服务机构资质认定和管理工作。负责放射工作人员职业健康管理工作。指导法定职责放射源的职业病危害评价管理工作。参与放射源的放射性污染事故应急工作，指导放射源的放射性污染事故的医疗应急。',
        },
        { ref: '(十二)', text: '组织开展职业健康宣教、培训、科研。' },
      ],
    },
    {
      id: 'gd_fgw',
      name: '广东省发展和改革委员会',
      shortName: '省发展改革委',
      section: '二',
      duties: [
        { ref: '(一)', text: '将职业病防治工作纳入经济和社会发展相关规划。' },
        {
          ref: '(二)',
          text: '做好职业病防治基础设施建设项目立项工作，积极协调争取中央预算内有关职业健康投资资金项目支持。',
        },
      ],
    },
    {
      id: 'gd_jyt',
      name: '广东省教育厅',
      shortName: '省教育厅',
      section: '三',
      duties: [
        {
          ref: '(一)',
          text: '负责全省教育系统的职业健康监管工作。监督、指导各类学校（含幼儿园，但技工学校、职业培训院校除外）、教育系统其它企事业单位和校办企业的职业健康工作。',
        },
        {
          ref: '(二)',
          text: '负责会同有关部门对教学所用的辐射材料、化学药品、生物制剂、器具和有毒有害废物建立职业健康管理制度并加强管理。',
        },
        {
          ref: '(三)',
          text: '负责统筹推进公共卫生与预防医学及职业健康相关学科建设，加强培养工程、矿山、化工等职业病防护和职业健康相关专业人才。',
        },
      ],
    },
    {
      id: 'gd_kjt',
      name: '广东省科学技术厅',
      shortName: '省科技厅',
      section: '四',
      duties: [
        {
          ref: '(一)',
          text: '将职业病防治关键技术研究等纳入省科技发展专项相关计划，组织开展职业病防治技术研究和成果推广。',
        },
        { ref: '(二)', text: '配合相关主管部门指导省内相关科研单位的职业健康监管工作。' },
      ],
    },
    {
      id: 'gd_gxt',
      name: '广东省工业和信息化厅',
      shortName: '省工业和信息化厅',
      section: '五',
      duties: [
        { ref: '', text: '在行业发展规划、政策法规、产业布局等方面统筹考虑职业病防治，引导重点行业加强职业病危害防治。' },
      ],
    },
    {
      id: 'gd_mzt',
      name: '广东省民政厅',
      shortName: '省民政厅',
      section: '六',
      duties: [
        {
          ref: '',
          text: '负责指导各地将符合条件的职业病病人按照规定程序纳入最低生活保障、特困供养人员、临时救助范围。',
        },
      ],
    },
    {
      id: 'gd_sft',
      name: '广东省司法厅',
      shortName: '省司法厅',
      section: '七',
      duties: [
        {
          ref: '(一)',
          text: '负责全省监狱、戒毒场所职业健康监管工作。会同省卫生健康委等部门，对可能产生职业病危害的监狱、戒毒场所加强职业健康监管。会同省卫生健康委、人力资源社会保障厅、总工会等部门对监狱、戒毒场所开展职业健康宣传教育培训工作，指导开展职业病防治知识和技能培训。配合省医保局、民政厅等部门对服刑、戒毒人员中的职业病患者开展医疗救助和生活等方面的救助。',
        },
        {
          ref: '(二)',
          text: '将职业病防治法律法规纳入公民普法的重要内容，会同有关部门广泛宣传普及职业病防治法律法规知识。',
        },
      ],
    },
    {
      id: 'gd_czt',
      name: '广东省财政厅',
      shortName: '省财政厅',
      section: '八',
      duties: [{ ref: '', text: '根据职业病防治形势，合理安排职业病防治所需经费，并加强对经费使用的监督管理。' }],
    },
    {
      id: 'gd_rst',
      name: '广东省人力资源和社会保障厅',
      shortName: '省人力资源社会保障厅',
      section: '九',
      duties: [
        {
          ref: '(一)',
          text: '指导技工学校、职业培训机构的职业健康工作。指导技工学校、职业培训机构开展职业病防治知识和技能教育培训。',
        },
        {
          ref: '(二)',
          text: '监督指导企业参加工伤保险有关政策措施，按照有关规定安排、使用和管理工伤预防费用，加大工伤预防的投入，监督检查用人单位依法签订劳动合同，规范企业劳动用工行为。',
        },
        { ref: '(三)', text: '负责职业健康所涉及的劳动用工监管。依据职业病诊断结果，做好职业病人的社会保障工作。' },
        {
          ref: '(四)',
          text: '督促检查企事业单位贯彻执行国家有关工作时间、休息休假、女职工、未成年工等特殊劳动保护政策落实情况。',
        },
        { ref: '(五)', text: '将职业病防治法律、法规及知识纳入事业单位工作人员职业教育和培训学习计划并组织实施。' },
        {
          ref: '(六)',
          text: '依职责分工，会同有关部门制定和实施职业病防治领域各类专业技术人才、培养、考核、奖惩等相关政策。',
        },
      ],
    },
    {
      id: 'gd_zrzyt',
      name: '广东省自然资源厅',
      shortName: '省自然资源厅',
      section: '十',
      duties: [
        {
          ref: '',
          text: '负责组织查处无证勘查开采、持勘查许可证采矿、超越批准的矿区范围采矿等非法违法行为。',
        },
      ],
    },
    {
      id: 'gd_stht',
      authority: 'ecology_environment',
      name: '广东省生态环境厅',
      shortName: '省生态环境厅',
      section: '十一',
      duties: [
        { ref: '(一)', text: '依法对大气、水、噪声、固体废物、核与辐射等环境污染防治实施统一监督管理。' },
        { ref: '(二)', text: '将与放射性污染防治有关的职业病防治工作列入全省核安全与放射性污染防治规划。' },
        { ref: '(三)', text: '加强我省核事故应急救援能力建设。' },
      ],
    },
    {
      id: 'gd_zjt',
      name: '广东省住房和城乡建设厅',
      shortName: '省住房城乡建设厅',
      section: '十二',
      duties: [
        {
          ref: '',
          text: '负责全省房屋建筑和市政基础设施建设工程（包括城市轨道交通工程）的职业健康监管工作。',
        },
      ],
    },
    {
      id: 'gd_jtt',
      name: '广东省交通运输厅',
      shortName: '省交通运输厅',
      section: '十三',
      duties: [
        { ref: '(一)', text: '指导全省公路、水运行业职业健康监管工作。' },
        { ref: '(二)', text: '负责全省公路、水运、地方铁路（含城际轨道）建设工程职业健康监管工作。' },
        {
          ref: '(三)',
          text: '监督指导行业范围内负有道路、桥梁、隧道、公用场站、枢纽、航道、以及交通标牌、标识、标线、护栏等交通安全设施管理和养护职责的营运养护单位的职业健康工作。',
        },
      ],
    },
    {
      id: 'gd_swt',
      name: '广东省商务厅',
      shortName: '省商务厅',
      section: '十四',
      duties: [{ ref: '', text: '配合监管部门指导和督促外商投资企业开展职业病防治工作。' }],
    },
    {
      id: 'gd_yjt',
      authority: 'emergency_management',
      name: '广东省应急管理厅',
      shortName: '省应急管理厅',
      section: '十五',
      duties: [
        {
          ref: '',
          text: '开展矿山、水泥、金属冶炼、陶瓷、石材、机械、冶金、轻工等尘毒危害重点行业领域安全生产治理，依法关闭、取缔不具备安全生产条件的尘毒危害生产经营单位。',
        },
      ],
    },
    {
      id: 'gd_gzw',
      name: '广东省人民政府国有资产监督管理委员会',
      shortName: '省国资委',
      section: '十六',
      duties: [
        {
          ref: '(一)',
          text: '按照国有资产出资人的职责，检查督促省属企业贯彻落实党和国家的职业病防治政策及有关法律法规、标准等。',
        },
        {
          ref: '(二)',
          text: '指导督促省属企业落实职业病防治主体责任，督促省属企业主要负责人落实职业病防治第一责任人的责任和企业职业病防治责任制，把省属企业职业病防治情况纳入企业及负责人年度业绩考核的内容。',
        },
        { ref: '(三)', text: '参与或组织开展对省属企业职业健康工作的检查、督查。' },
        { ref: '(四)', text: '督促省属企业制订职业病危害事故应急救援预案，在重点行业领域建立应急救援队伍。' },
        { ref: '(五)', text: '督促省属企业加强统筹规划，将职业病防治纳入企业中长期发展规划，保障职工职业健康。' },
      ],
    },
    {
      id: 'gd_scjg',
      name: '广东省市场监督管理局',
      shortName: '省市场监管局',
      section: '十七',
      duties: [{ ref: '', text: '配合有关监管部门开展职业病防治专项整治，按照职责分工依法查处无照经营。' }],
    },
    {
      id: 'gd_ybj',
      name: '广东省医疗保障局',
      shortName: '省医保局',
      section: '十八',
      duties: [
        {
          ref: '',
          text: '负责指导各地按政策对用人单位已经不存在或者无法确认劳动关系的属于医疗救助对象范围的职业病病人开展医疗救助。',
        },
      ],
    },
    {
      id: 'gd_gdj',
      name: '广东省广播电视局',
      shortName: '省广电局',
      section: '十九',
      duties: [
        {
          ref: '',
          text: '组织指导全省广播电视播出机构开展职业病防治社会性公益宣传教育，对违反职业病防治法律法规的行为进行舆论监督。',
        },
      ],
    },
    {
      id: 'gd_zgh',
      name: '广东省总工会',
      shortName: '省总工会',
      section: '二十',
      duties: [
        {
          ref: '(一)',
          text: '依法对职业病防治工作进行监督，反映劳动者职业健康方面的诉求，提出意见和建议，维护劳动者合法权益。',
        },
        { ref: '(二)', text: '依法参与职业病危害事故的调查处理工作，代表职工监督事故发生单位防范和整改措施落实情况。' },
        {
          ref: '(三)',
          text: '用人单位发生严重职业病危害事故时，要求其采取防护措施，或者向政府有关部门建议采取强制性措施。发现危及劳动者生命健康的情形时，向用人单位建议组织劳动者撤离危险现场。',
        },
        {
          ref: '(四)',
          text: '督促并协助用人单位开展职业卫生宣传和教育。动员广大职工开展群众性职业健康监督和隐患排查，落实职工岗位职业病防治责任。',
        },
        {
          ref: '(五)',
          text: '调查研究职业病防治工作中涉及职工合法权益的重大问题，参与有关职业病防治政策、措施、制度和法律、法规草案的拟订工作。',
        },
      ],
    },
  ],
  routing: [
    {
      id: 'wjw_lead',
      unitId: 'gd_wjw',
      role: 'lead',
      when: { not: RADIATION },
      reason: '每起职业病危害事故（辐射事故除外）：卫健委协调处置',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'wjw_radiation',
      unitId: 'gd_wjw',
      role: 'support',
      when: RADIATION,
      reason: '辐射事故：卫健委参与放射性污染事故应急、指导医疗应急（国务院令第449号第四十三条：卫生主管部门负责医疗应急）',
      basis: { unitDuty: '(十一)' },
    },
    {
      id: 'stht_radiation_lead',
      unitId: 'gd_stht',
      role: 'lead',
      when: RADIATION,
      reason: '辐射事故：生态环境主管部门负责应急响应、调查处理和定性定级（国务院令第449号第四十三条）',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'zgh_all',
      unitId: 'gd_zgh',
      role: 'support',
      when: { always: true },
      reason: '每起职业病危害事故：工会依法参与调查处理',
      basis: { unitDuty: '(二)' },
    },
    {
      id: 'zgh_serious',
      unitId: 'gd_zgh',
      role: 'support',
      when: { severityAtLeast: 'major' },
      reason: '重大及以上事故：要求用人单位采取防护措施、组织撤离',
      basis: { unitDuty: '(三)' },
    },
    {
      id: 'rst_casualties',
      unitId: 'gd_rst',
      role: 'support',
      when: DISEASE_OR_DEATH,
      reason: '有病例、死亡或确诊慢性职业病：依据职业病诊断结果做好职业病人的社会保障工作',
      basis: { unitDuty: '(三)' },
    },
    {
      id: 'rst_vocational',
      unitId: 'gd_rst',
      role: 'support',
      when: { setting: ['vocational_school'] },
      reason: '发生在技工学校或职业培训机构',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'yjt_dust_toxic',
      unitId: 'gd_yjt',
      role: 'support',
      when: {
        any: [
          { acutePoisoningKind: true },
          { setting: ['mine'] },
          { industry: [...DUST_TOXIC_INDUSTRIES] },
          { regime: ['production_safety_accident'] },
        ],
      },
      reason: '急性中毒、矿山等尘毒危害重点行业或同时构成生产安全事故',
      basis: { unitDuty: '' },
    },
    {
      id: 'stht_env',
      unitId: 'gd_stht',
      role: 'support',
      when: { any: [RADIATION, { flag: ['environmental_release'] }] },
      reason: '放射/辐射事故，或有害物质泄漏到大气、水体、土壤',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'zjt_construction',
      unitId: 'gd_zjt',
      role: 'support',
      when: { setting: ['construction_site'] },
      reason: '房屋建筑或市政基础设施（含城市轨道交通）建设工地',
      basis: { unitDuty: '' },
    },
    {
      id: 'jtt_construction',
      unitId: 'gd_jtt',
      role: 'support',
      when: { setting: ['transport_construction'] },
      reason: '公路、水运、地方铁路（含城际轨道）建设工程',
      basis: { unitDuty: '(二)' },
    },
    {
      id: 'jtt_industry',
      unitId: 'gd_jtt',
      role: 'support',
      when: { industry: ['transport'] },
      reason: '公路、水运等交通运输行业用人单位',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'jyt_school',
      unitId: 'gd_jyt',
      role: 'support',
      when: { all: [{ setting: ['school', 'university'] }, { not: { setting: ['vocational_school'] } }] },
      reason: '发生在其监管的学校或幼儿园（含高校；技工学校、职业培训院校除外）',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'sft_prison',
      unitId: 'gd_sft',
      role: 'support',
      when: { setting: ['prison'] },
      reason: '发生在监狱或戒毒场所',
      basis: { unitDuty: '(一)' },
    },
    {
      id: 'ybj_inmates',
      unitId: 'gd_ybj',
      role: 'inform',
      when: { all: [{ setting: ['prison'] }, DISEASE_OR_DEATH] },
      reason: '服刑、戒毒人员中的职业病患者：医保局会同司法厅开展医疗救助',
      basis: { documentClause: '七(一)', quote: '配合省医保局、民政厅等部门对服刑、戒毒人员中的职业病患者开展医疗救助和生活等方面的救助。' },
    },
    {
      id: 'mzt_inmates',
      unitId: 'gd_mzt',
      role: 'inform',
      when: { all: [{ setting: ['prison'] }, DISEASE_OR_DEATH] },
      reason: '服刑、戒毒人员中的职业病患者：民政厅会同司法厅开展生活救助',
      basis: { documentClause: '七(一)', quote: '配合省医保局、民政厅等部门对服刑、戒毒人员中的职业病患者开展医疗救助和生活等方面的救助。' },
    },
    {
      id: 'kjt_research',
      unitId: 'gd_kjt',
      role: 'support',
      when: { setting: ['research_institute'] },
      reason: '发生在科研单位：配合主管部门指导科研单位职业健康监管',
      basis: { unitDuty: '(二)' },
    },
    {
      id: 'zrzyt_illegal_mining',
      unitId: 'gd_zrzyt',
      role: 'support',
      when: {
        any: [{ flag: ['illegal_mining'] }, { all: [{ any: [{ setting: ['mine'] }, { industry: ['non_coal_mine'] }] }, { licensed: false }] }],
      },
      reason: '无证勘查开采、持勘查许可证采矿或超越批准的矿区范围采矿',
      basis: { unitDuty: '' },
    },
    {
      id: 'gzw_state_owned',
      unitId: 'gd_gzw',
      role: 'support',
      when: { stateOwnerLevel: ['provincial'] },
      reason: '省属国有企业：省国资委督促应急救援预案和应急救援队伍',
      basis: { unitDuty: '(四)' },
    },
    {
      id: 'scjg_unlicensed',
      unitId: 'gd_scjg',
      role: 'support',
      when: { licensed: false },
      reason: '用人单位无照经营',
      basis: { unitDuty: '' },
    },
    {
      id: 'swt_foreign',
      unitId: 'gd_swt',
      role: 'inform',
      when: { ownership: ['foreign_invested'] },
      reason: '外商投资企业',
      basis: { unitDuty: '' },
    },
    {
      id: 'mzt_relief',
      unitId: 'gd_mzt',
      role: 'inform',
      when: CHRONIC_CASES,
      reason: '确诊慢性职业病：符合条件的职业病病人纳入最低生活保障、特困供养、临时救助范围',
      basis: { unitDuty: '' },
    },
    {
      id: 'ybj_relief',
      unitId: 'gd_ybj',
      role: 'inform',
      when: NO_EMPLOYER_OR_RELATION,
      reason: '有病例、死亡或确诊慢性职业病，且用人单位已不存在或劳动关系无法确认：医疗救助',
      basis: { unitDuty: '' },
    },
    {
      id: 'gxt_industrial',
      unitId: 'gd_gxt',
      role: 'inform',
      when: { industry: [...INDUSTRIAL] },
      reason: '用人单位属工业企业（重点行业）',
      basis: { unitDuty: '' },
    },
    {
      id: 'gdj_media',
      unitId: 'gd_gdj',
      role: 'inform',
      when: { any: [{ flag: ['media_attention'] }, { severityAtLeast: 'extraordinary' }] },
      reason: '受到媒体关注，或特大事故：广播电视舆论监督',
      basis: { unitDuty: '' },
    },
    {
      id: 'czt_funding',
      unitId: 'gd_czt',
      role: 'inform',
      when: { severityAtLeast: 'extraordinary' },
      reason: '特大事故：安排所需经费',
      basis: { unitDuty: '' },
    },
  ],
  leadDeviations: [
    {
      regime: 'production_safety_accident',
      unitId: 'gd_yjt',
      reason: '本职责分工中省应急管理厅负责尘毒危害重点行业安全生产治理，职业病危害事故的协调处置由省卫生健康委负责；生产安全事故的调查处理由应急管理部门依国务院令第493号另行组织',
      basis: { documentClause: '一(一)', quote: '协调开展职业病防治工作。' },
    },
  ],
  ackDeadlineMinutes: {
    lead: { general: 30, major: 15, extraordinary: 10 },
    support: { general: 60, major: 30, extraordinary: 15 },
    inform: { general: 240, major: 120, extraordinary: 60 },
  },
};

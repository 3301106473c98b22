/**
 * Chinese names of every enumeration code, for the web forms, the board and readable rulebook
 * conditions. Imports only the enums, so the server and the browser share it.
 */
import type {
  AlertKind,
  Channel,
  HazardCategory,
  IncidentFlag,
  IncidentStatus,
  Industry,
  LaborRelation,
  RadiationSourceClass,
  StateOwnerLevel,
  NotificationState,
  ObligationMethod,
  ObligationState,
  Ownership,
  RegimeCode,
  ReportKind,
  Setting,
  Severity,
  TaskState,
  UnitRole,
  UserRole,
} from '../domain/enums.js';

export const SEVERITY_LABELS: Record<Severity, string> = { general: '一般', major: '重大', extraordinary: '特大' };

export const ROLE_LABELS: Record<UnitRole, string> = { lead: '牵头', support: '配合', inform: '知悉' };

export const HAZARD_LABELS: Record<HazardCategory, string> = {
  acute_poisoning: '急性职业中毒',
  radiation: '放射/辐射事故',
  anthrax: '职业性炭疽',
  asphyxiation: '窒息',
  heatstroke: '职业性中暑',
  pneumoconiosis_cluster: '尘肺病聚集',
  other: '其他',
};

export const SETTING_LABELS: Record<Setting, string> = {
  construction_site: '建筑/市政工地',
  transport_construction: '交通建设工程',
  school: '学校/幼儿园',
  vocational_school: '职业院校',
  medical_radiology: '医疗放射',
  mine: '矿山',
  prison: '监狱',
  civil_explosives: '民用爆炸物品',
  university: '普通高校',
  research_institute: '科研单位',
};

export const FLAG_LABELS: Record<IncidentFlag, string> = {
  suspected_crime: '涉嫌犯罪',
  media_attention: '媒体关注',
  environmental_release: '环境释放（大气/水/土壤）',
  illegal_mining: '无证开采或超越批准矿区范围采矿',
};

export const INDUSTRY_LABELS: Record<Industry, string> = {
  non_coal_mine: '非煤矿山',
  cement: '水泥',
  metal_smelting: '金属冶炼',
  ceramics: '陶瓷',
  stone: '石材',
  machinery: '机械',
  metallurgy: '冶金',
  light_industry: '轻工',
  chemical: '化工',
  building_materials: '建材',
  nonferrous: '有色',
  textile: '纺织',
  construction: '建筑施工',
  transport: '交通运输',
  healthcare: '医疗卫生',
  education: '教育',
  other: '其他',
};

export const OWNERSHIP_LABELS: Record<Ownership, string> = {
  state_owned: '国有',
  private: '私营',
  foreign_invested: '外商投资',
  collective: '集体',
  other: '其他',
  unknown: '不详',
};

export const LABOR_RELATION_LABELS: Record<LaborRelation, string> = { determined: '可以确定', undetermined: '无法确定' };

export const STATE_OWNER_LEVEL_LABELS: Record<StateOwnerLevel, string> = {
  central: '中央企业',
  provincial: '省属企业',
  city: '市属企业',
  county: '县（区）属企业',
};

export const RADIATION_SOURCE_CLASS_LABELS: Record<RadiationSourceClass, string> = {
  I: 'Ⅰ类放射源',
  II: 'Ⅱ类放射源',
  III: 'Ⅲ类放射源',
  IV: 'Ⅳ类放射源',
  V: 'Ⅴ类放射源',
  ray_device: '射线装置',
  unknown: '尚不清楚',
};

export const REGIME_LABELS: Record<RegimeCode, string> = {
  occupational_hazard_accident: '职业病危害事故',
  public_health_emergency: '突发公共卫生事件',
  production_safety_accident: '生产安全事故',
  radiation_accident: '辐射事故',
};

export const REPORT_KIND_LABELS: Record<ReportKind, string> = { initial: '初报', follow_up: '续报', final: '终报' };

export const INCIDENT_STATUS_LABELS: Record<IncidentStatus, string> = { open: '处置中', closed: '已结案' };

export const NOTIFICATION_STATE_LABELS: Record<NotificationState, string> = {
  pending: '待签收',
  acknowledged: '已签收',
  declined: '已退回',
  superseded: '已被续报取代',
  withdrawn: '已撤回',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  socket: '应用',
  api: '应用',
  web_push: '推送',
  sms: '短信',
  robot: '群机器人',
  link: '短信链接',
  voice: '语音电话',
};

export const USER_ROLE_LABELS: Record<UserRole, string> = {
  duty_officer: '值班员',
  commander: '指挥长',
  liaison: '联络员',
  unit_head: '单位负责人',
  admin: '管理员',
  jurisdiction_admin: '辖区管理员',
};

export const CASUALTY_LABELS = {
  exposed: '接触人数',
  acuteCases: '急性病例',
  severeCases: '重症病例',
  deaths: '死亡',
  anthraxCases: '炭疽病例',
  chronicCases: '慢性职业病确诊',
} as const;

/** The label of a code, or the code itself when the table does not know it (a newer server). */
export function labelOf<K extends string>(table: Record<K, string>, code: string | null | undefined): string {
  if (!code) return '';
  return (table as Record<string, string>)[code] ?? code;
}

export const TASK_STATE_LABELS: Record<TaskState, string> = { open: '待接收', accepted: '办理中', blocked: '受阻', done: '已完成', closed: '已关闭' };

export const OBLIGATION_STATE_LABELS: Record<ObligationState, string> = { due: '待上报', overdue: '逾期未报', submitted: '已上报', superseded: '已被续报取代' };

export const OBLIGATION_METHOD_LABELS: Record<ObligationMethod, string> = { phone: '电话', fax: '传真', document: '书面文件（文号）', system: '系统上报' };

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  ack_overdue: '逾期未签收',
  declined: '退回待处理',
  task_overdue: '任务逾期',
  obligation_overdue: '上报逾期',
  task_blocked: '任务受阻',
  standing_overdue: '联席会议事项逾期',
};

/** 信息通报 kinds (信阳 三(四)). */
export const BULLETIN_KIND_LABELS: Record<import('../domain/enums.js').BulletinKind, string> = { work_brief: '日常工作简报', notice: '信息通报', experience: '经验交流' };

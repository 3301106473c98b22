/**
 * Every enumeration of the domain, as `as const` tuples. This file imports nothing so that the
 * database schema, the zod contract, the OpenAPI document and the web forms all read one source.
 */

/** 卫生部令第25号 Art. 2 classes of an occupational hazard accident. */
export const SEVERITIES = ['general', 'major', 'extraordinary'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Role of a member unit in the response: 牵头 / 配合 / 知悉. */
export const UNIT_ROLES = ['lead', 'support', 'inform'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export const HAZARD_CATEGORIES = [
  'acute_poisoning',
  'radiation',
  'anthrax',
  'asphyxiation',
  'heatstroke',
  'pneumoconiosis_cluster',
  'other',
] as const;
export type HazardCategory = (typeof HAZARD_CATEGORIES)[number];

export const SETTINGS = [
  'construction_site',
  'transport_construction',
  'school',
  'vocational_school',
  'medical_radiology',
  'mine',
  'prison',
  'civil_explosives',
  /** 普通高校: excluded from 信阳 教育体育局's duty (附件三(三)). */
  'university',
  /** 科研单位: 广东 科技厅 四(二). */
  'research_institute',
] as const;
export type Setting = (typeof SETTINGS)[number];

/**
 * `illegal_mining`: 无证勘查开采、持勘查许可证采矿或超越批准的矿区范围采矿 (广东 自然资源厅), which a
 * licensed employer can do too.
 */
export const INCIDENT_FLAGS = ['suspected_crime', 'media_attention', 'environmental_release', 'illegal_mining'] as const;
export type IncidentFlag = (typeof INCIDENT_FLAGS)[number];

export const INDUSTRIES = [
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
  'construction',
  'transport',
  'healthcare',
  'education',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const OWNERSHIPS = ['state_owned', 'private', 'foreign_invested', 'collective', 'other', 'unknown'] as const;
export type Ownership = (typeof OWNERSHIPS)[number];

/** Which level's 国资委 holds a state-owned employer (宁德 市属, 广东 省属 企业). */
export const STATE_OWNER_LEVELS = ['central', 'provincial', 'city', 'county'] as const;
export type StateOwnerLevel = (typeof STATE_OWNER_LEVELS)[number];

/**
 * 国务院令第449号 classes of the radioactive source out of control (Ⅰ–Ⅴ), or a ray device
 * (`ray_device`), or not yet known.
 */
export const RADIATION_SOURCE_CLASSES = ['I', 'II', 'III', 'IV', 'V', 'ray_device', 'unknown'] as const;
export type RadiationSourceClass = (typeof RADIATION_SOURCE_CLASSES)[number];

/**
 * Bodies a statute names as leading or to be told, so that a regime's lead can be matched to the
 * member unit that is that body in a jurisdiction.
 */
export const AUTHORITIES = ['health', 'ecology_environment', 'emergency_management', 'public_security'] as const;
export type Authority = (typeof AUTHORITIES)[number];

export const LABOR_RELATIONS = ['determined', 'undetermined'] as const;
export type LaborRelation = (typeof LABOR_RELATIONS)[number];

/** Other legal regimes the facts of an accident can trigger besides 卫生部令第25号. */
export const REGIME_CODES = [
  'occupational_hazard_accident',
  'public_health_emergency',
  'production_safety_accident',
  'radiation_accident',
] as const;
export type RegimeCode = (typeof REGIME_CODES)[number];

/** 初报 / 续报 / 终报. */
export const REPORT_KINDS = ['initial', 'follow_up', 'final'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const INCIDENT_STATUSES = ['open', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/**
 * A unit's notification for one report version. `superseded`: a later version asked the unit to
 * acknowledge again; `withdrawn`: a later version no longer concerns the unit.
 */
export const NOTIFICATION_STATES = ['pending', 'acknowledged', 'declined', 'superseded', 'withdrawn'] as const;
export type NotificationState = (typeof NOTIFICATION_STATES)[number];

/** Progress of one delivery (one person, one channel). */
export const DELIVERY_STATES = ['queued', 'sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * `socket`: the app over socket.io; `api`: the app or another client over REST; `voice`: a
 * text-to-speech call to the person on duty (key 1 acknowledges).
 */
export const CHANNELS = ['socket', 'api', 'web_push', 'sms', 'robot', 'link', 'voice'] as const;
export type Channel = (typeof CHANNELS)[number];

export const USER_ROLES = ['duty_officer', 'commander', 'liaison', 'unit_head', 'admin', 'jurisdiction_admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const JURISDICTION_LEVELS = ['province', 'city', 'county'] as const;
export type JurisdictionLevel = (typeof JURISDICTION_LEVELS)[number];

export const UNIT_KINDS = ['department', 'township'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** How an upward report (上报) was made. `system`: through Lianfang to a jurisdiction of the same deployment. */
export const OBLIGATION_METHODS = ['phone', 'fax', 'document', 'system'] as const;
export type ObligationMethod = (typeof OBLIGATION_METHODS)[number];

/** Where an upward-reporting obligation stands: computed from its deadline, its submission and the time. */
/** `superseded`: a 续报 raised the severity and a duty of the new grade replaced it. */
export const OBLIGATION_STATES = ['due', 'overdue', 'submitted', 'superseded'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

/**
 * A joint response task (联合处置任务): `open` assigned and not yet accepted, `accepted` under way,
 * `blocked` the unit cannot proceed (with its reason), `done` finished, `closed` ended by a
 * commander with a reason (no longer needed).
 */
export const TASK_STATES = ['open', 'accepted', 'blocked', 'done', 'closed'] as const;
export type TaskState = (typeof TASK_STATES)[number];

/** A task's unit either leads (牵头) or supports (配合); 知悉 units get no tasks. */
export const TASK_ROLES = ['lead', 'support'] as const;
export type TaskRole = (typeof TASK_ROLES)[number];

/** 督办 alert kinds: late acknowledgement, decline, overdue or blocked task, overdue upward report, late standing work (meeting reply, minutes consent, agreed item). */
export const ALERT_KINDS = ['ack_overdue', 'declined', 'task_overdue', 'obligation_overdue', 'task_blocked', 'standing_overdue'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * A report a member unit files (信阳 三(四)2 「其他部门如遇…及时向有关单位通报」): it waits for the
 * commission, which confirms it (it becomes the 初报 of an incident) or declines it with a reason.
 */
export const UNIT_REPORT_STATES = ['pending', 'confirmed', 'rejected'] as const;
export type UnitReportState = (typeof UNIT_REPORT_STATES)[number];
/** 成员调整: a change of a unit's member or liaison, proposed by the unit, confirmed by the office. */
export const MEMBER_CHANGE_KINDS = ['add_person', 'replace_person', 'remove_person'] as const;
export type MemberChangeKind = (typeof MEMBER_CHANGE_KINDS)[number];

export const MEMBER_CHANGE_STATES = ['proposed', 'confirmed', 'rejected'] as const;
export type MemberChangeState = (typeof MEMBER_CHANGE_STATES)[number];

/**
 * 信息通报 kinds (信阳 三(四)): 日常工作简报 the office's regular bulletin; 信息通报 a notice of
 * something that happened; 经验交流 a unit's experience shared with the others.
 */
export const BULLETIN_KINDS = ['work_brief', 'notice', 'experience'] as const;
export type BulletinKind = (typeof BULLETIN_KINDS)[number];

/** A bulletin is drafted, then published to its recipients (nobody but its publisher sees a draft). */
export const BULLETIN_STATES = ['draft', 'published'] as const;
export type BulletinState = (typeof BULLETIN_STATES)[number];

/**
 * The joint meeting's standing work (信阳 三(一), 四(二)): a request to one member unit with a
 * deadline, chased on the same ladder as an acknowledgement.
 *   meeting_reply    会议回执: who attends a meeting (the member, or a deputy with the reason)
 *   minutes_consent  纪要会签: an attending unit agrees to the minutes or asks for a change
 *   agreed_item      议定事项: a lead or supporting unit reports progress and completion
 *   proposal_consent 征求意见 (信阳 四(四)): a unit concerned agrees to a proposal or objects with the reason
 */
/*   annual_submission 年度报送: every member unit's summary, plan and topics by 15 January (信阳 四(三)) */
/*   campaign_task     联合执法 / 专项整治 (信阳 三(三)): a participating unit reports progress and completion of its task */
export const STANDING_REQUEST_KINDS = ['meeting_reply', 'minutes_consent', 'agreed_item', 'proposal_consent', 'annual_submission', 'campaign_task'] as const;
export type StandingRequestKind = (typeof STANDING_REQUEST_KINDS)[number];

/** pending: waiting for the unit (chased); answered/agreed/change_requested/done: the unit's answer; withdrawn/superseded: no longer asked. */
export const STANDING_REQUEST_STATES = ['pending', 'answered', 'agreed', 'change_requested', 'objected', 'done', 'withdrawn', 'superseded'] as const;
export type StandingRequestState = (typeof STANDING_REQUEST_STATES)[number];

/** The unit's part in the standing work: invited to a meeting, attending it (consent), leading or supporting an agreed item. */
/** `member`: asked as a member unit of the joint meeting (the annual submission). */
export const STANDING_ROLES = ['invited', 'attending', 'lead', 'support', 'concerned', 'member'] as const;
export type StandingRole = (typeof STANDING_ROLES)[number];

/** 全体会议 / 专题会议. */
export const MEETING_KINDS = ['plenary', 'topical'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** 会议纪要: drafted and out for consent → agreed by every attending unit → issued; a revision supersedes a version. */
export const MINUTES_STATES = ['consulting', 'agreed', 'issued', 'superseded'] as const;
export type MinutesState = (typeof MINUTES_STATES)[number];

/** How a unit answers a meeting: its member attends, a deputy attends (with the reason). */
export const ATTENDANCE_KINDS = ['member', 'deputy'] as const;
export type AttendanceKind = (typeof ATTENDANCE_KINDS)[number];

/**
 * 重大问题和决策建议 (信阳 四(四)): a proposal binding several units is put to them; once all have
 * answered it is agreed, or disagreed (someone objected); a disagreement is referred to the
 * government (提请市政府决定), whose decision is recorded.
 */
export const PROPOSAL_STATES = ['consulting', 'agreed', 'disagreed', 'referred', 'decided'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
export const PROPOSAL_KINDS = ['joint_document', 'campaign', 'publicity', 'policy'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** 联合行动 (信阳 三(三)): 部门联合执法 / 专项整治 (督促检查 is run as either). */
export const CAMPAIGN_KINDS = ['joint_enforcement', 'special_rectification'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/**
 * The system of record. Every change of state writes a row in `events` in the same transaction;
 * realtime delivery and the after-action timeline read that log.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  pgSequence,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import {
  ALERT_KINDS as ALERT_KIND_VALUES,
  BULLETIN_KINDS,
  BULLETIN_STATES,
  MEMBER_CHANGE_KINDS,
  MEMBER_CHANGE_STATES,
  CHANNELS,
  DELIVERY_STATES,
  INCIDENT_STATUSES,
  JURISDICTION_LEVELS,
  NOTIFICATION_STATES,
  OBLIGATION_METHODS,
  REPORT_KINDS,
  SEVERITIES,
  TASK_STATES,
  UNIT_KINDS,
  UNIT_REPORT_STATES,
  UNIT_ROLES,
  USER_ROLES,
  STANDING_REQUEST_KINDS,
  STANDING_REQUEST_STATES,
  STANDING_ROLES,
  MEETING_KINDS,
  MINUTES_STATES,
  PROPOSAL_KINDS,
  CAMPAIGN_KINDS,
  PROPOSAL_STATES,
} from '../domain/enums.js';
import type { Classification } from '../domain/classification.js';
import type { RoutingDecision, RoutingExclusion, RoutingWarning } from '../domain/routing.js';
import type { IncidentFacts, ReportSubmission } from '../contract/report.js';
import type { Rulebook } from '../rulebooks/schema.js';
import type { Rota } from '../domain/rota.js';

export const severityEnum = pgEnum('severity', SEVERITIES);
export const unitRoleEnum = pgEnum('unit_role', UNIT_ROLES);
export const reportKindEnum = pgEnum('report_kind', REPORT_KINDS);
export const incidentStatusEnum = pgEnum('incident_status', INCIDENT_STATUSES);
export const notificationStateEnum = pgEnum('notification_state', NOTIFICATION_STATES);
export const deliveryStateEnum = pgEnum('delivery_state', DELIVERY_STATES);
export const channelEnum = pgEnum('channel', CHANNELS);
export const userRoleEnum = pgEnum('user_role', USER_ROLES);
export const jurisdictionLevelEnum = pgEnum('jurisdiction_level', JURISDICTION_LEVELS);
export const unitKindEnum = pgEnum('unit_kind', UNIT_KINDS);
export const taskStateEnum = pgEnum('task_state', TASK_STATES);
export const obligationMethodEnum = pgEnum('obligation_method', OBLIGATION_METHODS);
export const unitReportStateEnum = pgEnum('unit_report_state', UNIT_REPORT_STATES);

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const jurisdictions = pgTable('jurisdictions', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  level: jurisdictionLevelEnum('level').notNull(),
  parentId: text('parent_id'),
  utcOffset: text('utc_offset').notNull(),
  rulebookVersion: text('rulebook_version').notNull(),
});

/** Every version of every rulebook ever loaded; a report version records the one it was routed by. */
export const rulebooks = pgTable(
  'rulebooks',
  {
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    version: text('version').notNull(),
    content: jsonb('content').$type<Rulebook>().notNull(),
    loadedAt: tz('loaded_at').notNull().defaultNow(),
    /** Set for versions an administrator made (成员单位调整): the version it changed, who, and why. */
    basedOn: text('based_on'),
    createdBy: text('created_by'),
    reason: text('reason'),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.version] })],
);

/** 成员单位. */
export const memberUnits = pgTable(
  'member_units',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    name: text('name').notNull(),
    shortName: text('short_name').notNull(),
    kind: unitKindEnum('kind').notNull(),
    section: text('section'),
    duties: jsonb('duties').$type<{ ref: string; text: string }[]>().notNull(),
    position: integer('position').notNull(),
    /** 撤销: no longer routed or listed as a member; kept because past notifications name it. */
    retiredAt: tz('retired_at'),
    /** 合并: the unit that took over its duties and people. */
    mergedInto: text('merged_into'),
  },
  (t) => [index('member_units_jurisdiction_idx').on(t.jurisdictionId)],
);

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  username: text('username').notNull().unique(),
  passwordHash: text('password_hash').notNull(),
  displayName: text('display_name').notNull(),
  role: userRoleEnum('role').notNull(),
  /** Null only for deployment-wide admins. */
  jurisdictionId: text('jurisdiction_id').references(() => jurisdictions.id),
  /** Set for liaisons and unit heads. */
  unitId: text('unit_id').references(() => memberUnits.id),
  phone: text('phone'),
  /** Hand-set before rotas; a unit's rota (duty_rotas) now decides who is on duty when. */
  onDuty: boolean('on_duty').notNull().default(true),
  /** SHA-256 of the secret in the person's calendar feed URL; rotating it replaces the URL. */
  calendarTokenHash: text('calendar_token_hash').unique(),
  active: boolean('active').notNull().default(true),
  createdAt: tz('created_at').notNull().defaultNow(),
  /** Set by an administrator's reset: the person must choose a new password before anything else. */
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  /** Created by the demo seed with the published password: refused at login in production. */
  demo: boolean('demo').notNull().default(false),
  /** A machine client (e.g. a county's own system): no password, acts only through its API key. */
  serviceAccount: boolean('service_account').notNull().default(false),
});

/**
 * A service account's API key: only its SHA-256 is stored; the key is shown once. Scopes are the
 * operations it may perform (src/domain/policy/api-scopes.ts), within its account's jurisdiction.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull().references(() => users.id),
    keyHash: text('key_hash').notNull().unique(),
    /** The key's first characters, so an administrator can tell keys apart. */
    prefix: text('prefix').notNull(),
    scopes: text('scopes').array().notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
    revokedAt: tz('revoked_at'),
    lastUsedAt: tz('last_used_at'),
  },
  (t) => [index('api_keys_user_idx').on(t.userId)],
);

/**
 * 值班表: one rota per member unit (the commission's duty office is the commission's own unit), as
 * the document `domain/rota.ts` reads. Times are the jurisdiction's local time.
 */
export const dutyRotas = pgTable('duty_rotas', {
  unitId: text('unit_id').primaryKey().references(() => memberUnits.id),
  jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
  rota: jsonb('rota').$type<Rota>().notNull(),
  revision: integer('revision').notNull().default(1),
  updatedAt: tz('updated_at').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
});

/** Revocable sessions; only the SHA-256 of the bearer token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: text('user_id').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    revokedAt: tz('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Failed logins, counted per username in a sliding window to rate-limit guessing. */
export const loginFailures = pgTable(
  'login_failures',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    username: text('username').notNull(),
    address: text('address').notNull(),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('login_failures_username_at_idx').on(t.username, t.at), index('login_failures_address_at_idx').on(t.address, t.at)],
);

/**
 * Login limits, one row per scope (see src/domain/login-limits.ts): an account from one source
 * (address or device), an account from unknown sources, an address against every account.
 * Attempts are reserved under a row lock before the password is checked.
 */
export const loginLimits = pgTable('login_limits', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastAttemptAt: tz('last_attempt_at'),
  blockedUntil: tz('blocked_until'),
  /** Last correct password from this source: it is then known-good for the account. */
  succeededAt: tz('succeeded_at'),
});

export const incidents = pgTable(
  'incidents',
  {
    id: text('id').primaryKey(),
    /** Human reference, e.g. XY-20261123-0001. */
    ref: text('ref').notNull().unique(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    title: text('title').notNull(),
    status: incidentStatusEnum('status').notNull().default('open'),
    severity: severityEnum('severity').notNull(),
    currentVersion: integer('current_version').notNull(),
    occurredAt: tz('occurred_at').notNull(),
    receivedAt: tz('received_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    closedAt: tz('closed_at'),
    /** 演练: an exercise. Clocks and escalation run as for real; statistics and accountability leave it out. */
    drill: boolean('drill').notNull().default(false),
    /** 逐级上报: the lower jurisdiction's incident this one arrived from, when it did. */
    sourceIncidentId: text('source_incident_id'),
    closedBy: text('closed_by').references(() => users.id),
    /** Why a commander closed it while obligations or tasks were still open. */
    closeOverrideReason: text('close_override_reason'),
  },
  (t) => [
    index('incidents_jurisdiction_status_idx').on(t.jurisdictionId, t.status, t.receivedAt),
    uniqueIndex('incidents_source_jurisdiction_uq').on(t.sourceIncidentId, t.jurisdictionId).where(sql`source_incident_id is not null`),
  ],
);

/** 初报 / 续报 / 终报: the facts as filed, and what the engine made of them at the time. */
export const reportVersions = pgTable(
  'report_versions',
  {
    incidentId: text('incident_id').notNull().references(() => incidents.id),
    version: integer('version').notNull(),
    kind: reportKindEnum('kind').notNull(),
    facts: jsonb('facts').$type<IncidentFacts>().notNull(),
    classification: jsonb('classification').$type<Classification>().notNull(),
    routing: jsonb('routing').$type<RoutingDecision[]>().notNull(),
    excluded: jsonb('excluded').$type<RoutingExclusion[]>().notNull(),
    warnings: jsonb('warnings').$type<RoutingWarning[]>().notNull(),
    rulebookVersion: text('rulebook_version').notNull(),
    /** Whether this version changed severity, routing or casualties and so asks units to acknowledge again. */
    requiresReacknowledgement: boolean('requires_reacknowledgement').notNull(),
    filedBy: text('filed_by').notNull().references(() => users.id),
    filedAt: tz('filed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.incidentId, t.version] })],
);

/** One per unit per report version that concerns it. */
export const notifications = pgTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull().references(() => incidents.id),
    reportVersion: integer('report_version').notNull(),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    role: unitRoleEnum('role').notNull(),
    basis: text('basis').notNull(),
    state: notificationStateEnum('state').notNull().default('pending'),
    createdAt: tz('created_at').notNull(),
    ackDueAt: tz('ack_due_at').notNull(),
    firstDeliveredAt: tz('first_delivered_at'),
    firstReadAt: tz('first_read_at'),
    acknowledgedAt: tz('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by').references(() => users.id),
    acknowledgedVia: channelEnum('acknowledged_via'),
    acknowledgementNote: text('acknowledgement_note'),
    declinedAt: tz('declined_at'),
    declinedBy: text('declined_by').references(() => users.id),
    declineReason: text('decline_reason'),
    /** A decline stays open for the commanders until one reassigns it or confirms it, with a reason. */
    declineResolvedAt: tz('decline_resolved_at'),
    declineResolvedBy: text('decline_resolved_by').references(() => users.id),
    declineResolution: text('decline_resolution').$type<'reassigned' | 'confirmed'>(),
    declineResolutionReason: text('decline_resolution_reason'),
    /** The notification of the unit it was reassigned to. */
    reassignedTo: text('reassigned_to'),
    closedAt: tz('closed_at'),
    /** Escalation ladder: the last step taken (0 = none) and when the next one is due (null = none left). */
    escalationStep: integer('escalation_step').notNull().default(0),
    nextEscalationAt: tz('next_escalation_at'),
  },
  (t) => [
    uniqueIndex('notifications_incident_version_unit_uq').on(t.incidentId, t.reportVersion, t.unitId),
    index('notifications_unit_state_idx').on(t.unitId, t.state),
    index('notifications_escalation_due_idx').on(t.nextEscalationAt).where(sql`state = 'pending'`),
  ],
);

/**
 * 上报义务: one statutory upward-reporting obligation of an incident (to whom, by when, under which
 * article), computed by `domain/obligations.ts`, and how it was met. The engine chases it at
 * `next_chase_at` (its deadline) while it is not submitted.
 */
export const obligations = pgTable(
  'obligations',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull().references(() => incidents.id),
    /** The rule of the statute it comes from, e.g. `ohs_general_government`; unique per incident. */
    key: text('key').notNull(),
    regime: text('regime').notNull(),
    recipientKind: text('recipient_kind').notNull(),
    recipientName: text('recipient_name').notNull(),
    /** Set when the recipient is a jurisdiction of this deployment (逐级上报). */
    recipientJurisdictionId: text('recipient_jurisdiction_id').references(() => jurisdictions.id),
    /** The statute's limit in minutes; null for 立即/及时. */
    statutoryMinutes: integer('statutory_minutes'),
    /** The limit applied: the statute's, or the rulebook's tighter one. */
    targetMinutes: integer('target_minutes').notNull(),
    deadlineText: text('deadline_text').notNull(),
    citation: text('citation').notNull(),
    requirement: text('requirement').notNull(),
    /** Another party's duty the commission checks (e.g. the employer's report to 应急管理): shown, not chased, not blocking the 终报. */
    informational: boolean('informational').notNull().default(false),
    /** When the clock started: receipt of the report that created it. */
    startsAt: tz('starts_at').notNull(),
    dueAt: tz('due_at').notNull(),
    createdAt: tz('created_at').notNull(),
    createdByVersion: integer('created_by_version').notNull(),
    submittedAt: tz('submitted_at'),
    submittedBy: text('submitted_by').references(() => users.id),
    submittedVia: obligationMethodEnum('submitted_via'),
    submissionReference: text('submission_reference'),
    submissionNote: text('submission_note'),
    recordedAt: tz('recorded_at'),
    /** The incident it arrived as in the recipient jurisdiction. */
    upstreamIncidentId: text('upstream_incident_id').references(() => incidents.id),
    nextChaseAt: tz('next_chase_at'),
    /** Set when a 续报 raised the severity and the duty of the new grade (`superseded_by_key`) replaced this one. */
    supersededAt: tz('superseded_at'),
    supersededByKey: text('superseded_by_key'),
  },
  (t) => [
    uniqueIndex('obligations_incident_key_uq').on(t.incidentId, t.key),
    index('obligations_chase_due_idx').on(t.nextChaseAt).where(sql`submitted_at is null`),
  ],
);

/**
 * 联合处置任务: a joint response task for one unit, with its due time. The engine chases an
 * overdue task with the same ladder as an unacknowledged notification.
 */
export const responseTasks = pgTable(
  'response_tasks',
  {
    id: text('id').primaryKey(),
    incidentId: text('incident_id').notNull().references(() => incidents.id),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    role: unitRoleEnum('role').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** The rulebook suggestion it was made from, if any. */
    suggestionId: text('suggestion_id'),
    state: taskStateEnum('state').notNull().default('open'),
    dueAt: tz('due_at').notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    acceptedAt: tz('accepted_at'),
    acceptedBy: text('accepted_by').references(() => users.id),
    doneAt: tz('done_at'),
    doneBy: text('done_by').references(() => users.id),
    blockedAt: tz('blocked_at'),
    blockedReason: text('blocked_reason'),
    closedAt: tz('closed_at'),
    closedBy: text('closed_by').references(() => users.id),
    closeReason: text('close_reason'),
    lastNote: text('last_note'),
    escalationStep: integer('escalation_step').notNull().default(0),
    nextEscalationAt: tz('next_escalation_at'),
  },
  (t) => [
    index('response_tasks_incident_idx').on(t.incidentId),
    index('response_tasks_unit_state_idx').on(t.unitId, t.state),
    index('response_tasks_escalation_due_idx').on(t.nextEscalationAt).where(sql`state in ('open', 'accepted', 'blocked')`),
  ],
);

/**
 * One message to one recipient over one channel, for one notification and one round of the
 * ladder (0 = first notice, 1 = re-send at the deadline, 2 = the unit head):
 * queued → sent → delivered → read, or failed with the reason. External channels are sent by the
 * dispatcher, which claims due rows and retries temporary failures with backoff.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    /** What the message is about: a notification, a task (assigned or overdue), or a standing request (joint meeting work). */
    notificationId: text('notification_id').references(() => notifications.id),
    taskId: text('task_id').references(() => responseTasks.id),
    standingRequestId: text('standing_request_id').references((): AnyPgColumn => standingRequests.id),
    /** Standing work only: a change the unit is told of (a meeting moved or called off), sent whatever the request's state. */
    notice: text('notice'),
    round: integer('round').notNull().default(0),
    /** The person reached; null for a unit's group robot. */
    userId: text('user_id').references(() => users.id),
    unitId: text('unit_id').references(() => memberUnits.id),
    channel: channelEnum('channel').notNull(),
    contactPointId: text('contact_point_id'),
    /** contact point id, else user id: what makes the row unique within a round and channel. */
    recipientKey: text('recipient_key').notNull().default(''),
    state: deliveryStateEnum('state').notNull(),
    queuedAt: tz('queued_at').notNull(),
    /** When the dispatcher may (re)try; also its lease while a send is under way. */
    nextAttemptAt: tz('next_attempt_at'),
    sentAt: tz('sent_at'),
    deliveredAt: tz('delivered_at'),
    readAt: tz('read_at'),
    failedAt: tz('failed_at'),
    failureReason: text('failure_reason'),
    providerMessageId: text('provider_message_id'),
    attempts: integer('attempts').notNull().default(0),
  },
  (t) => [
    uniqueIndex('deliveries_recipient_uq').on(t.notificationId, t.round, t.channel, t.recipientKey),
    index('deliveries_due_idx').on(t.nextAttemptAt).where(sql`state = 'queued'`),
    // The office's standing-work pages list what never reached a unit.
    index('deliveries_failed_standing_idx').on(t.standingRequestId).where(sql`state = 'failed' and standing_request_id is not null`),
  ],
);

/** How a person (phone, push subscription) or a unit (group robot) can be reached beyond the app. */
export const contactPoints = pgTable(
  'contact_points',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').references(() => users.id),
    unitId: text('unit_id').references(() => memberUnits.id),
    channel: channelEnum('channel').notNull(),
    provider: text('provider').notNull(),
    address: text('address').notNull(),
    secret: jsonb('secret').$type<Record<string, string>>().notNull().default({}),
    label: text('label'),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: tz('created_at').notNull(),
    lastFailureAt: tz('last_failure_at'),
    lastFailureReason: text('last_failure_reason'),
  },
  (t) => [
    uniqueIndex('contact_points_user_address_uq').on(t.userId, t.channel, t.address).where(sql`user_id is not null`),
    uniqueIndex('contact_points_unit_address_uq').on(t.unitId, t.channel, t.address).where(sql`unit_id is not null`),
  ],
);

export const ALERT_KINDS = ALERT_KIND_VALUES;
export const alertKindEnum = pgEnum('alert_kind', ALERT_KINDS);

/** 督办: something a commander must look at and close, with how it was resolved. */
export const alerts = pgTable(
  'alerts',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    /** Null for an alert on standing work (a meeting reply, minutes, an agreed item): `standing_request_id` names it. */
    incidentId: text('incident_id').references(() => incidents.id),
    notificationId: text('notification_id').references(() => notifications.id),
    taskId: text('task_id').references(() => responseTasks.id),
    obligationId: text('obligation_id').references(() => obligations.id),
    standingRequestId: text('standing_request_id').references(() => standingRequests.id),
    unitId: text('unit_id').references(() => memberUnits.id),
    kind: alertKindEnum('kind').notNull(),
    reason: text('reason').notNull(),
    raisedAt: tz('raised_at').notNull(),
    resolvedAt: tz('resolved_at'),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolution: text('resolution'),
  },
  (t) => [
    uniqueIndex('alerts_open_notification_kind_uq').on(t.notificationId, t.kind).where(sql`resolved_at is null`),
    uniqueIndex('alerts_open_task_kind_uq').on(t.taskId, t.kind).where(sql`resolved_at is null`),
    uniqueIndex('alerts_open_obligation_kind_uq').on(t.obligationId, t.kind).where(sql`resolved_at is null`),
    uniqueIndex('alerts_open_standing_kind_uq').on(t.standingRequestId, t.kind).where(sql`resolved_at is null`),
    index('alerts_jurisdiction_open_idx').on(t.jurisdictionId).where(sql`resolved_at is null`),
  ],
);

/**
 * One-tap acknowledgement links: the URL carries the id and an HMAC of it, and the row binds it
 * to one notification and one person until it expires.
 */
export const actionLinks = pgTable('action_links', {
  id: text('id').primaryKey(),
  notificationId: text('notification_id').notNull().references(() => notifications.id),
  userId: text('user_id').notNull().references(() => users.id),
  channel: channelEnum('channel').notNull(),
  deliveryId: text('delivery_id'),
  createdAt: tz('created_at').notNull(),
  expiresAt: tz('expires_at').notNull(),
  usedAt: tz('used_at'),
  useCount: integer('use_count').notNull().default(0),
});

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * 附件: a scene photo or the enterprise's written report on an incident. The bytes live in the row
 * (`content`) unless a directory is configured, where `stored_name` names the file.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    /** The incident it belongs to; null for a meeting's file (`meeting_id`). */
    incidentId: text('incident_id').references(() => incidents.id),
    /** 会议材料, or a file a unit attached to its report on an agreed item. */
    meetingId: text('meeting_id').references(() => meetings.id),
    /** A file a unit attached to its report on a campaign task (联合执法 / 专项整治). */
    campaignId: text('campaign_id').references((): AnyPgColumn => campaigns.id),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    fileName: text('file_name').notNull(),
    /** Decided by the content's magic bytes, never by what the uploader declared. */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content'),
    storedName: text('stored_name'),
    uploadedBy: text('uploaded_by').notNull().references(() => users.id),
    /**
     * The member unit whose file it is, fixed when it is uploaded (null: the office's). A person
     * moved to another unit later neither takes the file along nor locks the unit out of it.
     */
    unitId: text('unit_id').references(() => memberUnits.id),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('attachments_incident_idx').on(t.incidentId, t.createdAt),
    index('attachments_meeting_idx').on(t.meetingId, t.createdAt),
    index('attachments_campaign_idx').on(t.campaignId, t.createdAt),
  ],
);

/** Values generated once per deployment and kept (VAPID keys, the link signing secret). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<Record<string, string>>().notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/**
 * The append-only event log. `seq` comes from the `events_seq` sequence, taken after the writing
 * transaction has its id (`lianfang_next_event_seq`), so writers never wait for each other. Seq
 * order is not commit order: readers go only up to a settled head (src/services/events/head.ts),
 * below which every transaction that took a seq has ended, so no event appears behind a reader.
 */
export const events = pgTable(
  'events',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    type: text('type').notNull(),
    at: tz('at').notNull(),
    jurisdictionId: text('jurisdiction_id').notNull(),
    incidentId: text('incident_id'),
    /** Units whose people may see this event; commission roles of the jurisdiction see every event. */
    audienceUnits: text('audience_units').array().notNull().default(sql`'{}'::text[]`),
    actorId: text('actor_id'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('events_incident_idx').on(t.incidentId, t.seq)],
);

export const eventSeq = pgSequence('events_seq');

/** Stored answers of idempotent requests, so a retried submission returns the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text('user_id').notNull().references(() => users.id),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/** Per-jurisdiction, per-day counter for incident references. */
export const incidentRefCounters = pgTable(
  'incident_ref_counters',
  {
    jurisdictionId: text('jurisdiction_id').notNull(),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.day] })],
);

/**
 * 成员单位报告: an accident a member unit learned of first and filed (信阳 三(四)2). Nobody but the
 * commission and the filing unit sees it until the commission confirms it into an incident.
 */
export const unitReports = pgTable(
  'unit_reports',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    filedBy: text('filed_by').notNull().references(() => users.id),
    /** When it reached the commission: the incident's receipt time once confirmed. */
    filedAt: tz('filed_at').notNull(),
    /** The report as filed, validated by the same contract as a 初报 (no receipt time, no unit adjustments). */
    submission: jsonb('submission').$type<ReportSubmission>().notNull(),
    state: unitReportStateEnum('state').notNull().default('pending'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: tz('decided_at'),
    rejectReason: text('reject_reason'),
    incidentId: text('incident_id').references(() => incidents.id),
  },
  (t) => [index('unit_reports_jurisdiction_state_idx').on(t.jurisdictionId, t.state, t.filedAt), index('unit_reports_unit_idx').on(t.unitId, t.filedAt)],
);

export const memberChangeKindEnum = pgEnum('member_change_kind', MEMBER_CHANGE_KINDS);
export const memberChangeStateEnum = pgEnum('member_change_state', MEMBER_CHANGE_STATES);

/**
 * 成员调整: a member unit proposes a change of its member or liaison; the joint meeting's office
 * (the jurisdiction's administrators) confirms or rejects it, with a reason.
 */
export const memberChanges = pgTable(
  'member_changes',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    kind: memberChangeKindEnum('kind').notNull(),
    state: memberChangeStateEnum('state').notNull().default('proposed'),
    /** The person leaving (replace, remove). */
    userId: text('user_id').references(() => users.id),
    /** The person joining (add, replace): name, role, phone, proposed username. */
    person: jsonb('person').$type<{ displayName: string; role: 'liaison' | 'unit_head'; phone: string | null; username: string } | null>(),
    reason: text('reason').notNull(),
    proposedBy: text('proposed_by').notNull().references(() => users.id),
    proposedAt: tz('proposed_at').notNull(),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: tz('decided_at'),
    decisionReason: text('decision_reason'),
    /** The account the confirmation created. */
    createdUserId: text('created_user_id').references(() => users.id),
  },
  (t) => [index('member_changes_jurisdiction_state_idx').on(t.jurisdictionId, t.state)],
);

export const bulletinKindEnum = pgEnum('bulletin_kind', BULLETIN_KINDS);
export const bulletinStateEnum = pgEnum('bulletin_state', BULLETIN_STATES);

/**
 * 简报 / 信息通报 / 经验交流 (信阳 三(四)1、3): published by the office (`publisherUnitId` null: the
 * commission) or by a member unit, to chosen units or all of them (`bulletin_recipients`).
 */
export const bulletins = pgTable(
  'bulletins',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    /** Null: the joint meeting's office (the commission); else the member unit that publishes it. */
    publisherUnitId: text('publisher_unit_id').references(() => memberUnits.id),
    kind: bulletinKindEnum('kind').notNull(),
    state: bulletinStateEnum('state').notNull().default('draft'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Sent to every member unit of the jurisdiction at publication (else to the units chosen). */
    toAll: boolean('to_all').notNull(),
    /** The units chosen while a draft; at publication the recipients rows are made from it. */
    chosenUnitIds: text('chosen_unit_ids').array().notNull().default(sql`'{}'::text[]`),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    publishedBy: text('published_by').references(() => users.id),
    publishedAt: tz('published_at'),
  },
  (t) => [index('bulletins_jurisdiction_idx').on(t.jurisdictionId, t.state, t.publishedAt)],
);

/** 已读回执: one row per recipient unit; the first of its people to open the bulletin marks it read, once. */
export const bulletinRecipients = pgTable(
  'bulletin_recipients',
  {
    bulletinId: text('bulletin_id').notNull().references(() => bulletins.id),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    readAt: tz('read_at'),
    readBy: text('read_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.bulletinId, t.unitId] }), index('bulletin_recipients_unit_idx').on(t.unitId, t.readAt)],
);

/** A bulletin's files: the bytes kept like an incident's attachments (src/services/attachments/storage.ts). */
export const bulletinAttachments = pgTable(
  'bulletin_attachments',
  {
    id: text('id').primaryKey(),
    bulletinId: text('bulletin_id').notNull().references(() => bulletins.id),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content'),
    storedName: text('stored_name'),
    uploadedBy: text('uploaded_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('bulletin_attachments_bulletin_idx').on(t.bulletinId, t.createdAt)],
);

/**
 * 报送信息: what a member unit sends the office for the next bulletin (信阳 三(四)1 「各成员单位依据职责
 * 向市卫生健康委报送…有关信息」); the office pulls it into a draft (`bulletinId`).
 */
export const bulletinItems = pgTable(
  'bulletin_items',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    title: text('title').notNull(),
    body: text('body').notNull(),
    submittedBy: text('submitted_by').notNull().references(() => users.id),
    submittedAt: tz('submitted_at').notNull(),
    bulletinId: text('bulletin_id').references(() => bulletins.id),
  },
  (t) => [index('bulletin_items_jurisdiction_idx').on(t.jurisdictionId, t.submittedAt)],
);

/**
 * 年度报送 (信阳 四(三)): each member unit's previous year's summary, this year's plan and proposed
 * topics, due by 15 January of `year` in the jurisdiction's local time. One per unit and year;
 * re-filing before the office closes the year replaces the text and keeps the first filing time.
 */
export const annualSubmissions = pgTable(
  'annual_submissions',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    /** The year of the plan: the submission due by 15 January of this year. */
    year: integer('year').notNull(),
    summary: text('summary').notNull(),
    plan: text('plan').notNull(),
    topics: jsonb('topics').$type<string[]>().notNull(),
    submittedBy: text('submitted_by').notNull().references(() => users.id),
    submittedAt: tz('submitted_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [uniqueIndex('annual_submissions_unit_year_idx').on(t.unitId, t.year), index('annual_submissions_jurisdiction_year_idx').on(t.jurisdictionId, t.year)],
);

/**
 * A jurisdiction's annual submission round: opened (units told, reminders start) at `opensAt`,
 * due at `dueAt`. Made by the engine's annual-cycle timer, once per jurisdiction and year.
 */
export const annualCycles = pgTable(
  'annual_cycles',
  {
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    year: integer('year').notNull(),
    opensAt: tz('opens_at').notNull(),
    dueAt: tz('due_at').notNull(),
    openedAt: tz('opened_at'),
  },
  (t) => [primaryKey({ columns: [t.jurisdictionId, t.year] })],
);

export const standingRequestKindEnum = pgEnum('standing_request_kind', STANDING_REQUEST_KINDS);
export const standingRequestStateEnum = pgEnum('standing_request_state', STANDING_REQUEST_STATES);
export const standingRoleEnum = pgEnum('standing_role', STANDING_ROLES);
export const meetingKindEnum = pgEnum('meeting_kind', MEETING_KINDS);
export const minutesStateEnum = pgEnum('minutes_state', MINUTES_STATES);

/**
 * 联席会议常设工作: one request to one member unit with a deadline — a meeting reply, a consent to a
 * minutes version, an agreed item's report (`domain/standing/requests.ts`). The engine chases a
 * pending one at `next_escalation_at` on the same ladder as an acknowledgement.
 */
export const standingRequests = pgTable(
  'standing_requests',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    kind: standingRequestKindEnum('kind').notNull(),
    /** The row it is about: the meeting (reply), the minutes version (consent), the agreed item. */
    subjectId: text('subject_id').notNull(),
    /** The meeting it belongs to, so one query finds a meeting's whole standing work; null for work outside a meeting. */
    meetingId: text('meeting_id'),
    /** Where the office looks at it on the desk (a 督办 alert links there), e.g. `/meetings?meeting=mtg_…`. */
    link: text('link').notNull(),
    unitId: text('unit_id').notNull().references(() => memberUnits.id),
    role: standingRoleEnum('role').notNull(),
    /** What it asks, in words a liaison and a 督办 alert can show. */
    title: text('title').notNull(),
    state: standingRequestStateEnum('state').notNull().default('pending'),
    dueAt: tz('due_at').notNull(),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    answeredAt: tz('answered_at'),
    answeredBy: text('answered_by').references(() => users.id),
    /** The unit's last answer (attendance, consent with reason, progress with attachments). */
    answer: jsonb('answer').$type<Record<string, unknown>>(),
    /** Escalation ladder: the last step taken (0 = none) and when the next is due (null = none left). */
    escalationStep: integer('escalation_step').notNull().default(0),
    nextEscalationAt: tz('next_escalation_at'),
  },
  (t) => [
    index('standing_requests_meeting_idx').on(t.meetingId),
    index('standing_requests_unit_state_idx').on(t.unitId, t.state),
    index('standing_requests_escalation_due_idx').on(t.nextEscalationAt).where(sql`state = 'pending'`),
  ],
);

/** 全体会议 / 专题会议, convened by the office. */
export const meetings = pgTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    kind: meetingKindEnum('kind').notNull(),
    topic: text('topic').notNull(),
    startsAt: tz('starts_at').notNull(),
    place: text('place').notNull(),
    agenda: jsonb('agenda').$type<string[]>().notNull(),
    /** The office's deadline for the units' replies (who attends). */
    replyDueAt: tz('reply_due_at').notNull(),
    convenedBy: text('convened_by').notNull().references(() => users.id),
    convenedAt: tz('convened_at').notNull(),
    /** 取消: the office called the meeting off; every reply, consent and item still asked is withdrawn. */
    cancelledAt: tz('cancelled_at'),
    cancelledBy: text('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
  },
  (t) => [index('meetings_jurisdiction_idx').on(t.jurisdictionId, t.startsAt)],
);

/** 会议纪要: one row per version; a revision supersedes the version before and asks the units again. */
export const meetingMinutes = pgTable(
  'meeting_minutes',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    /** The agreed items as drafted; they become `agreed_items` when the minutes are issued. */
    items: jsonb('items').$type<{ title: string; leadUnitId: string; supportUnitIds: string[]; dueAt: string }[]>().notNull(),
    state: minutesStateEnum('state').notNull().default('consulting'),
    consentDueAt: tz('consent_due_at').notNull(),
    draftedBy: text('drafted_by').notNull().references(() => users.id),
    draftedAt: tz('drafted_at').notNull(),
    /** What changed from the version before (the office's answer to the change requests). */
    revisionNote: text('revision_note'),
    issuedAt: tz('issued_at'),
    issuedBy: text('issued_by').references(() => users.id),
    /** 抄报: the government office the issued minutes were copied to. */
    copiedTo: text('copied_to'),
  },
  (t) => [uniqueIndex('meeting_minutes_version_uq').on(t.meetingId, t.version)],
);

/** 议定事项 of issued minutes: a lead unit, supporting units and a due date; each unit's report is a standing request. */
export const agreedItems = pgTable(
  'agreed_items',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id').notNull().references(() => meetings.id),
    minutesId: text('minutes_id').notNull().references(() => meetingMinutes.id),
    number: integer('number').notNull(),
    title: text('title').notNull(),
    leadUnitId: text('lead_unit_id').notNull().references(() => memberUnits.id),
    supportUnitIds: text('support_unit_ids').array().notNull(),
    dueAt: tz('due_at').notNull(),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [index('agreed_items_meeting_idx').on(t.meetingId)],
);

export const proposalStateEnum = pgEnum('proposal_state', PROPOSAL_STATES);
export const proposalKindEnum = pgEnum('proposal_kind', PROPOSAL_KINDS);

/**
 * 征求意见 (信阳 四(四)): a proposal that binds several units (a joint document, a campaign, a
 * publicity in the meeting's name); each unit concerned answers as a standing request; a
 * disagreement is referred to the government and its decision recorded.
 */
export const proposals = pgTable(
  'proposals',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    kind: proposalKindEnum('kind').notNull(),
    title: text('title').notNull(),
    text: text('text').notNull(),
    unitIds: text('unit_ids').array().notNull(),
    dueAt: tz('due_at').notNull(),
    state: proposalStateEnum('state').notNull().default('consulting'),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
    /** 提请市政府决定: when, by whom, with the opinions and reasons summarised. */
    referredAt: tz('referred_at'),
    referredBy: text('referred_by').references(() => users.id),
    referralNote: text('referral_note'),
    outcome: text('outcome'),
    decidedAt: tz('decided_at'),
    decidedBy: text('decided_by').references(() => users.id),
  },
  (t) => [index('proposals_jurisdiction_idx').on(t.jurisdictionId, t.createdAt)],
);

export const campaignKindEnum = pgEnum('campaign_kind', CAMPAIGN_KINDS);

/** One participating unit's task in a campaign; the unit's answers live on its standing request. */
export interface CampaignTask {
  unitId: string;
  task: string;
  dueAt: string;
}

/**
 * 联合执法 / 专项整治 (信阳 三(三) 「由市卫生健康委或发起单位牵头、有关部门单位配合」): a campaign with a
 * scope and a period; each participating unit's task is a `campaign_task` standing request
 * (subject = the campaign), chased on the ladder when overdue. The tasks are kept here as they
 * were set, so the account reads them against the requests.
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: text('id').primaryKey(),
    jurisdictionId: text('jurisdiction_id').notNull().references(() => jurisdictions.id),
    kind: campaignKindEnum('kind').notNull(),
    title: text('title').notNull(),
    scope: text('scope').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** The 牵头 unit when a member unit initiates; null when the office (卫健委) leads. */
    leadUnitId: text('lead_unit_id').references(() => memberUnits.id),
    unitIds: text('unit_ids').array().notNull(),
    tasks: jsonb('tasks').$type<CampaignTask[]>().notNull(),
    createdBy: text('created_by').notNull().references(() => users.id),
    createdAt: tz('created_at').notNull(),
    /** 终止: called off before its end; the tasks still open are withdrawn. */
    cancelledAt: tz('cancelled_at'),
    cancelledBy: text('cancelled_by').references(() => users.id),
    cancelReason: text('cancel_reason'),
  },
  (t) => [index('campaigns_jurisdiction_idx').on(t.jurisdictionId, t.createdAt)],
);

/**
 * Request and response shapes of the REST API beyond the report itself. The OpenAPI document is
 * generated from these, and the web client imports the same types.
 */
import { z } from 'zod';
import {
  AUTHORITIES,
  CHANNELS,
  INCIDENT_STATUSES,
  NOTIFICATION_STATES,
  REGIME_CODES,
  REPORT_KINDS,
  SEVERITIES,
  UNIT_KINDS,
  UNIT_ROLES,
  USER_ROLES,
} from '../domain/enums.js';
import { casualtiesSchema, isoDateTime, radiationFactsSchema } from './report.js';
import { downstreamSchema, incidentLinkSchema, obligationSchema, taskSchema } from './response.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` lists each failing field' });

export const loginRequestSchema = z
  .object({
    username: z.string().trim().min(1, '请输入用户名 (username required)').max(100),
    password: z.string().min(1, '请输入密码 (password required)').max(200),
  })
  .meta({ id: 'LoginRequest' });

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    jurisdictionId: z.string().nullable(),
    unitId: z.string().nullable(),
    mustChangePassword: z.boolean().meta({ description: 'An administrator reset the password: only changing it (POST /auth/password) is open' }),
  })
  .meta({ id: 'User' });

export const loginResponseSchema = z
  .object({
    token: z.string(),
    user: userSchema,
    expiresAt: z.string(),
    mustChangePassword: z.boolean().meta({ description: 'The person must choose a new password before anything else' }),
  })
  .meta({ id: 'LoginResponse' });

export const dutyClauseSchema = z.object({ ref: z.string(), text: z.string() });

export const unitSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: z.enum(UNIT_KINDS),
    section: z.string().nullable(),
    duties: z.array(dutyClauseSchema),
  })
  .meta({ id: 'MemberUnit' });

export const jurisdictionSchema = z
  .object({ id: z.string(), name: z.string(), level: z.string(), parentId: z.string().nullable(), rulebookVersion: z.string() })
  .meta({ id: 'Jurisdiction' });

export const regimeSchema = z
  .object({
    code: z.enum(REGIME_CODES),
    name: z.string(),
    citation: z.string(),
    grade: z.string().optional().meta({ description: 'The grade in the regime’s own words (e.g. 较大 under 国务院令第449号第四十条)' }),
    severity: z.enum(SEVERITIES).optional().meta({ description: 'That grade on the three-level scale; the incident’s severity is the most serious of them' }),
    reason: z.string(),
    lead: z.string().optional(),
    leads: z
      .array(z.object({ authority: z.enum(AUTHORITIES), body: z.string(), scope: z.string(), citation: z.string() }))
      .optional()
      .meta({ description: 'The bodies the statute puts in charge, and of what' }),
  })
  .meta({ id: 'Regime' });

export const routingClauseSchema = z.object({ ref: z.string(), quote: z.string(), reason: z.string(), ruleId: z.string().nullable() });

export const routingDecisionSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    role: z.enum(UNIT_ROLES),
    basis: z.string().meta({ description: 'The quoted duty clause(s) that make the unit responsible' }),
    clauses: z.array(routingClauseSchema),
    adjustment: z.object({ kind: z.enum(['added', 'role_changed']), reason: z.string() }).optional(),
  })
  .meta({ id: 'RoutingDecision' });

export const assessmentFields = {
  severity: z.enum(SEVERITIES),
  severityReason: z.string(),
  regimes: z.array(regimeSchema),
  routing: z.array(routingDecisionSchema),
  excluded: z.array(z.object({ unitId: z.string(), unitName: z.string(), role: z.enum(UNIT_ROLES), reason: z.string() })),
  warnings: z.array(z.object({ code: z.string(), message: z.string() })),
};

export const previewResponseSchema = z.object({ jurisdictionId: z.string(), ...assessmentFields }).meta({ id: 'RoutingPreview' });

export const notificationBriefSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  role: z.enum(UNIT_ROLES),
  state: z.enum(NOTIFICATION_STATES),
  ackDueAt: z.string(),
});

export const incidentCreatedSchema = z
  .object({
    id: z.string(),
    ref: z.string(),
    jurisdictionId: z.string(),
    title: z.string(),
    status: z.enum(INCIDENT_STATUSES),
    version: z.number().int(),
    receivedAt: z.string(),
    drill: z.boolean(),
    ...assessmentFields,
    notifications: z.array(notificationBriefSchema),
  })
  .meta({ id: 'IncidentCreated' });

export const followUpCreatedSchema = incidentCreatedSchema
  .omit({ receivedAt: true })
  .extend({ kind: z.enum(REPORT_KINDS), changes: z.record(z.string(), z.unknown()) })
  .meta({ id: 'ReportVersionFiled' });

export const notificationSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    reportVersion: z.number().int(),
    unitId: z.string(),
    unitName: z.string(),
    role: z.enum(UNIT_ROLES),
    basis: z.string(),
    clauses: z.array(routingClauseSchema),
    state: z.enum(NOTIFICATION_STATES),
    createdAt: z.string(),
    ackDueAt: z.string(),
    firstDeliveredAt: z.string().nullable(),
    firstReadAt: z.string().nullable(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    acknowledgedByName: z.string().nullable().optional(),
    acknowledgedVia: z.enum(CHANNELS).nullable(),
    acknowledgementNote: z.string().nullable(),
    declinedAt: z.string().nullable(),
    declinedBy: z.string().nullable(),
    declineReason: z.string().nullable(),
    declineResolvedAt: z.string().nullable().optional(),
    declineResolution: z.enum(['reassigned', 'confirmed']).nullable().optional().meta({ description: 'How a commander resolved the decline' }),
    declineResolutionReason: z.string().nullable().optional(),
    reassignedTo: z.string().nullable().optional().meta({ description: 'The notification of the unit the duty was reassigned to' }),
  })
  .meta({ id: 'Notification' });

export const incidentSummarySchema = z
  .object({
    id: z.string(),
    ref: z.string(),
    jurisdictionId: z.string(),
    title: z.string(),
    drill: z.boolean().optional().meta({ description: '演练: an exercise, marked 【演练】 everywhere and left out of statistics (always sent)' }),
    status: z.enum(INCIDENT_STATUSES),
    severity: z.enum(SEVERITIES),
    version: z.number().int(),
    occurredAt: z.string(),
    receivedAt: z.string(),
    place: z.object({
      address: z.string(),
      township: z.string().optional(),
      otherTownships: z.array(z.string()).optional(),
      lat: z.number().optional(),
      lng: z.number().optional(),
    }),
    employer: z.object({
      name: z.string(),
      industry: z.string(),
      ownership: z.string().optional(),
      stateOwnerLevel: z.string().optional(),
      licensed: z.boolean().optional(),
      laborRelation: z.string().optional(),
    }),
    settings: z.array(z.string()).optional(),
    flags: z.array(z.string()).optional(),
    hazard: z.object({ category: z.string(), agent: z.string().optional() }),
    radiation: radiationFactsSchema.optional(),
    casualties: casualtiesSchema,
    narrative: z.string(),
    measuresTaken: z.string().nullable(),
    reporter: z.object({ name: z.string(), phone: z.string() }).optional().meta({ description: '报告人 and the number to call back' }),
  })
  .meta({ id: 'IncidentSummary' });

const casualtyCountsSchema = casualtiesSchema;

/** 续报·第N版: the version a unit is notified of, and the one before as it stood for that unit. */
export const unitRevisionSchema = z
  .object({
    kind: z.enum(REPORT_KINDS),
    version: z.number().int(),
    previous: z
      .object({ version: z.number().int(), severity: z.enum(SEVERITIES), casualties: casualtyCountsSchema, role: z.enum(UNIT_ROLES).nullable() })
      .nullable(),
  })
  .meta({ id: 'UnitRevision' });

export const inboxResponseSchema = z
  .object({
    notifications: z.array(
      notificationSchema.extend({
        incident: incidentSummarySchema,
        revision: unitRevisionSchema,
        declineResolvedByName: z.string().nullable(),
        acknowledgedByName: z.string().nullable(),
      }),
    ),
    unitPhones: z
      .array(z.object({ userId: z.string(), displayName: z.string(), role: z.enum(USER_ROLES), phone: z.string(), onDuty: z.boolean() }))
      .meta({ description: 'The numbers of the caller’s own unit’s liaisons and heads, for one-tap calling' }),
    lastSeq: z.number().int().meta({ description: 'Pass to socket `resume` to receive everything after this answer' }),
  })
  .meta({ id: 'Inbox' });

export const incidentDetailSchema = z
  .object({
    incident: incidentSummarySchema.extend({
      createdAt: z.string(),
      updatedAt: z.string(),
      closedAt: z.string().nullable(),
      closeOverrideReason: z.string().nullable().optional(),
      severityReason: z.string(),
      regimes: z.array(regimeSchema),
      facts: z.record(z.string(), z.unknown()).optional(),
    }),
    routing: z.array(routingDecisionSchema),
    excluded: assessmentFields.excluded,
    warnings: assessmentFields.warnings,
    versions: z.array(
      z.object({
        version: z.number().int(),
        kind: z.enum(REPORT_KINDS),
        filedAt: z.string(),
        severity: z.enum(SEVERITIES),
        requiresReacknowledgement: z.boolean(),
        casualties: casualtiesSchema,
      }),
    ),
    notifications: z.array(notificationSchema),
    obligations: z.array(obligationSchema).optional().meta({ description: '上报义务 with their clocks (commission only; empty for units)' }),
    tasks: z.array(taskSchema).optional().meta({ description: '联合处置任务 (a unit sees its own)' }),
    upstream: z.array(incidentLinkSchema).optional().meta({ description: 'The incidents this one was reported up as (逐级上报)' }),
    downstream: downstreamSchema.nullable().optional(),
    lastSeq: z.number().int(),
  })
  .meta({ id: 'IncidentDetail' });

export const incidentListSchema = z
  .object({
    incidents: z.array(
      z.object({
        id: z.string(),
        ref: z.string(),
        jurisdictionId: z.string(),
        title: z.string(),
        drill: z.boolean().optional(),
        status: z.enum(INCIDENT_STATUSES),
        severity: z.enum(SEVERITIES),
        version: z.number().int(),
        occurredAt: z.string(),
        receivedAt: z.string(),
        updatedAt: z.string(),
      }),
    ),
  })
  .meta({ id: 'IncidentList' });

export const eventEnvelopeSchema = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    at: z.string(),
    jurisdictionId: z.string(),
    incidentId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'EventEnvelope' });

export const acknowledgeRequestSchema = z
  .object({ note: z.string().trim().max(500, '备注不超过500字 (note at most 500 characters)').optional() })
  .meta({ id: 'AcknowledgeRequest' });

export const declineRequestSchema = z
  .object({ reason: z.string().trim().min(2, '请填写退回理由 (reason required)').max(1000, '理由不超过1000字 (at most 1000 characters)') })
  .meta({ id: 'DeclineRequest' });

export const acknowledgementResponseSchema = z
  .object({ notification: notificationSchema, alreadyAcknowledged: z.boolean() })
  .meta({ id: 'AcknowledgementResult' });

export const declineResponseSchema = z
  .object({
    notification: notificationSchema,
    /** The same decline, with the same reason, was already recorded (a retry after a lost answer): nothing more was. */
    alreadyDeclined: z.boolean(),
  })
  .meta({ id: 'DeclineResult' });

export { isoDateTime };

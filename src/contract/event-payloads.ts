/**
 * What each event's `data` carries, as the producers write it and the consumers (the account fold,
 * the board's and the phone's reducers, other systems reading the stream) read it. One zod schema
 * per type: `NewEvent` (src/services/events/append.ts) takes its `data` from here, so a producer
 * that changes a payload fails `tsc`; a test parses every event a whole incident writes against
 * these schemas; the API docs publish them (`GET /api/v1/events/catalogue`). Embedded records
 * (a notification, a task, an obligation) list the fields consumers read and pass the rest on.
 */
import { z } from 'zod';
import { INCIDENT_STATUSES, NOTIFICATION_STATES, SEVERITIES, UNIT_ROLES } from '../domain/enums.js';
import { incidentSummarySchema, notificationSchema, regimeSchema, routingDecisionSchema, unitRevisionSchema } from './api.js';
import { unitReportSchema } from './unit-report.js';
import { obligationSchema, taskSchema } from './response.js';
import { casualtiesSchema } from './report.js';
import { alertIncidentSchema, alertViewSchema } from './admin.js';

const iso = z.string();
const record = <F extends z.ZodRawShape>(fields: F = {} as F) => z.looseObject({ id: z.string(), ...fields });

// The same records the REST API answers with: the stream and GET agree field for field.
const notification = notificationSchema;
const task = taskSchema;
const obligation = obligationSchema;
const incidentRef = record({ ref: z.string(), title: z.string(), drill: z.boolean() });
const casualties = z.record(z.string(), z.number());

/** What a 续报/终报 changed (src/domain/report-changes.ts); the unit views narrow it (events.ts). */
export const reportChangesSchema = z.object({
  severityChanged: z.boolean(),
  casualtiesChanged: z.boolean(),
  routingChanged: z.boolean(),
  addedUnits: z.array(z.string()),
  removedUnits: z.array(z.string()),
  roleChangedUnits: z.array(z.string()),
  requiresReacknowledgement: z.boolean(),
});

/** 续报 / 终报 of an incident: the version's public facts and what it changed. */
const incidentRevision = z.looseObject({
  incidentId: z.string(),
  version: z.number().int(),
  kind: z.string(),
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  title: z.string(),
  casualties: casualtiesSchema,
  changes: reportChangesSchema,
  filedBy: z.string().optional(),
  /** 终报 closing with items still open: the commander's reason (null: closed with nothing open). */
  closeOverride: z.object({ reason: z.string() }).nullable().optional(),
});

/** A step of a notification's delivery record (delivered, read). */
export const deliveryStepSchema = z.object({ notificationId: z.string(), unitId: z.string(), userId: z.string(), channel: z.string(), at: iso });
const ladderStep = { unitId: z.string(), unitName: z.string(), step: z.string(), stepNumber: z.number().int(), text: z.string(), nextStepAt: iso.nullable() };
/** A 督办 as raised: the board's alert without what the board adds (the unit's name, the resolution). */
const raisedAlert = alertViewSchema.omit({ jurisdictionId: true, unitName: true, resolvedAt: true }).extend({ incident: alertIncidentSchema.nullable() });
const alert = record({ kind: z.string() });
const unitReport = unitReportSchema;
const memberChange = z.object({ change: record({ unitId: z.string() }), by: z.string(), reason: z.string() });

// 联席会议常设工作: no incident; requests to units, meetings, minutes, proposals, bulletins, annual submissions.
const standingRequest = record({ unitId: z.string(), kind: z.string(), subjectId: z.string(), link: z.string(), title: z.string(), state: z.string(), dueAt: iso });
const meeting = record({ kind: z.string(), topic: z.string(), startsAt: iso, place: z.string() });
const minutes = record({ meetingId: z.string(), version: z.number().int(), text: z.string(), items: z.array(z.looseObject({ title: z.string(), leadUnitId: z.string() })) });
const proposal = record({ title: z.string(), state: z.string(), unitIds: z.array(z.string()) });
const campaign = record({ kind: z.string(), title: z.string(), startsOn: z.string(), endsOn: z.string(), unitIds: z.array(z.string()), tasks: z.array(z.object({ unitId: z.string(), task: z.string(), dueAt: iso })) });
const bulletinRef = { bulletinId: z.string(), publisherUnitId: z.string().nullable() };

export const EVENT_PAYLOADS = {
  'incident.reported': z.object({
    incident: record({
      ref: z.string(),
      title: z.string(),
      severity: z.enum(SEVERITIES),
      version: z.number().int(),
      jurisdictionId: z.string(),
      status: z.enum(INCIDENT_STATUSES),
      drill: z.boolean(),
      receivedAt: iso,
      occurredAt: iso,
      severityReason: z.string().optional(),
      regimes: z.array(regimeSchema).optional(),
      routing: z.array(routingDecisionSchema).optional(),
      /** A 逐级上报 from a lower jurisdiction: the link to its incident. */
      source: z.unknown().optional(),
      notifications: z.array(z.object({ id: z.string(), unitId: z.string(), unitName: z.string(), role: z.enum(UNIT_ROLES), state: z.enum(NOTIFICATION_STATES), ackDueAt: iso })).optional(),
    }),
  }),
  'incident.updated': incidentRevision,
  'incident.closed': incidentRevision,
  'incident.forwarded': z.object({ incidentId: z.string(), obligationId: z.string(), toJurisdictionId: z.string(), upstreamIncidentId: z.string(), upstreamRef: z.string() }),
  'incident.source_updated': z.object({
    incidentId: z.string(),
    sourceIncidentId: z.string(),
    version: z.number().int(),
    kind: z.string(),
    severity: z.string(),
    casualties,
    title: z.string(),
    status: z.string(),
  }),
  // The incident as the unit's inbox shows it (the same summary as GET /inbox).
  'notification.created': z.object({ notification, incident: incidentSummarySchema, revision: unitRevisionSchema.optional() }),
  'notification.delivered': deliveryStepSchema,
  'notification.read': deliveryStepSchema,
  'notification.acknowledged': z.object({ notification }),
  'notification.declined': z.object({ notification }),
  'notification.decline_resolved': z.object({ notification, action: z.string(), reason: z.string(), reassignedTo: z.unknown(), by: z.string() }),
  'notification.escalated': z.object({ notificationId: z.string(), ...ladderStep, ackDueAt: iso }),
  'notification.superseded': z.object({ notificationId: z.string(), unitId: z.string(), byVersion: z.number().int() }),
  'notification.withdrawn': z.object({ notificationId: z.string(), unitId: z.string(), byVersion: z.number().int() }),
  'task.created': z.object({ task, by: z.string(), incident: incidentRef }),
  'task.updated': z.object({ task, action: z.string(), actionName: z.string(), note: z.string().nullable(), by: z.string(), previousUnitId: z.string(), from: z.string(), to: z.string() }),
  'task.escalated': z.object({ taskId: z.string(), ...ladderStep, title: z.string(), dueAt: iso }),
  'obligation.created': z.object({ obligation }),
  'obligation.overdue': z.object({ obligation }),
  'obligation.submitted': z.object({ obligation }),
  'obligation.superseded': z.object({ obligation }),
  'obligation.reinstated': z.object({ obligation }),
  'attachment.added': z.object({ attachment: record({ fileName: z.string() }) }),
  'delivery.failed': z.object({
    deliveryId: z.string(),
    notificationId: z.string().nullable(),
    taskId: z.string().nullable(),
    /** Standing work (a meeting reply, an agreed item…): the event has no incident then. */
    standingRequestId: z.string().nullable().optional(),
    /** The standing request's title, so the office's page can name what did not reach the unit. */
    title: z.string().optional(),
    unitId: z.string().nullable(),
    unitName: z.string(),
    channel: z.string(),
    round: z.number().int(),
    reason: z.string(),
  }),
  'unit_report.filed': z.object({ unitReport, basis: z.looseObject({ documentClause: z.string(), quote: z.string() }).nullable().optional() }),
  'unit_report.confirmed': z.object({ unitReport }),
  'unit_report.rejected': z.object({ unitReport }),
  'alert.raised': z.object({ alert: raisedAlert }),
  'alert.resolved': z.object({ alert }),
  'rota.changed': z.object({ unitId: z.string(), revision: z.number().int(), by: z.string() }),
  'access.changed': z.looseObject({ userId: z.string(), reason: z.string() }),
  'unit.changed': z.object({
    action: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    intoUnitId: z.string().nullable(),
    intoUnitName: z.string().nullable().optional(),
    rulebookVersion: z.string(),
    reason: z.string(),
    by: z.string(),
  }),
  'member_change.proposed': memberChange,
  'member_change.confirmed': memberChange,
  'member_change.rejected': memberChange,
  'roster.imported': z.looseObject({ fileName: z.string(), by: z.string() }),
  'account.created': z.object({ userId: z.string(), username: z.string(), role: z.string(), unitId: z.string().nullable(), by: z.string() }),
  'standing.requested': z.object({ request: standingRequest, by: z.string().nullable() }),
  'standing.answered': z.object({ request: standingRequest, action: z.string(), answer: z.record(z.string(), z.unknown()), by: z.string() }),
  'standing.withdrawn': z.object({ request: standingRequest, reason: z.string() }),
  'standing.escalated': z.object({ requestId: z.string(), meetingId: z.string().nullable(), link: z.string(), kind: z.string(), ...ladderStep, title: z.string(), dueAt: iso }),
  'meeting.convened': z.object({ meeting, by: z.string() }),
  'meeting.changed': z.object({ meeting, changed: z.array(z.enum(['startsAt', 'place', 'replyDueAt'])), reason: z.string(), by: z.string() }),
  'meeting.cancelled': z.object({ meeting, reason: z.string(), by: z.string() }),
  'minutes.drafted': z.object({ minutes, meetingTopic: z.string() }),
  'minutes.agreed': z.object({ minutesId: z.string(), meetingId: z.string(), version: z.number().int() }),
  'minutes.issued': z.object({ minutes, meetingTopic: z.string(), copiedTo: z.string() }),
  'proposal.made': z.object({ proposal }),
  'proposal.settled': z.object({ proposal }),
  'proposal.referred': z.object({ proposal }),
  'proposal.decided': z.object({ proposal }),
  'campaign.opened': z.object({ campaign }),
  'campaign.reported': z.object({ campaignId: z.string(), unitId: z.string(), unitName: z.string(), done: z.boolean(), note: z.string() }),
  'campaign.changed': z.object({ campaign, changedUnitIds: z.array(z.string()), reason: z.string(), by: z.string() }),
  'campaign.cancelled': z.object({ campaign, reason: z.string(), by: z.string() }),
  'bulletin.drafted': z.object({ ...bulletinRef, title: z.string() }),
  'bulletin.updated': z.object({ ...bulletinRef, title: z.string() }),
  'bulletin.published': z.object({ bulletin: record({ kind: z.string(), title: z.string(), publisherUnitId: z.string().nullable(), publishedAt: iso }), recipients: z.array(z.string()) }),
  'bulletin.read': z.object({ ...bulletinRef, unitId: z.string().nullable(), unitName: z.string(), readAt: iso, readByName: z.string() }),
  'bulletin.attachment_added': z.object({ ...bulletinRef, title: z.string(), fileName: z.string() }),
  'bulletin_item.submitted': z.object({ item: record() }),
  'bulletin_item.pulled': z.object({ bulletinId: z.string(), itemIds: z.array(z.string()) }),
  'annual_submission.opened': z.object({ year: z.number().int(), dueAt: iso, opensAt: iso, basis: z.looseObject({ documentClause: z.string(), quote: z.string() }) }),
  'annual_submission.filed': z.object({ submission: record(), unitName: z.string(), late: z.boolean() }),
} satisfies Record<string, z.ZodType<Record<string, unknown>>>;

export type TypedEventType = keyof typeof EVENT_PAYLOADS;
/** The data of an event of type T, as its producer must write it. */
export type EventData<T extends string> = T extends TypedEventType ? z.input<(typeof EVENT_PAYLOADS)[T]> : Record<string, unknown>;

/** The data of an event of type T as a consumer reads it back from the log. */
export type EventDataRead<T extends TypedEventType> = z.output<(typeof EVENT_PAYLOADS)[T]>;

/**
 * An event of the log as its consumers read it, discriminated by `type`: a `switch (e.type)`
 * narrows `data` to that type's payload, so a consumer reading a field the producer does not
 * declare fails `tsc`. Producers are held to the same schemas (`NewEvent`, parsed under test).
 */
export type CataloguedEvent = { [T in TypedEventType]: { seq: number; type: T; at: string; data: EventDataRead<T> } }[TypedEventType];

/**
 * Why `data` does not have its type's declared shape, or null when it does. Types without a
 * declared payload pass.
 */
export function payloadProblem(type: string, data: unknown): string | null {
  const schema = (EVENT_PAYLOADS as Record<string, z.ZodType>)[type];
  if (!schema) return null;
  const parsed = schema.safeParse(data);
  return parsed.success ? null : `${type}: ${z.prettifyError(parsed.error)}`;
}

/**
 * The socket stream (and `GET /incidents/{id}/events`) as other systems consume it: one envelope
 * per type, discriminated by `type`. A member unit receives the fields its view of the type allows
 * (src/contract/events.ts); the commission receives them whole.
 */
export const streamEventSchema = z
  .discriminatedUnion(
    'type',
    Object.entries(EVENT_PAYLOADS).map(([type, data]) =>
      z.object({ seq: z.number().int(), type: z.literal(type), at: iso, jurisdictionId: z.string(), incidentId: z.string().nullable(), data }),
    ) as unknown as [z.ZodObject<{ type: z.ZodLiteral<string> }>, ...z.ZodObject<{ type: z.ZodLiteral<string> }>[]],
  )
  .meta({ id: 'StreamEvent', description: 'An event of the log as the socket stream delivers it, by type' });

/**
 * StreamEvent and the records it embeds as OpenAPI components (`#/components/schemas/...`); the
 * embedded ones are prefixed so they never replace a route's schema of the same name.
 */
export function streamEventComponents(): Record<string, unknown> {
  const { $schema: _dialect, $defs, ...root } = z.toJSONSchema(streamEventSchema, { io: 'output', unrepresentable: 'any' }) as Record<string, any>;
  const named = (id: string) => (id === 'StreamEvent' ? id : `StreamEvent.${id}`);
  const text = JSON.stringify({ root, defs: $defs ?? {} }).replace(/"#\/\$defs\/([^"]+)"/g, (_m, id: string) => JSON.stringify(`#/components/schemas/${named(id)}`));
  const { root: top, defs } = JSON.parse(text) as { root: Record<string, unknown>; defs: Record<string, unknown> };
  const components = Object.fromEntries(Object.entries(defs).map(([id, schema]) => [named(id), schema]));
  return Object.keys(top).length && !('$ref' in top) ? { ...components, StreamEvent: top } : components;
}

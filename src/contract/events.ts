/**
 * The event catalogue: every type of event the server writes to its log, what its data carries,
 * and what a member unit (成员单位) may see of it. The commission of the event's jurisdiction sees
 * every event whole, except what is not the office's (a unit's draft bulletin, the administrators'
 * account and member-change records). A member unit sees only events addressed to it (`audienceUnits`), and of
 * those only what `GET /incidents/{id}` would show it: its own notifications and tasks, the
 * incident's public facts — never the commission's board (other units, upward reports, close
 * overrides). The unit view of each type is a zod schema, so a field nobody listed is dropped,
 * not passed on. Pure.
 */
import { z } from 'zod';
import { deliveryStepSchema, reportChangesSchema, type EventDataRead, type TypedEventType } from './event-payloads.js';

/** Who reads an event: the commission (of one jurisdiction, or every one for admins) or one member unit. */
export type EventAudience = { kind: 'commission'; jurisdictionId: string | null } | { kind: 'unit'; unitId: string };

/** An event as the log holds it. */
export interface LoggedEvent {
  seq: number;
  type: string;
  at: Date | string;
  jurisdictionId: string;
  incidentId: string | null;
  audienceUnits: readonly string[];
  data: Record<string, unknown>;
}

/** What a client receives (spec §8). */
export interface EventView {
  seq: number;
  type: string;
  at: string;
  jurisdictionId: string;
  incidentId: string | null;
  data: Record<string, unknown>;
}

interface EventDefinition {
  /** What a member unit of the audience may see, or null: the commission's alone. */
  unitView: ((data: Record<string, unknown>, unitId: string) => Record<string, unknown> | null) | null;
  /**
   * Whether the commission audience sees it (whole); absent: always. The same rule as its REST
   * reading, so a socket never tells more than `GET` would.
   */
  commissionSees?: (data: Record<string, unknown>, audience: { jurisdictionId: string | null }) => boolean;
  /** A control row for the servers (e.g. ending sessions), never shown to anyone. */
  internal?: true;
}

/** A draft bulletin is its publisher's alone (`mayViewBulletin`): the office sees only its own drafts. */
const officeDraft = (data: Record<string, unknown>) => data.publisherUnitId == null;
/**
 * Accounts and member changes are administration (`mayAdministerJurisdiction`), not the duty room's:
 * of the commission audience only the system administrators (every jurisdiction) see them.
 */
const administrators = (_data: Record<string, unknown>, audience: { jurisdictionId: string | null }) => audience.jurisdictionId === null;

/** Strips every field the schema does not list; null when the data does not have the listed shape. */
const only =
  <S extends z.ZodType<Record<string, unknown>>>(schema: S, prepare?: (data: Record<string, unknown>, unitId: string) => unknown) =>
  (data: Record<string, unknown>, unitId: string) => {
    const parsed = schema.safeParse(prepare ? prepare(data, unitId) : data);
    return parsed.success ? parsed.data : null;
  };

/** A record of the unit's own (notification, task) passes whole, but only when it is the unit's. */
const ownRecord = z.looseObject({ id: z.string(), unitId: z.string() });
const owned = (key: string) => (data: Record<string, unknown>, unitId: string) => (data[key] as { unitId?: unknown } | undefined)?.unitId === unitId;

const unitRef = { notificationId: z.string(), unitId: z.string() };

/** A step of the delivery record of the unit's own notification; the changes a version made. */
const deliveryStep = deliveryStepSchema;
const changes = reportChangesSchema;
type ReportChanges = z.infer<typeof changes>;

/** A unit learns how a new version changes its own part, never which other units came or went. */
function ownChanges(c: ReportChanges, unitId: string): ReportChanges {
  const mine = (units: string[]) => units.filter((u) => u === unitId);
  const addedUnits = mine(c.addedUnits);
  const removedUnits = mine(c.removedUnits);
  const roleChangedUnits = mine(c.roleChangedUnits);
  return { ...c, addedUnits, removedUnits, roleChangedUnits, routingChanged: addedUnits.length + removedUnits.length + roleChangedUnits.length > 0 };
}

/** 续报/终报: the version's public facts; no close override, no open items, no other units. */
const incidentRevision = z.object({
  incidentId: z.string(),
  version: z.number().int(),
  kind: z.string(),
  severity: z.string(),
  status: z.string(),
  title: z.string(),
  casualties: z.record(z.string(), z.number()),
  changes,
  filedBy: z.string().optional(),
});
const incidentRevisionView = only(incidentRevision, (data, unitId) => {
  const parsed = changes.safeParse(data.changes);
  return parsed.success ? { ...data, changes: ownChanges(parsed.data, unitId) } : null;
});

/** A task change: the holder sees it whole (without who held it before); a unit that lost the task learns only that. */
const taskChange = z.object({
  task: ownRecord,
  action: z.string(),
  actionName: z.string(),
  note: z.string().nullable(),
  by: z.string(),
  from: z.string(),
  to: z.string(),
});
const taskHandedOver = z.object({ taskId: z.string(), incidentId: z.string(), action: z.literal('reassign'), actionName: z.string(), handedOver: z.literal(true) });
function taskChangeView(data: Record<string, unknown>, unitId: string) {
  const task = data.task as { id?: string; incidentId?: string; unitId?: string } | undefined;
  if (task?.unitId === unitId) return only(taskChange)(data, unitId);
  if (data.previousUnitId === unitId && data.action === 'reassign')
    return only(taskHandedOver)({ taskId: task?.id, incidentId: task?.incidentId, action: 'reassign', actionName: data.actionName, handedOver: true }, unitId);
  return null;
}

/**
 * 续报·第N版 as the unit's inbox tells it (GET /inbox): the version, and the one before as it stood
 * for this unit — its public facts and the unit's own role then, nothing of other units.
 */
const unitRevision = z.object({
  kind: z.string(),
  version: z.number().int(),
  previous: z
    .object({ version: z.number().int(), severity: z.string(), casualties: z.record(z.string(), z.number()), role: z.string().nullable() })
    .nullable(),
});

const ownNotification = <E extends z.ZodRawShape = {}>(extra: E = {} as E) => {
  const schema = z.object({ notification: ownRecord, ...extra });
  return (data: Record<string, unknown>, unitId: string) => (owned('notification')(data, unitId) ? only(schema)(data, unitId) : null);
};

const ownReference = <S extends z.ZodType<Record<string, unknown>>>(schema: S) => (data: Record<string, unknown>, unitId: string) =>
  data.unitId === unitId ? only(schema)(data, unitId) : null;

/** The unit's own 成员单位报告 (信阳 三(四)2), and only when it is the unit's. */
const ownUnitReport = <S extends z.ZodType<Record<string, unknown>>>(schema: S) => (data: Record<string, unknown>, unitId: string) =>
  owned('unitReport')(data, unitId) ? only(schema)(data, unitId) : null;
/** A member change of the unit's own: the change whole, who acted and why. */
const ownMemberChange = (data: Record<string, unknown>, unitId: string) =>
  owned('change')(data, unitId) ? only(z.object({ change: ownRecord, by: z.string(), reason: z.string() }))(data, unitId) : null;

/** A bulletin as its recipients learn of it: never its receipts. */
const bulletinNotice = z.object({
  bulletin: z.object({ id: z.string(), kind: z.string(), title: z.string(), publisherUnitId: z.string().nullable(), publisherName: z.string(), publishedAt: z.string().nullable() }),
});
/** A draft, or a change to one, is its publisher's: a unit sees it only for its own. */
const ownDraft = (data: Record<string, unknown>, unitId: string) =>
  data.publisherUnitId === unitId ? only(z.object({ bulletinId: z.string(), title: z.string(), publisherUnitId: z.string() }))(data, unitId) : null;
/** A read receipt: the reading unit's own, and the publishing unit's to see. */
const bulletinRead = (data: Record<string, unknown>, unitId: string) =>
  data.unitId === unitId || data.publisherUnitId === unitId
    ? only(z.object({ bulletinId: z.string(), unitId: z.string(), unitName: z.string(), readAt: z.string(), readByName: z.string(), publisherUnitId: z.string().nullable() }))(data, unitId)
    : null;

/** A standing request as its unit sees it (its own: the unit, what is asked, by when, its state). */
const standingRequestView = z.object({
  id: z.string(),
  unitId: z.string(),
  kind: z.string(),
  meetingId: z.string().nullable(),
  subjectId: z.string(),
  link: z.string(),
  role: z.string(),
  title: z.string(),
  state: z.string(),
  dueAt: z.string(),
});
const ownStanding = <S extends z.ZodType<Record<string, unknown>>>(schema: S) => (data: Record<string, unknown>, unitId: string) =>
  owned('request')(data, unitId) ? only(schema)(data, unitId) : null;
/** A meeting as the invitation tells it: no list of the other units' answers. */
const meetingPublic = z.object({
  id: z.string(),
  kind: z.string(),
  topic: z.string(),
  startsAt: z.string(),
  place: z.string(),
  agenda: z.array(z.string()),
  replyDueAt: z.string(),
  cancelledAt: z.string().nullable().optional(),
  cancelReason: z.string().nullable().optional(),
});
/** Minutes as sent to a unit: the text and agreed items; who agreed is the office's. */
const minutesPublic = z.object({
  id: z.string(),
  meetingId: z.string(),
  version: z.number().int(),
  text: z.string(),
  items: z.array(z.object({ title: z.string(), leadUnitId: z.string(), supportUnitIds: z.array(z.string()), dueAt: z.string() })),
  consentDueAt: z.string(),
  revisionNote: z.string().nullable(),
});

/** A proposal as the units concerned read it (who answered what is the office's). */
const proposalPublic = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  text: z.string(),
  unitIds: z.array(z.string()),
  dueAt: z.string(),
  state: z.string(),
  referralNote: z.string().nullable(),
  outcome: z.string().nullable(),
});

/** A campaign as its participating units read it: scope, period, every unit's task (a shared plan). */
const campaignPublic = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  scope: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  leadUnitId: z.string().nullable(),
  unitIds: z.array(z.string()),
  tasks: z.array(z.object({ unitId: z.string(), task: z.string(), dueAt: z.string() })),
  cancelledAt: z.string().nullable().optional(),
  cancelReason: z.string().nullable().optional(),
});

/** Every event type the server writes. A type missing here is seen by the commission alone. */
export const EVENT_CATALOGUE = {
  'incident.reported': { unitView: null },
  'incident.updated': { unitView: incidentRevisionView },
  'incident.closed': { unitView: incidentRevisionView },
  'incident.forwarded': { unitView: null },
  'incident.source_updated': { unitView: null },
  'notification.created': { unitView: ownNotification({ incident: z.looseObject({ id: z.string() }), revision: unitRevision.optional() }) },
  'notification.delivered': { unitView: ownReference(deliveryStep) },
  'notification.read': { unitView: ownReference(deliveryStep) },
  'notification.acknowledged': { unitView: ownNotification() },
  'notification.declined': { unitView: ownNotification() },
  // The commission's answer to the unit's decline; the unit it was handed to is the commission's business.
  'notification.decline_resolved': { unitView: ownNotification({ action: z.string(), reason: z.string(), by: z.string() }) },
  'notification.escalated': {
    unitView: ownReference(
      z.object({ ...unitRef, unitName: z.string(), step: z.string(), stepNumber: z.number(), text: z.string(), ackDueAt: z.string(), nextStepAt: z.string().nullable() }),
    ),
  },
  'notification.superseded': { unitView: ownReference(z.object({ ...unitRef, byVersion: z.number() })) },
  'notification.withdrawn': { unitView: ownReference(z.object({ ...unitRef, byVersion: z.number() })) },
  'task.created': {
    unitView: (data: Record<string, unknown>, unitId: string) =>
      owned('task')(data, unitId) ? only(z.object({ task: ownRecord, by: z.string(), incident: z.looseObject({ id: z.string() }) }))(data, unitId) : null,
  },
  'task.updated': { unitView: taskChangeView },
  'task.escalated': {
    unitView: ownReference(
      z.object({ taskId: z.string(), unitId: z.string(), unitName: z.string(), title: z.string(), step: z.string(), stepNumber: z.number(), text: z.string(), dueAt: z.string(), nextStepAt: z.string().nullable() }),
    ),
  },
  'obligation.created': { unitView: null },
  'obligation.overdue': { unitView: null },
  'obligation.submitted': { unitView: null },
  'obligation.superseded': { unitView: null },
  // A superseded duty the facts require again (a severity lowered, then raised back).
  'obligation.reinstated': { unitView: null },
  // Who may see the incident may see its files (the same rule as GET /incidents/{id}/attachments).
  'attachment.added': { unitView: (data: Record<string, unknown>) => ({ attachment: data.attachment }) },
  // Which channel failed for whom is the commission's to act on.
  'delivery.failed': { unitView: null },
  // 成员单位报告: the filing unit follows its own report (and the clause it filed under) until the
  // commission answers; which units the confirmed incident then goes to is not part of it.
  'unit_report.filed': { unitView: ownUnitReport(z.object({ unitReport: ownRecord, basis: z.object({ documentClause: z.string(), quote: z.string() }).optional() })) },
  'unit_report.confirmed': { unitView: ownUnitReport(z.object({ unitReport: ownRecord })) },
  'unit_report.rejected': { unitView: ownUnitReport(z.object({ unitReport: ownRecord })) },
  'alert.raised': { unitView: null },
  'alert.resolved': { unitView: null },
  // A unit's rota changed: its people see which revision and who changed it.
  'rota.changed': { unitView: ownReference(z.object({ unitId: z.string(), revision: z.number().int(), by: z.string() })) },
  'access.changed': { unitView: null, internal: true },
  // 成员单位调整: a unit learns what changed about itself (or that a unit was merged into it), and why.
  'unit.changed': {
    unitView: (data: Record<string, unknown>, unitId: string) =>
      data.unitId === unitId || data.intoUnitId === unitId
        ? only(
            z.object({
              action: z.string(),
              unitId: z.string(),
              unitName: z.string(),
              intoUnitId: z.string().nullable(),
              rulebookVersion: z.string(),
              reason: z.string(),
              by: z.string(),
            }),
          )(data, unitId)
        : null,
  },
  // 成员调整: the unit sees its own proposals and the office's answers to them.
  'member_change.proposed': { unitView: ownMemberChange, commissionSees: administrators },
  'member_change.confirmed': { unitView: ownMemberChange, commissionSees: administrators },
  'member_change.rejected': { unitView: ownMemberChange, commissionSees: administrators },
  // 简报 (信阳 三(四)): recipients learn of a bulletin; receipts go to the reader and the publishing unit.
  'bulletin.drafted': { unitView: ownDraft, commissionSees: officeDraft },
  'bulletin.updated': { unitView: ownDraft, commissionSees: officeDraft },
  'bulletin.published': { unitView: only(bulletinNotice) },
  'bulletin.read': { unitView: bulletinRead },
  'bulletin.attachment_added': { unitView: ownDraft, commissionSees: officeDraft },
  'bulletin_item.submitted': { unitView: (data, unitId) => (owned('item')(data, unitId) ? only(z.object({ item: ownRecord }))(data, unitId) : null) },
  'bulletin_item.pulled': { unitView: null },
  // 年度报送 (信阳 四(三)): the round opens for every unit; a unit sees its own filing.
  'annual_submission.opened': { unitView: only(z.object({ year: z.number(), dueAt: z.string(), opensAt: z.string(), basis: z.object({ documentClause: z.string(), quote: z.string() }) })) },
  'annual_submission.filed': { unitView: (data, unitId) => (owned('submission')(data, unitId) ? only(z.object({ submission: ownRecord }))(data, unitId) : null) },
  // 名册导入: the office's own record of who imported what.
  'roster.imported': { unitView: null, commissionSees: administrators },
  // 新建账号: the office's own record of who created whose account, with which role.
  'account.created': { unitView: null, commissionSees: administrators },
  // 联席会议常设工作 (no incident): a unit sees its own requests, their chasing and its own answers;
  // a meeting, minutes and their issue as sent to it. The other units' answers are the office's.
  'standing.requested': { unitView: ownStanding(z.object({ request: standingRequestView, by: z.string().nullable() })) },
  'standing.answered': { unitView: ownStanding(z.object({ request: standingRequestView, action: z.string(), answer: z.record(z.string(), z.unknown()), by: z.string() })) },
  'standing.withdrawn': { unitView: ownStanding(z.object({ request: standingRequestView, reason: z.string() })) },
  'standing.escalated': {
    unitView: ownReference(
      z.object({ requestId: z.string(), unitId: z.string(), unitName: z.string(), title: z.string(), step: z.string(), stepNumber: z.number(), text: z.string(), dueAt: z.string(), nextStepAt: z.string().nullable() }),
    ),
  },
  'meeting.convened': { unitView: only(z.object({ meeting: meetingPublic, by: z.string() })) },
  // 改期 / 取消: every invited unit is told, with the reason.
  'meeting.changed': { unitView: only(z.object({ meeting: meetingPublic, changed: z.array(z.string()), reason: z.string(), by: z.string() })) },
  'meeting.cancelled': { unitView: only(z.object({ meeting: meetingPublic, reason: z.string(), by: z.string() })) },
  'minutes.drafted': { unitView: only(z.object({ minutes: minutesPublic, meetingTopic: z.string() })) },
  'minutes.agreed': { unitView: only(z.object({ minutesId: z.string(), meetingId: z.string(), version: z.number().int() })) },
  'minutes.issued': { unitView: only(z.object({ minutes: minutesPublic, meetingTopic: z.string(), copiedTo: z.string() })) },
  // 征求意见: the units concerned follow the proposal, its settlement, referral and the government's decision.
  'proposal.made': { unitView: only(z.object({ proposal: proposalPublic })) },
  'proposal.settled': { unitView: only(z.object({ proposal: proposalPublic })) },
  'proposal.referred': { unitView: only(z.object({ proposal: proposalPublic })) },
  'proposal.decided': { unitView: only(z.object({ proposal: proposalPublic })) },
  // 联合执法 / 专项整治: the participating units see the campaign they take part in; their tasks are standing requests.
  'campaign.opened': { unitView: only(z.object({ campaign: campaignPublic })) },
  // The leading unit follows each participant's report (the office sees it in its jurisdiction's stream).
  'campaign.reported': { unitView: only(z.object({ campaignId: z.string(), unitId: z.string(), unitName: z.string(), done: z.boolean(), note: z.string() })) },
  'campaign.changed': { unitView: only(z.object({ campaign: campaignPublic, changedUnitIds: z.array(z.string()), reason: z.string(), by: z.string() })) },
  'campaign.cancelled': { unitView: only(z.object({ campaign: campaignPublic, reason: z.string(), by: z.string() })) },
} satisfies Record<string, EventDefinition>;

export type EventType = keyof typeof EVENT_CATALOGUE;
export const EVENT_TYPES = Object.keys(EVENT_CATALOGUE) as EventType[];

export const eventTypeSchema = z.enum(EVENT_TYPES as [EventType, ...EventType[]]);

/** The producer's object type of a payload field (none when the payload does not declare it). */
type Written<P> = unknown extends P ? {} : Extract<P, object>;
/**
 * What a unit view V lets through of a payload P: V's fields only (a field the view drops is not
 * there), each typed as both the view and the producer say (an enum the view reads as a string is
 * the enum); a record the view passes whole (a loose object) is the producer's record.
 */
type Seen<V, P> = V extends readonly (infer VE)[]
  ? P extends readonly (infer PE)[]
    ? Seen<VE, PE>[]
    : V
  : V extends object
    ? string extends keyof V
      ? V & Written<P>
      : { [K in keyof V]: Seen<V[K], K extends keyof Written<P> ? Written<P>[K] : unknown> }
    : V & P;

type UnitViewOf<T extends EventType> = (typeof EVENT_CATALOGUE)[T]['unitView'];
/** The types a member unit may receive: those with a unit view. */
export type UnitEventType = { [T in EventType]: UnitViewOf<T> extends null ? never : T }[EventType];
/** The data of a type as a member unit receives it: what its unit view's schema lets through. */
export type UnitEventData<T extends UnitEventType> = Seen<NonNullable<ReturnType<NonNullable<UnitViewOf<T>>>>, EventDataRead<T & TypedEventType>>;

/**
 * An event as a member unit receives it (REST timeline, socket, `resume`), discriminated by
 * `type`: a `switch (e.type)` narrows `data` to that type's unit view, so a reader of a field the
 * view drops (/m's reducers) fails `tsc`.
 */
export type UnitCataloguedEvent = {
  [T in UnitEventType]: { seq: number; type: T; at: string; jurisdictionId: string; incidentId: string | null; data: UnitEventData<T> };
}[UnitEventType];

const catalogue: Record<string, EventDefinition> = EVENT_CATALOGUE;

function envelope(e: LoggedEvent, data: Record<string, unknown>): EventView {
  return { seq: e.seq, type: e.type, at: typeof e.at === 'string' ? e.at : e.at.toISOString(), jurisdictionId: e.jurisdictionId, incidentId: e.incidentId, data };
}

/**
 * The event as this audience may see it, or null when it may not see it at all. The one place
 * that decides it: the REST timeline, the socket relay and `resume` all go through here.
 */
export function viewEventFor(audience: EventAudience, e: LoggedEvent): EventView | null {
  if (catalogue[e.type]?.internal) return null;
  if (audience.kind === 'commission') {
    if (audience.jurisdictionId !== null && audience.jurisdictionId !== e.jurisdictionId) return null;
    const sees = catalogue[e.type]?.commissionSees;
    return !sees || sees(e.data, audience) ? envelope(e, e.data) : null;
  }
  if (!e.audienceUnits.includes(audience.unitId)) return null;
  const unitView = catalogue[e.type]?.unitView;
  if (!unitView) return null;
  const data = unitView(e.data, audience.unitId);
  return data ? envelope(e, data) : null;
}

/**
 * Incidents as the commission watches them, kept current by applying events to local state
 * (no refetch of the world per event). Shared by the board and the duty console's incident view.
 * Applying an event twice changes nothing, so a snapshot and a resume may overlap.
 * Besides the notifications, an incident carries its upward-reporting obligations (上报义务),
 * its joint response tasks (联合处置任务) and its 逐级上报 links.
 */
import type { z } from 'zod';
import type { AlertView, BoardSnapshot } from '../../../src/contract/admin.js';
import type { incidentDetailSchema, notificationSchema, routingDecisionSchema } from '../../../src/contract/api.js';
import type { downstreamSchema, incidentLinkSchema, obligationSchema, taskSchema } from '../../../src/contract/response.js';
import type { EventEnvelope } from './realtime.js';
import type { CataloguedEvent } from '../../../src/contract/event-payloads.js';
import { formatClock, formatDuration } from './time.js';

export type IncidentDetail = z.infer<typeof incidentDetailSchema>;
export type NotificationView = z.infer<typeof notificationSchema> & { declinedByName?: string | null };
export type RoutingDecision = z.infer<typeof routingDecisionSchema>;
export type IncidentHeader = IncidentDetail['incident'];
export type ObligationView = z.infer<typeof obligationSchema>;
export type TaskView = Omit<z.infer<typeof taskSchema>, 'incident'>;
export type IncidentLink = z.infer<typeof incidentLinkSchema>;
export type DownstreamIncident = z.infer<typeof downstreamSchema>;

export interface IncidentEntry {
  id: string;
  incident: IncidentHeader;
  routing: RoutingDecision[];
  versions: IncidentDetail['versions'];
  notifications: Record<string, NotificationView>;
  /** 上报义务, by id (the commission's; empty for others). */
  obligations: Record<string, ObligationView>;
  /** 联合处置任务, by id. */
  tasks: Record<string, TaskView>;
  /** The incidents this one was reported up as (逐级上报 to a jurisdiction above). */
  upstream: IncidentLink[];
  /** The lower jurisdiction's incident this one arrived from. */
  downstream: DownstreamIncident | null;
  /** The incident's events, in seq order, without duplicates. */
  timeline: EventEnvelope[];
  /** When this client last saw an event change this incident (its own clock, ms), for a brief highlight. */
  changedAt: number;
}

/** Standing work (a meeting reply, minutes, an agreed item) still waiting for a unit. */
export type StandingEntry = BoardSnapshot['standing'][number];

export interface Model {
  incidents: Record<string, IncidentEntry>;
  alerts: Record<string, AlertView>;
  /** Pending standing requests of the jurisdiction (the board counts the overdue ones). */
  standing: Record<string, StandingEntry>;
  /** Keep closed incidents (an incident page) or drop them (the board of open incidents). */
  keepClosed: boolean;
}

export function emptyModel(keepClosed: boolean): Model {
  return { incidents: {}, alerts: {}, standing: {}, keepClosed };
}

export function entryFromDetail(detail: Omit<IncidentDetail, 'lastSeq'>, previous?: IncidentEntry): IncidentEntry {
  return {
    id: detail.incident.id,
    incident: detail.incident,
    routing: detail.routing,
    versions: detail.versions,
    notifications: Object.fromEntries(detail.notifications.map((n) => [n.id, n])),
    obligations: Object.fromEntries((detail.obligations ?? []).map((o) => [o.id, o])),
    tasks: Object.fromEntries((detail.tasks ?? []).map(({ incident: _i, ...t }) => [t.id, t])),
    upstream: detail.upstream ?? [],
    downstream: detail.downstream ?? null,
    timeline: previous?.timeline ?? [],
    changedAt: previous?.changedAt ?? 0,
  };
}

export function modelFromSnapshot(snapshot: BoardSnapshot): Model {
  const model = emptyModel(false);
  for (const detail of snapshot.incidents) model.incidents[detail.incident.id] = entryFromDetail(detail);
  for (const alert of snapshot.alerts) model.alerts[alert.id] = alert;
  for (const s of snapshot.standing ?? []) model.standing[s.id] = s;
  return model;
}

/** Replaces an incident with a fresh detail and re-applies the events the detail had not seen yet. */
export function replaceIncident(model: Model, detail: IncidentDetail): void {
  const previous = model.incidents[detail.incident.id];
  const entry = entryFromDetail(detail, previous);
  model.incidents[entry.id] = entry;
  for (const e of entry.timeline) if (e.seq > detail.lastSeq) applyEvent(model, e, { timeline: false });
  if (!model.keepClosed && entry.incident.status === 'closed') delete model.incidents[entry.id];
}

/** Adds events read from GET /incidents/:id/events to the timeline (state already includes them). */
export function mergeTimeline(entry: IncidentEntry, events: EventEnvelope[]): void {
  const bySeq = new Map(entry.timeline.map((e) => [e.seq, e]));
  for (const e of events) bySeq.set(e.seq, e);
  entry.timeline = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/**
 * Applies one event. Returns the id of an incident to refetch when the event changes more than
 * it carries (a 续报 re-routes), else null.
 */
export function applyEvent(model: Model, e: EventEnvelope, options: { timeline?: boolean } = {}): string | null {
  // The commission's stream carries each type's catalogued payload whole (src/contract/event-payloads.ts):
  // the switch narrows `data`, so a payload changed at its producer fails tsc here.
  const ev = e as unknown as CataloguedEvent;
  const seenAt = Date.now();
  let entry = e.incidentId ? model.incidents[e.incidentId] : undefined;
  let refetch: string | null = null;

  switch (ev.type) {
    case 'incident.reported': {
      const inc = ev.data.incident;
      if (!entry) {
        const created: IncidentEntry = (model.incidents[inc.id] = {
          id: inc.id,
          incident: {
            id: inc.id,
            ref: inc.ref,
            jurisdictionId: inc.jurisdictionId ?? e.jurisdictionId,
            title: inc.title,
            drill: inc.drill === true,
            status: inc.status ?? 'open',
            severity: inc.severity,
            version: inc.version ?? 1,
            occurredAt: inc.occurredAt ?? inc.receivedAt,
            receivedAt: inc.receivedAt,
            place: { address: '' },
            employer: { name: '', industry: '' },
            hazard: { category: '' },
            casualties: { exposed: 0, acuteCases: 0, severeCases: 0, deaths: 0, anthraxCases: 0 },
            narrative: '',
            measuresTaken: null,
            createdAt: e.at,
            updatedAt: e.at,
            closedAt: null,
            severityReason: inc.severityReason ?? '',
            regimes: inc.regimes ?? [],
          },
          routing: inc.routing ?? [],
          versions: [],
          ...emptyResponse(),
          timeline: [],
          changedAt: seenAt,
        });
        entry = created;
        // An incoming 逐级上报: the link to the lower jurisdiction's incident comes with the detail.
        if (inc.source) refetch = inc.id;
        for (const n of inc.notifications ?? [])
          created.notifications[n.id] ??= {
            id: n.id,
            incidentId: inc.id,
            reportVersion: inc.version ?? 1,
            unitId: n.unitId,
            unitName: n.unitName,
            role: n.role,
            basis: '',
            clauses: [],
            state: n.state,
            createdAt: e.at,
            ackDueAt: n.ackDueAt,
            firstDeliveredAt: null,
            firstReadAt: null,
            acknowledgedAt: null,
            acknowledgedBy: null,
            acknowledgedByName: null,
            acknowledgedVia: null,
            acknowledgementNote: null,
            declinedAt: null,
            declinedBy: null,
            declineReason: null,
          };
      }
      break;
    }
    case 'notification.created': {
      const n: NotificationView = ev.data.notification;
      const summary = ev.data.incident as Partial<IncidentHeader>;
      if (!entry && summary?.id && (summary.status !== 'closed' || model.keepClosed)) {
        entry = model.incidents[summary.id] = {
          id: summary.id,
          incident: { ...{ createdAt: e.at, updatedAt: e.at, closedAt: null, severityReason: '', regimes: [] }, ...(summary as object) } as unknown as IncidentHeader,
          routing: [],
          versions: [],
          ...emptyResponse(),
          timeline: [],
          changedAt: seenAt,
        };
      }
      if (entry && summary) Object.assign(entry.incident, pickSummary(summary));
      if (entry && n) entry.notifications[n.id] = { ...entry.notifications[n.id], ...n };
      break;
    }
    case 'notification.delivered':
    case 'notification.read': {
      const n = entry?.notifications[ev.data.notificationId];
      if (n) {
        const when = str(ev.data.at) ?? e.at;
        if (!n.firstDeliveredAt) n.firstDeliveredAt = when;
        if (ev.type === 'notification.read' && !n.firstReadAt) n.firstReadAt = when;
      }
      break;
    }
    case 'notification.acknowledged':
    case 'notification.declined':
    case 'notification.decline_resolved': {
      if (entry) mergeNotification(entry, ev.data.notification);
      break;
    }
    case 'obligation.created':
    case 'obligation.overdue':
    case 'obligation.superseded':
    case 'obligation.reinstated':
    case 'obligation.submitted': {
      const o: ObligationView = ev.data.obligation;
      if (entry) upsertObligation(entry, o);
      break;
    }
    case 'task.created':
    case 'task.updated': {
      const t: TaskView = ev.data.task;
      if (entry) upsertTask(entry, t);
      break;
    }
    case 'task.escalated': {
      const t = entry?.tasks[ev.data.taskId];
      if (t) {
        t.escalationStep = Math.max(t.escalationStep, ev.data.stepNumber);
        t.overdue = true;
      }
      break;
    }
    case 'incident.forwarded':
    case 'incident.source_updated':
      // The linked incident's summary (its ref, status, versions) comes with the detail.
      if (entry) refetch = entry.id;
      break;
    case 'notification.superseded':
    case 'notification.withdrawn': {
      const n = entry?.notifications[ev.data.notificationId];
      if (n && n.state === 'pending') n.state = ev.type === 'notification.superseded' ? 'superseded' : 'withdrawn';
      else if (n && ev.type === 'notification.withdrawn') n.state = 'withdrawn';
      break;
    }
    case 'incident.updated':
    case 'incident.closed': {
      if (entry) {
        const inc = entry.incident;
        const d = ev.data;
        if (d.version >= inc.version) {
          inc.version = d.version;
          inc.severity = d.severity as IncidentHeader['severity'];
          inc.title = d.title;
          inc.casualties = { ...inc.casualties, ...d.casualties };
          inc.status = d.status as IncidentHeader['status'];
        }
        if (ev.type === 'incident.closed') {
          inc.status = 'closed';
          inc.closedAt ??= e.at;
        }
        refetch = entry.id;
      }
      break;
    }
    case 'alert.raised': {
      const a: Omit<AlertView, 'jurisdictionId' | 'unitName' | 'resolvedAt'> & { unitName?: string | null } = ev.data.alert;
      if (!model.alerts[a.id]) {
        const unitName = a.unitId && entry ? Object.values(entry.notifications).find((n) => n.unitId === a.unitId)?.unitName ?? null : null;
        // Standing work (a meeting reply, minutes, an agreed item) has no incident: its subject names it.
        const incidentId = a.incidentId ?? e.incidentId ?? null;
        const named = entry && incidentId ? { id: incidentId, ref: entry.incident.ref, title: entry.incident.title, status: entry.incident.status, drill: !!entry.incident.drill } : undefined;
        const incident = a.incident ?? named ?? (incidentId ? { id: incidentId, ref: '', title: '', status: 'open' as const, drill: false } : null);
        model.alerts[a.id] = {
          id: a.id,
          incident,
          subject: a.subject ?? { kind: incident ? 'incident' : 'standing', title: incident ? `${incident.ref} ${incident.title}` : '联席会议事项', link: incidentId ? `/duty/incidents/${incidentId}` : '/meetings' },
          standingRequestId: a.standingRequestId ?? null,
          jurisdictionId: e.jurisdictionId,
          incidentId,
          notificationId: a.notificationId ?? null,
          taskId: a.taskId ?? null,
          obligationId: a.obligationId ?? null,
          unitId: a.unitId ?? null,
          unitName: a.unitName ?? unitName,
          kind: a.kind ?? 'alert',
          reason: a.reason ?? '',
          raisedAt: a.raisedAt ?? e.at,
          resolvedAt: null,
        };
      }
      break;
    }
    case 'standing.requested':
    case 'standing.answered':
    case 'standing.withdrawn': {
      // No incident: the board keeps only what still waits for a unit, to count what is overdue.
      const r = ev.data.request;
      if (r.state === 'pending') model.standing[r.id] = { id: r.id, title: r.title, unitId: r.unitId, unitName: model.standing[r.id]?.unitName ?? '', dueAt: r.dueAt, link: r.link };
      else delete model.standing[r.id];
      break;
    }
    case 'alert.resolved':
      delete model.alerts[ev.data.alert.id];
      break;
    default:
      // notification.escalated and any newer event type: shown from the timeline.
      break;
  }

  if (entry && options.timeline !== false) {
    if (!entry.timeline.some((t) => t.seq === e.seq)) {
      entry.timeline.push(e);
      if (entry.timeline.length > 1 && entry.timeline[entry.timeline.length - 2]!.seq > e.seq) entry.timeline.sort((a, b) => a.seq - b.seq);
    }
    entry.changedAt = seenAt;
  }
  if (entry && !model.keepClosed && entry.incident.status === 'closed') {
    delete model.incidents[entry.id];
    refetch = null;
  }
  return refetch;
}

function emptyResponse(): Pick<IncidentEntry, 'notifications' | 'obligations' | 'tasks' | 'upstream' | 'downstream'> {
  return { notifications: {}, obligations: {}, tasks: {}, upstream: [], downstream: null };
}

/** Merges a notification an event carries, keeping what it does not carry (the clauses, delivery times it may predate, names). */
export function mergeNotification(entry: IncidentEntry, n: NotificationView): void {
  const before = entry.notifications[n.id];
  entry.notifications[n.id] = {
    ...before,
    ...n,
    clauses: n.clauses?.length ? n.clauses : before?.clauses ?? [],
    firstDeliveredAt: n.firstDeliveredAt ?? before?.firstDeliveredAt ?? null,
    firstReadAt: n.firstReadAt ?? before?.firstReadAt ?? null,
    acknowledgedByName: n.acknowledgedByName ?? before?.acknowledgedByName ?? null,
    declinedByName: n.declinedByName ?? before?.declinedByName ?? null,
  };
}

/**
 * Records an obligation as an event or an answer carries it. A submission is final: an older
 * view replayed after it (a resume overlapping the snapshot) never takes it back.
 */
export function upsertObligation(entry: IncidentEntry, o: ObligationView): void {
  const before = entry.obligations[o.id];
  if (before?.submission && !o.submission) return;
  entry.obligations[o.id] = o;
}

/** Records a task as an event or an answer carries it; an older view never replaces a newer one. */
export function upsertTask(entry: IncidentEntry, t: TaskView & { incident?: unknown }): void {
  const { incident: _i, ...task } = t;
  const before = entry.tasks[task.id];
  if (before && Date.parse(before.updatedAt) > Date.parse(task.updatedAt)) return;
  entry.tasks[task.id] = task;
}

function pickSummary(s: Partial<IncidentHeader>): Partial<IncidentHeader> {
  const out: Partial<IncidentHeader> = {};
  for (const key of ['ref', 'title', 'drill', 'status', 'severity', 'version', 'occurredAt', 'receivedAt', 'place', 'employer', 'hazard', 'casualties', 'narrative', 'measuresTaken'] as const)
    if (s[key] !== undefined) (out as Record<string, unknown>)[key] = s[key];
  return out;
}

const ROLE_RANK: Record<string, number> = { lead: 0, support: 1, inform: 2 };

/** Each unit's current notification (its latest version), in routing order; withdrawn units drop out. */
export function currentNotifications(entry: IncidentEntry): NotificationView[] {
  const latest = new Map<string, NotificationView>();
  for (const n of Object.values(entry.notifications)) {
    const seen = latest.get(n.unitId);
    if (!seen || n.reportVersion > seen.reportVersion) latest.set(n.unitId, n);
  }
  const order = new Map(entry.routing.map((r, i) => [r.unitId, i]));
  return [...latest.values()]
    .filter((n) => n.state !== 'withdrawn')
    .sort(
      (a, b) =>
        (ROLE_RANK[a.role] ?? 9) - (ROLE_RANK[b.role] ?? 9) ||
        (order.get(a.unitId) ?? 999) - (order.get(b.unitId) ?? 999) ||
        a.unitName.localeCompare(b.unitName, 'zh-CN'),
    );
}

export interface EscalationStep {
  step: string;
  text: string;
  at: string;
}

export function escalationsOf(entry: IncidentEntry, notificationId: string): EscalationStep[] {
  return entry.timeline
    .filter((e) => e.type === 'notification.escalated' && (e.data as { notificationId?: string }).notificationId === notificationId)
    .map((e) => ({ step: String((e.data as { step?: string }).step ?? ''), text: String((e.data as { text?: string }).text ?? ''), at: e.at }));
}

export interface DeliveryFailure {
  channel: string;
  reason: string;
  at: string;
}

/** The deliveries of a notification that were given up (delivery.failed on its timeline), oldest first. */
export function deliveryFailuresOf(entry: IncidentEntry, notificationId: string): DeliveryFailure[] {
  return failuresWhere(entry, (d) => d.notificationId === notificationId);
}

/** The messages of a task to its present unit that were given up (one to a unit it was taken from is not this unit's). */
export function taskDeliveryFailuresOf(entry: IncidentEntry, task: { id: string; unitId: string }): DeliveryFailure[] {
  return failuresWhere(entry, (d) => d.taskId === task.id && d.unitId === task.unitId);
}

function failuresWhere(entry: IncidentEntry, about: (data: { notificationId?: string; taskId?: string; unitId?: string }) => boolean): DeliveryFailure[] {
  return entry.timeline
    .filter((e) => e.type === 'delivery.failed' && about(e.data as { notificationId?: string; taskId?: string; unitId?: string }))
    .map((e) => ({ channel: String((e.data as { channel?: string }).channel ?? ''), reason: String((e.data as { reason?: string }).reason ?? ''), at: e.at }));
}

export type DeadlineLevel = 'ok' | 'warn' | 'overdue' | 'done' | 'late' | 'declined' | 'closed';

export interface DeadlineState {
  level: DeadlineLevel;
  /** Short text that carries the meaning without colour, e.g. 「超时 12分」. */
  text: string;
  /** The fraction of the allowed time used (pending only). */
  ratio?: number;
}

/** Amber from 75% of the allowed time, red once the deadline has passed. */
export const WARN_RATIO = 0.75;

export function deadlineState(n: NotificationView, now: number): DeadlineState {
  const created = Date.parse(n.createdAt);
  const due = Date.parse(n.ackDueAt);
  if (n.state === 'acknowledged' && n.acknowledgedAt) {
    const took = Date.parse(n.acknowledgedAt) - created;
    const late = Date.parse(n.acknowledgedAt) > due;
    return late
      ? { level: 'late', text: `超时签收 · 用时 ${formatDuration(took)}` }
      : { level: 'done', text: `按时 · 用时 ${formatDuration(took)}` };
  }
  if (n.state === 'declined' && n.declineResolution === 'reassigned') return { level: 'declined', text: '已退回 · 已改派' };
  if (n.state === 'declined' && n.declineResolution === 'confirmed') return { level: 'declined', text: '已退回 · 指挥长已确认' };
  if (n.state === 'declined') return { level: 'declined', text: '已退回，待指挥长处理' };
  if (n.state !== 'pending') return { level: 'closed', text: '—' };
  const allowed = Math.max(1, due - created);
  const ratio = (now - created) / allowed;
  if (now >= due) return { level: 'overdue', text: `超时 ${formatDuration(now - due)}`, ratio };
  if (ratio >= WARN_RATIO) return { level: 'warn', text: `即将超时 · 剩 ${formatClock(due - now)}`, ratio };
  return { level: 'ok', text: `剩 ${formatClock(due - now)}`, ratio };
}

/**
 * Folds an incident's timeline into the raw rows of its account (see account.ts): the incident
 * and its versions, each notification, obligation and task as the events left them. Pure.
 */
import type { CataloguedEvent } from '../contract/event-payloads.js';
import type { Account, NotificationAccount, ObligationAccount, TaskAccount, TimelineEvent } from './account.js';

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * The log's events read with their catalogued payloads: every producer writes them through
 * `NewEvent` (and the suite parses each one), so the fold reads typed fields, and a payload
 * changed at its producer fails `tsc` here.
 */
const catalogued = (events: TimelineEvent[]) => events as unknown as CataloguedEvent[];

export function foldTimeline(events: TimelineEvent[]) {
  const ordered = catalogued([...events].sort((a, b) => a.seq - b.seq));
  const reported = ordered.find((e) => e.type === 'incident.reported');
  if (!reported || reported.type !== 'incident.reported') throw new Error('the timeline has no incident.reported event');
  const first = reported.data.incident;
  const incident: Account['incident'] = {
    id: first.id,
    ref: first.ref,
    title: first.title,
    jurisdictionId: first.jurisdictionId,
    drill: first.drill === true,
    receivedAt: str(first.receivedAt),
    reportedAt: reported.at,
    closedAt: null,
    severity: first.severity,
    closeOverride: null,
    versions: [{ version: 1, kind: 'initial', at: reported.at, severity: first.severity }],
  };
  const notifications = new Map<string, Omit<NotificationAccount, 'outcome' | 'lateByMinutes'>>();
  const obligations = new Map<string, Omit<ObligationAccount, 'outcome' | 'lateByMinutes'>>();
  const tasks = new Map<string, Omit<TaskAccount, 'outcome' | 'lateByMinutes'>>();

  for (const e of ordered) {
    switch (e.type) {
      case 'incident.updated':
      case 'incident.closed': {
        const d = e.data;
        incident.versions.push({ version: d.version, kind: d.kind, at: e.at, severity: d.severity });
        incident.severity = d.severity;
        incident.title = d.title ?? incident.title;
        if (e.type === 'incident.closed') {
          incident.closedAt = e.at;
          incident.closeOverride = d.closeOverride ?? null;
        }
        break;
      }
      case 'notification.created': {
        const n = e.data.notification;
        notifications.set(n.id, {
          notificationId: n.id,
          unitId: n.unitId,
          unitName: n.unitName,
          role: n.role,
          version: n.reportVersion,
          notifiedAt: n.createdAt ?? e.at,
          ackDueAt: n.ackDueAt,
          firstDeliveredAt: null,
          firstDeliveredVia: null,
          firstReadAt: null,
          firstReadVia: null,
          acknowledgedAt: null,
          acknowledgedBy: null,
          acknowledgedVia: null,
          acknowledgementNote: null,
          declinedAt: null,
          declineReason: null,
          declineResolution: null,
          closedAt: null,
          closedAs: null,
          escalations: [],
        });
        break;
      }
      case 'notification.delivered':
      case 'notification.read': {
        const d = e.data;
        const n = notifications.get(d.notificationId);
        if (!n) break;
        const at = str(d.at) ?? e.at;
        if (e.type === 'notification.read' && !n.firstReadAt) Object.assign(n, { firstReadAt: at, firstReadVia: d.channel ?? null });
        // A read is also evidence of delivery.
        if (!n.firstDeliveredAt || Date.parse(at) < Date.parse(n.firstDeliveredAt)) Object.assign(n, { firstDeliveredAt: at, firstDeliveredVia: d.channel ?? null });
        break;
      }
      case 'notification.acknowledged': {
        const v = e.data.notification;
        const n = notifications.get(v.id);
        if (n && !n.acknowledgedAt)
          Object.assign(n, { acknowledgedAt: v.acknowledgedAt ?? e.at, acknowledgedBy: v.acknowledgedByName ?? v.acknowledgedBy ?? null, acknowledgedVia: v.acknowledgedVia ?? null, acknowledgementNote: v.acknowledgementNote ?? null });
        break;
      }
      case 'notification.declined': {
        const v = e.data.notification;
        const n = notifications.get(v.id);
        if (n) Object.assign(n, { declinedAt: v.declinedAt ?? e.at, declineReason: v.declineReason ?? null });
        break;
      }
      case 'notification.decline_resolved': {
        const d = e.data;
        const n = notifications.get(d.notification.id);
        if (n) n.declineResolution = `${d.action === 'reassign' ? '改派' : '确认退回'}：${d.reason}`;
        break;
      }
      case 'notification.superseded':
      case 'notification.withdrawn': {
        const n = notifications.get(e.data.notificationId);
        if (n && !n.closedAt) Object.assign(n, { closedAt: e.at, closedAs: e.type === 'notification.superseded' ? 'superseded' : 'withdrawn' });
        break;
      }
      case 'notification.escalated':
        notifications.get(e.data.notificationId)?.escalations.push({ step: e.data.step, at: e.at });
        break;
      case 'obligation.superseded': {
        const o = obligations.get(e.data.obligation.id);
        if (o) o.supersededAt = e.data.obligation.supersededAt ?? e.at;
        break;
      }
      case 'obligation.reinstated': {
        const o = obligations.get(e.data.obligation.id);
        if (o) Object.assign(o, { supersededAt: null, startsAt: e.data.obligation.startsAt, dueAt: e.data.obligation.dueAt });
        break;
      }
      case 'obligation.created':
      case 'obligation.submitted': {
        const o = e.data.obligation;
        const existing = obligations.get(o.id);
        const s = o.submission;
        obligations.set(o.id, {
          id: o.id,
          key: o.key,
          recipientName: o.recipient.name,
          citation: o.citation,
          deadlineText: o.deadlineText,
          informational: o.informational === true,
          startsAt: o.startsAt,
          dueAt: o.dueAt,
          submittedAt: s?.at ?? null,
          submittedBy: s?.byName ?? s?.by ?? null,
          method: s?.method ?? null,
          reference: s?.reference ?? null,
          overdueAlertAt: existing?.overdueAlertAt ?? null,
          supersededAt: existing?.supersededAt ?? null,
        });
        break;
      }
      case 'obligation.overdue': {
        const o = obligations.get(e.data.obligation.id);
        if (o) o.overdueAlertAt = e.at;
        break;
      }
      case 'task.created':
      case 'task.updated': {
        const t = e.data.task;
        const entry = tasks.get(t.id) ?? { escalations: [] as TaskAccount['escalations'], history: [] as TaskAccount['history'] };
        const step = e.type === 'task.created' ? { action: 'create', note: null } : { action: e.data.action, note: e.data.note ?? null };
        tasks.set(t.id, {
          id: t.id,
          title: t.title,
          unitId: t.unitId,
          unitName: t.unitName,
          role: t.role,
          createdAt: t.createdAt,
          dueAt: t.dueAt,
          acceptedAt: t.acceptedAt,
          doneAt: t.doneAt,
          closedAt: t.closedAt,
          closeReason: t.closeReason,
          state: t.state,
          escalations: entry.escalations,
          history: [...entry.history, { at: e.at, ...step, by: e.data.by ?? null, unitName: t.unitName }],
        });
        break;
      }
      case 'task.escalated':
        tasks.get(e.data.taskId)?.escalations.push({ step: e.data.step, at: e.at });
        break;
    }
  }

  return { incident, notifications, obligations, tasks };
}

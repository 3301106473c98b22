/**
 * The after-action account (考核/通报, spec §3 step 10), folded from the incident's append-only
 * timeline: per unit when it was notified, first reached, first read, acknowledged (by whom, over
 * which channel) and how that compares with its deadline; per obligation when it was due and
 * submitted; per task when it was due, accepted and done. Computed from the events alone, so the
 * account can never disagree with the record. Pure: events and the time in, figures out.
 */
import { foldTimeline } from './account-fold.js';
import { minutesLate, isPastDue } from './timeliness.js';
import { missedBeforeSuperseded } from './obligations.js';

export interface TimelineEvent {
  seq: number;
  type: string;
  /** ISO 8601. */
  at: string;
  data: Record<string, unknown>;
}

export type AckOutcome = 'on_time' | 'late' | 'never' | 'pending' | 'declined' | 'superseded' | 'withdrawn';

/** How one notification compares with its acknowledgement deadline at `now`. */
export function ackOutcome(
  n: { ackDueAt: Date; acknowledgedAt: Date | null; declinedAt: Date | null; closedAt: Date | null; closedAs: 'superseded' | 'withdrawn' | null },
  now: Date,
): { outcome: AckOutcome; lateByMinutes: number | null } {
  if (n.acknowledgedAt) {
    const late = minutesLate(n.acknowledgedAt, n.ackDueAt);
    return { outcome: late === 0 ? 'on_time' : 'late', lateByMinutes: late };
  }
  if (n.declinedAt) return { outcome: 'declined', lateByMinutes: null };
  // Replaced by a later version before its deadline: nothing was missed.
  if (n.closedAs && n.closedAt && !isPastDue(n.ackDueAt, n.closedAt)) return { outcome: n.closedAs, lateByMinutes: null };
  if (isPastDue(n.ackDueAt, n.closedAt ?? now)) return { outcome: 'never', lateByMinutes: null };
  return { outcome: 'pending', lateByMinutes: null };
}

export interface NotificationAccount {
  notificationId: string;
  unitId: string;
  unitName: string;
  role: string;
  version: number;
  notifiedAt: string;
  ackDueAt: string;
  firstDeliveredAt: string | null;
  firstDeliveredVia: string | null;
  firstReadAt: string | null;
  firstReadVia: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  acknowledgedVia: string | null;
  acknowledgementNote: string | null;
  declinedAt: string | null;
  declineReason: string | null;
  declineResolution: string | null;
  closedAt: string | null;
  closedAs: 'superseded' | 'withdrawn' | null;
  escalations: { step: string; at: string }[];
  outcome: AckOutcome;
  lateByMinutes: number | null;
}

export interface ObligationAccount {
  id: string;
  key: string;
  recipientName: string;
  citation: string;
  deadlineText: string;
  informational: boolean;
  startsAt: string;
  dueAt: string;
  submittedAt: string | null;
  submittedBy: string | null;
  method: string | null;
  reference: string | null;
  overdueAlertAt: string | null;
  supersededAt: string | null;
  outcome: 'on_time' | 'late' | 'overdue' | 'due' | 'informational' | 'superseded' | 'missed';
  lateByMinutes: number | null;
}

export interface TaskAccount {
  id: string;
  title: string;
  unitId: string;
  unitName: string;
  role: string;
  createdAt: string;
  dueAt: string;
  acceptedAt: string | null;
  doneAt: string | null;
  closedAt: string | null;
  closeReason: string | null;
  state: string;
  history: { at: string; action: string; note: string | null; by: string | null; unitName: string }[];
  escalations: { step: string; at: string }[];
  outcome: 'on_time' | 'late' | 'closed' | 'overdue' | 'open';
  lateByMinutes: number | null;
}

export interface Account {
  incident: {
    id: string;
    ref: string;
    title: string;
    jurisdictionId: string;
    drill: boolean;
    receivedAt: string | null;
    reportedAt: string;
    closedAt: string | null;
    severity: string;
    closeOverride: { reason: string } | null;
    versions: { version: number; kind: string; at: string; severity: string }[];
  };
  units: { unitId: string; unitName: string; notifications: NotificationAccount[] }[];
  obligations: ObligationAccount[];
  tasks: TaskAccount[];
  summary: {
    notifications: Record<AckOutcome, number> & { total: number };
    obligations: { total: number; onTime: number; late: number; overdue: number; due: number; informational: number; superseded: number; missed: number };
    tasks: { total: number; onTime: number; late: number; closed: number; overdue: number; open: number };
  };
}

const date = (v: string | null) => (v ? new Date(v) : null);

export function buildAccount(events: TimelineEvent[], now: Date): Account {
  const { incident, notifications, obligations, tasks } = foldTimeline(events);
  const notificationRows = [...notifications.values()].map((n) => ({
    ...n,
    ...ackOutcome({ ackDueAt: new Date(n.ackDueAt), acknowledgedAt: date(n.acknowledgedAt), declinedAt: date(n.declinedAt), closedAt: date(n.closedAt), closedAs: n.closedAs }, now),
  }));
  const units = new Map<string, Account['units'][number]>();
  for (const n of notificationRows) {
    const unit = units.get(n.unitId) ?? { unitId: n.unitId, unitName: n.unitName, notifications: [] };
    unit.notifications.push(n);
    units.set(n.unitId, unit);
  }
  const obligationRows = [...obligations.values()].map((o) => {
    if (o.submittedAt) {
      const late = minutesLate(new Date(o.submittedAt), new Date(o.dueAt));
      return { ...o, outcome: late === 0 ? ('on_time' as const) : ('late' as const), lateByMinutes: late };
    }
    // Replaced after its deadline had passed with no report: the deadline was missed all the same.
    if (missedBeforeSuperseded({ ...o, dueAt: new Date(o.dueAt), submittedAt: null, supersededAt: date(o.supersededAt) }))
      return { ...o, outcome: 'missed' as const, lateByMinutes: minutesLate(new Date(o.supersededAt!), new Date(o.dueAt)) };
    if (o.supersededAt) return { ...o, outcome: 'superseded' as const, lateByMinutes: null };
    // Another party's duty the commission only checks (493号 for the employer) is never the commission's overdue.
    if (o.informational) return { ...o, outcome: 'informational' as const, lateByMinutes: null };
    return { ...o, outcome: isPastDue(new Date(o.dueAt), now) ? ('overdue' as const) : ('due' as const), lateByMinutes: null };
  });
  const taskRows = [...tasks.values()].map((t) => {
    if (t.doneAt) {
      const late = minutesLate(new Date(t.doneAt), new Date(t.dueAt));
      return { ...t, outcome: late === 0 ? ('on_time' as const) : ('late' as const), lateByMinutes: late };
    }
    if (t.closedAt) return { ...t, outcome: 'closed' as const, lateByMinutes: null };
    return { ...t, outcome: isPastDue(new Date(t.dueAt), now) ? ('overdue' as const) : ('open' as const), lateByMinutes: null };
  });

  const count = <T extends string>(rows: { outcome: T }[], outcome: T) => rows.filter((r) => r.outcome === outcome).length;
  return {
    incident,
    units: [...units.values()],
    obligations: obligationRows,
    tasks: taskRows,
    summary: {
      notifications: {
        total: notificationRows.length,
        on_time: count(notificationRows, 'on_time'),
        late: count(notificationRows, 'late'),
        never: count(notificationRows, 'never'),
        pending: count(notificationRows, 'pending'),
        declined: count(notificationRows, 'declined'),
        superseded: count(notificationRows, 'superseded'),
        withdrawn: count(notificationRows, 'withdrawn'),
      },
      obligations: {
        total: obligationRows.length,
        onTime: count(obligationRows, 'on_time'),
        late: count(obligationRows, 'late'),
        overdue: count(obligationRows, 'overdue'),
        due: count(obligationRows, 'due'),
        informational: count(obligationRows, 'informational'),
        superseded: count(obligationRows, 'superseded'),
        missed: count(obligationRows, 'missed'),
      },
      tasks: {
        total: taskRows.length,
        onTime: count(taskRows, 'on_time'),
        late: count(taskRows, 'late'),
        closed: count(taskRows, 'closed'),
        overdue: count(taskRows, 'overdue'),
        open: count(taskRows, 'open'),
      },
    },
  };
}

/**
 * Statistics of real incidents (exercises are left out before this is called): counts by severity,
 * and how acknowledgements and upward reports compared with their deadlines. Pure.
 */
import { ackOutcome, type AckOutcome } from './account.js';
import { SEVERITIES, type NotificationState, type Severity } from './enums.js';
import { isPastDue, minutesLate } from './timeliness.js';
import { missedBeforeSuperseded } from './obligations.js';

export interface StatisticsInput {
  incidents: { severity: Severity }[];
  notifications: { ackDueAt: Date; acknowledgedAt: Date | null; declinedAt: Date | null; closedAt: Date | null; state: NotificationState }[];
  obligations: { dueAt: Date; submittedAt: Date | null; informational: boolean; supersededAt?: Date | null }[];
}

/** Share decided on time, rounded to 0.1 %; null when nothing is decided yet. */
const rate = (onTime: number, decided: number) => (decided === 0 ? null : Math.round((onTime / decided) * 1000) / 10);

export function computeStatistics(input: StatisticsInput, now: Date) {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, input.incidents.filter((i) => i.severity === s).length])) as Record<Severity, number>;
  const outcomes = input.notifications.map(
    (n) =>
      ackOutcome(
        {
          ackDueAt: n.ackDueAt,
          acknowledgedAt: n.acknowledgedAt,
          declinedAt: n.declinedAt,
          closedAt: n.state === 'superseded' || n.state === 'withdrawn' ? n.closedAt : null,
          closedAs: n.state === 'superseded' || n.state === 'withdrawn' ? n.state : null,
        },
        now,
      ).outcome,
  );
  const count = (o: AckOutcome) => outcomes.filter((x) => x === o).length;
  const ack = { total: outcomes.length, onTime: count('on_time'), late: count('late'), never: count('never'), pending: count('pending'), declined: count('declined'), superseded: count('superseded') + count('withdrawn') };
  // A duty replaced by the one of a changed severity is counted once, as the new one, unless its
  // deadline had already passed unmet when it was replaced: that one counts as missed.
  const missed = input.obligations.filter((o) => missedBeforeSuperseded(o)).length;
  const statutory = input.obligations.filter((o) => !o.informational && !o.supersededAt);
  const submitted = statutory.filter((o) => o.submittedAt);
  const onTime = submitted.filter((o) => minutesLate(o.submittedAt!, o.dueAt) === 0).length;
  const overdue = statutory.filter((o) => !o.submittedAt && isPastDue(o.dueAt, now)).length;
  const obligations = { total: statutory.length + missed, onTime, late: submitted.length - onTime, overdue, missed, due: statutory.length - submitted.length - overdue };
  return {
    incidents: { total: input.incidents.length, bySeverity },
    acknowledgements: { ...ack, onTimeRate: rate(ack.onTime, ack.onTime + ack.late + ack.never) },
    obligations: { ...obligations, onTimeRate: rate(onTime, obligations.onTime + obligations.late + obligations.overdue + obligations.missed) },
  };
}

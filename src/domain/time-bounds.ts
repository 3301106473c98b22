/**
 * The bounds of every time a person types (spec: an incident's statutory clocks run from its
 * receipt, so a receipt in 9999 or 2031 would make every deadline meaningless). Pure: "now" is an
 * argument, the service's injected clock.
 */

/** Nothing this service records happened before 2000 (卫生部令第25号 itself dates from 2002). */
export const EARLIEST_YEAR = 2000;
/**
 * A typed calendar date (a rota pattern's end, a holiday) later than this year is a typing error —
 * 9999-12-31 for "no end", which is written as no date at all.
 */
export const LATEST_YEAR = 2099;
/** A typed receipt time may run ahead of the server's clock by this much (a phone's clock, a rounded minute). */
export const CLOCK_TOLERANCE_MINUTES = 5;
/** A joint response task is due within a year; a due time beyond that is a typing error. */
export const TASK_HORIZON_DAYS = 366;

export interface TimeProblem {
  field: string;
  message: string;
}

/** The year as written in an ISO 8601 time (not as converted to UTC). */
export function writtenYear(iso: string): number {
  return Number(iso.slice(0, 4));
}

export function isBeforeEarliestYear(iso: string): boolean {
  return writtenYear(iso) < EARLIEST_YEAR;
}

/** Between EARLIEST_YEAR and LATEST_YEAR, as written. */
export function isWithinWrittenYears(iso: string): boolean {
  const year = writtenYear(iso);
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

const MINUTE = 60_000;

/**
 * 初报: the receipt is not in the future (beyond the tolerance) and the occurrence is not after the
 * receipt — the one given, or now when none is.
 */
export function reportTimeProblems(times: { occurredAt: string; receivedAt?: string }, now: Date): TimeProblem[] {
  const problems: TimeProblem[] = [];
  const occurred = Date.parse(times.occurredAt);
  const received = times.receivedAt ? Date.parse(times.receivedAt) : now.getTime();
  if (times.receivedAt && received > now.getTime() + CLOCK_TOLERANCE_MINUTES * MINUTE)
    problems.push({ field: 'receivedAt', message: `接报时间不能晚于当前时间（允许误差${CLOCK_TOLERANCE_MINUTES}分钟）` });
  else if (occurred > received)
    problems.push({ field: 'occurredAt', message: times.receivedAt ? '发生时间不能晚于接报时间' : '发生时间不能晚于当前时间（接报时间未填写时以当前时间为接报时间）' });
  return problems;
}

/** 续报 / 终报: the occurrence is still not after the incident's receipt. */
export function followUpTimeProblems(occurredAt: string, incidentReceivedAt: Date): TimeProblem[] {
  return Date.parse(occurredAt) > incidentReceivedAt.getTime() ? [{ field: 'occurredAt', message: '发生时间不能晚于本事故的接报时间' }] : [];
}

/**
 * A time that lies ahead — a due time, a meeting — named by `field` and described as `what`: after
 * now, and within the horizon (a year further out is a typing error, as for a task).
 */
export function aheadTimeProblems(at: Date, now: Date, field: string, what: string): TimeProblem[] {
  if (at.getTime() <= now.getTime()) return [{ field, message: `${what}须晚于当前时间` }];
  if (at.getTime() > now.getTime() + TASK_HORIZON_DAYS * 24 * 60 * MINUTE) return [{ field, message: `${what}不能超过${TASK_HORIZON_DAYS}天以后` }];
  return [];
}

/** A task's due time: after now, within the horizon. */
export function taskDueProblems(dueAt: Date, now: Date): TimeProblem[] {
  return aheadTimeProblems(dueAt, now, 'dueAt', '办结时限');
}

/** When an upward report was made: not in the future, not before the incident was received. */
export function submissionTimeProblems(at: Date, now: Date, incidentReceivedAt: Date): TimeProblem[] {
  if (at.getTime() > now.getTime()) return [{ field: 'submittedAt', message: '上报时间不能晚于当前时间' }];
  if (at.getTime() < incidentReceivedAt.getTime()) return [{ field: 'submittedAt', message: '上报时间不能早于接报时间' }];
  return [];
}

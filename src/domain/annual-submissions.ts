/**
 * 年度报送 (信阳 四(三) 「每年1月15日前…报送上年度工作总结、本年度重点工作计划及拟提交联席会议的议题建议」):
 * when a year's submission is due, when its reminders start, which year's round is under way, and
 * how a unit stands against it. Days are the jurisdiction's local calendar days (its fixed UTC
 * offset, src/domain/local-time.ts). Pure: time is an argument.
 */

export interface MonthDay {
  month: number;
  day: number;
}

export interface AnnualRule {
  /** The last day of submission: 「1月15日前」 is read as by the end of 15 January, local time. */
  due: MonthDay;
  /** The first day of reminders, in the year before when it comes after `due` in the calendar (1 December). */
  remindFrom: MonthDay;
}

function offsetMs(utcOffset: string): number {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  return sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
}

/** The instant local midnight starts the day `year-month-day` (Date.UTC rolls day 32 over into the next month). */
function localMidnight(year: number, month: number, day: number, utcOffset: string): Date {
  return new Date(Date.UTC(year, month - 1, day) - offsetMs(utcOffset));
}

const before = (a: MonthDay, b: MonthDay) => a.month < b.month || (a.month === b.month && a.day < b.day);

/** The deadline of `year`'s submission: the first instant after its due day, local time (exclusive). */
export function annualDueAt(year: number, rule: AnnualRule, utcOffset: string): Date {
  return localMidnight(year, rule.due.month, rule.due.day + 1, utcOffset);
}

/** When `year`'s reminders start: local midnight of `remindFrom`, in the year before when it falls after the due day. */
export function annualOpensAt(year: number, rule: AnnualRule, utcOffset: string): Date {
  const inYearBefore = before(rule.due, rule.remindFrom);
  return localMidnight(inYearBefore ? year - 1 : year, rule.remindFrom.month, rule.remindFrom.day, utcOffset);
}

/** The local calendar year at `now`. */
export function localYear(now: Date, utcOffset: string): number {
  return new Date(now.getTime() + offsetMs(utcOffset)).getUTCFullYear();
}

/**
 * The round under way at `now`: the year whose reminders have started most recently. From
 * 1 December 2026 (local) that is 2027; until then, 2026.
 */
export function currentAnnualYear(now: Date, rule: AnnualRule, utcOffset: string): number {
  const year = localYear(now, utcOffset);
  return now.getTime() >= annualOpensAt(year + 1, rule, utcOffset).getTime() ? year + 1 : year;
}

/** How a unit stands against a year's deadline. */
export type SubmissionStanding = 'on_time' | 'late' | 'missing' | 'not_due';

export function submissionStanding(submittedAt: Date | null, dueAt: Date, now: Date): SubmissionStanding {
  if (submittedAt) return submittedAt.getTime() < dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() >= dueAt.getTime() ? 'missing' : 'not_due';
}

export const SUBMISSION_STANDING_LABELS: Record<SubmissionStanding, string> = {
  on_time: '按时报送',
  late: '逾期报送',
  missing: '未报送',
  not_due: '未到期',
};

/** A unit may file for a year once its round has opened, and for that year and no later one. */
export function annualFilingProblem(year: number, now: Date, rule: AnnualRule, utcOffset: string): string | null {
  if (now.getTime() < annualOpensAt(year, rule, utcOffset).getTime()) return `${year}年度报送尚未开始`;
  return null;
}

/** The topics a unit proposes, one per line, blank lines dropped. */
export function normaliseTopics(topics: readonly string[]): string[] {
  return topics.map((t) => t.trim()).filter((t) => t.length > 0);
}

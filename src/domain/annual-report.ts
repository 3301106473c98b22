/**
 * 年度履职情况 (信阳 二(三) 「通报…各成员单位开展职业健康监督管理职责工作情况」): per member unit for
 * one year, from the record — acknowledgements, joint response tasks, agreed items and the annual
 * submission, each against its own deadline. A thing counts in the year its deadline falls in
 * (local calendar year). Exercises (演练) are left out. Pure.
 */
import { submissionStanding, type SubmissionStanding } from './annual-submissions.js';

export interface Tally {
  onTime: number;
  late: number;
  /** The deadline passed with nothing done. */
  missing: number;
  /** Not done, deadline not yet reached. */
  open: number;
}

/** Something a unit had to do by a deadline, and when (if ever) it did. */
export interface Duty {
  unitId: string;
  dueAt: Date;
  doneAt: Date | null;
  /** No longer asked of the unit (withdrawn, superseded, reassigned, closed by the office): not counted. */
  void?: boolean;
}

export interface AnnualReportInput {
  units: { id: string; name: string }[];
  /** [start, end) of the year in the jurisdiction's local time. */
  yearStart: Date;
  yearEnd: Date;
  now: Date;
  acknowledgements: Duty[];
  tasks: Duty[];
  /** Null where agreed items are not recorded. */
  agreedItems: Duty[] | null;
  /** The year's submission deadline and each unit's first filing; null where the rulebook asks for none. */
  submissions: { dueAt: Date; filed: Map<string, Date> } | null;
}

export interface AnnualReportLine {
  unitId: string;
  unitName: string;
  acknowledgements: Tally;
  tasks: Tally;
  agreedItems: Tally | null;
  submission: SubmissionStanding | null;
}

export function tally(duties: readonly Duty[], now: Date): Tally {
  const t: Tally = { onTime: 0, late: 0, missing: 0, open: 0 };
  for (const d of duties) {
    if (d.void) continue;
    if (d.doneAt) t[d.doneAt.getTime() <= d.dueAt.getTime() ? 'onTime' : 'late']++;
    else t[now.getTime() >= d.dueAt.getTime() ? 'missing' : 'open']++;
  }
  return t;
}

export function annualReport(input: AnnualReportInput): AnnualReportLine[] {
  const inYear = (d: Duty) => d.dueAt >= input.yearStart && d.dueAt < input.yearEnd;
  const of = (list: Duty[], unitId: string) => list.filter((d) => d.unitId === unitId && inYear(d));
  return input.units.map((u) => ({
    unitId: u.id,
    unitName: u.name,
    acknowledgements: tally(of(input.acknowledgements, u.id), input.now),
    tasks: tally(of(input.tasks, u.id), input.now),
    agreedItems: input.agreedItems ? tally(of(input.agreedItems, u.id), input.now) : null,
    submission: input.submissions ? submissionStanding(input.submissions.filed.get(u.id) ?? null, input.submissions.dueAt, input.now) : null,
  }));
}

/** A tally in words for the printed report: 按时 3 / 逾期 1 / 未完成 0 / 未到期 0. */
export function tallyText(t: Tally | null): string {
  if (!t) return '（未记录）';
  return `按时 ${t.onTime} / 逾期 ${t.late} / 未完成 ${t.missing} / 未到期 ${t.open}`;
}

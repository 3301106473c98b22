/**
 * The clocks of the joint response in words: each upward-reporting obligation and each task
 * against its deadline (amber from 75% of the allowed time, red once past it, as for
 * acknowledgements), what still stops the 终报 from closing, and the order they are listed in.
 */
import { isTaskOpen as isOpenState } from '../../../src/domain/tasks.js';
import { WARN_RATIO, type DeadlineState, type IncidentEntry, type ObligationView, type TaskView } from '../lib/incident-state.js';
import { formatClock, formatDuration, formatShort, formatTime } from '../lib/time.js';

export const isTaskOpen = (t: Pick<TaskView, 'state'>) => isOpenState(t.state);

/** Counting down from `start` to `due`; the same words for every clock on the board. */
function countdown(start: number, due: number, now: number): DeadlineState {
  const ratio = (now - start) / Math.max(1, due - start);
  if (now >= due) return { level: 'overdue', text: `已超时 ${formatDuration(now - due)}`, ratio };
  if (ratio >= WARN_RATIO) return { level: 'warn', text: `即将超时 · 剩余 ${formatClock(due - now)}`, ratio };
  return { level: 'ok', text: `剩余 ${formatClock(due - now)}`, ratio };
}

export function obligationClock(o: ObligationView, now: number): DeadlineState {
  if (o.submission)
    return o.submission.onTime
      ? { level: 'done', text: '已上报 · 按时' }
      : { level: 'late', text: `已上报 · 逾期 ${formatDuration(o.submission.lateByMinutes * 60_000)}` };
  return countdown(Date.parse(o.startsAt), Date.parse(o.dueAt), now);
}

/** due / overdue / submitted as of now (the server's `state` is as of when it was read). */
export function obligationStateNow(o: ObligationView, now: number): 'due' | 'overdue' | 'submitted' | 'superseded' {
  if (o.submission) return 'submitted';
  if (o.supersededAt) return 'superseded';
  return now >= Date.parse(o.dueAt) ? 'overdue' : 'due';
}

export function taskClock(t: TaskView, now: number): DeadlineState {
  const due = Date.parse(t.dueAt);
  if (t.state === 'done') {
    const late = t.doneAt ? Date.parse(t.doneAt) - due : 0;
    return late > 0 ? { level: 'late', text: `逾期 ${formatDuration(late)} 办结` } : { level: 'done', text: '按时办结' };
  }
  if (t.state === 'closed') return { level: 'closed', text: '已关闭' };
  return countdown(Date.parse(t.createdAt), due, now);
}

/** Earliest deadline first, as the server lists them; a submitted one keeps its place. */
export function obligationsOf(entry: IncidentEntry): ObligationView[] {
  return Object.values(entry.obligations).sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));
}

/** Open tasks first, each group by due time. */
export function tasksOf(entry: IncidentEntry): TaskView[] {
  return Object.values(entry.tasks).sort((a, b) => Number(isTaskOpen(b)) - Number(isTaskOpen(a)) || a.dueAt.localeCompare(b.dueAt) || a.createdAt.localeCompare(b.createdAt));
}

/** What still stands open when a 终报 would close the incident (the server's 409 names the same). */
export interface CloseBlockers {
  obligations: { id: string; recipientName: string; deadlineText: string; dueAt: string }[];
  tasks: { id: string; title: string; unitName: string; state: string; dueAt: string }[];
}

export function closeBlockersOf(entry: IncidentEntry): CloseBlockers {
  return {
    obligations: Object.values(entry.obligations)
      .filter((o) => !o.submission && !o.informational)
      .map((o) => ({ id: o.id, recipientName: o.recipient.name, deadlineText: o.deadlineText, dueAt: o.dueAt })),
    tasks: Object.values(entry.tasks)
      .filter(isTaskOpen)
      .map((t) => ({ id: t.id, title: t.title, unitName: t.unitName, state: t.state, dueAt: t.dueAt })),
  };
}

export const hasBlockers = (b: CloseBlockers) => b.obligations.length + b.tasks.length > 0;

/** 「卫生部令第25号第七条」 from 「《职业病危害事故调查处理办法》（卫生部令第25号）第七条」, for a crowded board. */
export function shortCitation(citation: string): string {
  const m = citation.match(/（([^）]+)）(.*)$/);
  return m ? `${m[1]}${m[2]}` : citation;
}

/** A deadline as a clock reads it: 「13:57」 today, 「12-03 13:57」 on another day (UTC+08:00). */
export function formatDue(iso: string, now: number): string {
  const day = (t: string) => formatShort(t).slice(0, 5);
  return day(iso) === day(new Date(now).toISOString()) ? formatTime(iso) : formatShort(iso);
}

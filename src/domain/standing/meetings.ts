/**
 * Meetings and minutes (信阳 三(一)1): who attends, when the minutes are agreed, what an issued
 * minutes' agreed items ask of each unit, and the meeting's account against its dates. Pure.
 */
import type { AttendanceKind, MinutesState, StandingRequestState } from '../enums.js';
import { repeatedPositions } from '../repeats.js';
import { aheadTimeProblems } from '../time-bounds.js';

export interface ReplyFacts {
  unitId: string;
  state: StandingRequestState;
  answer: { attendance?: AttendanceKind } | null;
}

/** The units that said they attend (their member or a deputy): they are asked to consent to the minutes. */
export function attendingUnits(replies: readonly ReplyFacts[]): string[] {
  return replies.filter((r) => r.state === 'answered' && (r.answer?.attendance === 'member' || r.answer?.attendance === 'deputy')).map((r) => r.unitId);
}

export interface ConsentFacts {
  unitId: string;
  state: StandingRequestState;
}

/**
 * 纪要经参会单位同意后印发: the version is agreed when every attending unit asked has agreed, and
 * at least one was asked. A change request or a missing answer keeps it open.
 */
export function consentComplete(consents: readonly ConsentFacts[]): boolean {
  const live = consents.filter((c) => c.state !== 'superseded' && c.state !== 'withdrawn');
  return live.length > 0 && live.every((c) => c.state === 'agreed');
}

/** What may happen to a minutes version in each state. */
export function minutesMay(state: MinutesState, what: 'revise' | 'issue' | 'consent'): boolean {
  if (what === 'revise') return state === 'consulting';
  if (what === 'issue') return state === 'agreed';
  return state === 'consulting';
}

export interface DraftItem {
  title: string;
  leadUnitId: string;
  supportUnitIds: string[];
  dueAt: string;
}

export type ItemProblem = { field: string; message: string };

/**
 * An agreed item names units of the jurisdiction, each once (a unit listed twice would be asked and
 * chased twice), a lead that is not also a supporter, and a due date after the meeting, ahead of
 * now and within the horizon.
 */
export function checkDraftItems(items: readonly DraftItem[], memberUnitIds: ReadonlySet<string>, meetingStartsAt: Date, now: Date): ItemProblem[] {
  const problems: ItemProblem[] = [];
  items.forEach((item, i) => {
    if (!memberUnitIds.has(item.leadUnitId)) problems.push({ field: `items.${i}.leadUnitId`, message: '牵头单位不是本辖区成员单位 (not a member unit)' });
    const repeated = new Set(repeatedPositions(item.supportUnitIds));
    item.supportUnitIds.forEach((u, j) => {
      if (!memberUnitIds.has(u)) problems.push({ field: `items.${i}.supportUnitIds.${j}`, message: '配合单位不是本辖区成员单位 (not a member unit)' });
      else if (u === item.leadUnitId) problems.push({ field: `items.${i}.supportUnitIds.${j}`, message: '牵头单位不必再列为配合单位 (the lead unit is not also a supporter)' });
      else if (repeated.has(j)) problems.push({ field: `items.${i}.supportUnitIds.${j}`, message: '配合单位重复 (a unit listed twice)' });
    });
    const dueAt = new Date(item.dueAt);
    if (dueAt.getTime() <= meetingStartsAt.getTime()) problems.push({ field: `items.${i}.dueAt`, message: '办结时限应晚于会议时间 (due after the meeting)' });
    else problems.push(...aheadTimeProblems(dueAt, now, `items.${i}.dueAt`, '办结时限'));
  });
  return problems;
}

/** A meeting convened: its time and its reply deadline lie ahead, within the horizon. */
export function meetingTimeProblems(times: { startsAt: Date; replyDueAt: Date }, now: Date): ItemProblem[] {
  return [...aheadTimeProblems(times.startsAt, now, 'startsAt', '会议时间'), ...aheadTimeProblems(times.replyDueAt, now, 'replyDueAt', '回执时限')];
}

/** 按期 / 逾期 / 未办结: an item unit's report against its due date, at `now`. */
export function itemTimeliness(dueAt: Date, doneAt: Date | null, now: Date): 'on_time' | 'late' | 'open' | 'overdue' {
  if (doneAt) return doneAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
  return now.getTime() > dueAt.getTime() ? 'overdue' : 'open';
}

/**
 * Where a proposal stands once its units have answered: agreed when every unit concerned agreed,
 * disagreed when any objected (the office may then refer it to the government), null while any
 * answer is missing.
 */
export function proposalSettlement(consents: readonly ConsentFacts[]): 'agreed' | 'disagreed' | null {
  const live = consents.filter((c) => c.state !== 'superseded' && c.state !== 'withdrawn');
  if (live.length === 0 || live.some((c) => c.state === 'pending')) return null;
  return live.every((c) => c.state === 'agreed') ? 'agreed' : 'disagreed';
}

export interface MeetingChangeFacts {
  cancelled: boolean;
  /** Minutes drafted: the meeting has been held. */
  held: boolean;
  startsAt: Date;
  place: string;
  replyDueAt: Date;
}

export interface MeetingChange {
  startsAt?: Date;
  place?: string;
  replyDueAt?: Date;
}

export type MeetingChangePlan =
  | { ok: true; startsAt: Date; place: string; replyDueAt: Date; changed: ('startsAt' | 'place' | 'replyDueAt')[] }
  | { ok: false; kind: 'conflict'; message: string }
  | { ok: false; kind: 'invalid'; problems: ItemProblem[] };

const HELD = '会议纪要已起草，会议已召开，不能再改期或取消 (the meeting has been held)';
export const MEETING_CANCELLED = '会议已取消 (the meeting is cancelled)';
const REPLIES_CLOSED = '会议纪要已起草，参会回执已截止 (replies closed)';

/** Why a unit can no longer say who attends, or null: a cancelled meeting is the reason before any other. */
export function replyClosedReason(m: Pick<MeetingChangeFacts, 'cancelled' | 'held'>): string | null {
  if (m.cancelled) return MEETING_CANCELLED;
  if (m.held) return REPLIES_CLOSED;
  return null;
}

/** 改期 / 变更地点 before the meeting is held: what changes, or why it cannot. */
export function planMeetingChange(m: MeetingChangeFacts, change: MeetingChange, now: Date): MeetingChangePlan {
  if (m.cancelled) return { ok: false, kind: 'conflict', message: MEETING_CANCELLED };
  if (m.held) return { ok: false, kind: 'conflict', message: HELD };
  const next = { startsAt: change.startsAt ?? m.startsAt, place: change.place ?? m.place, replyDueAt: change.replyDueAt ?? m.replyDueAt };
  const changed = (['startsAt', 'place', 'replyDueAt'] as const).filter((k) => (k === 'place' ? next.place !== m.place : next[k].getTime() !== m[k].getTime()));
  const problems: ItemProblem[] = [];
  if (changed.length === 0) problems.push({ field: 'startsAt', message: '没有变更：请修改会议时间、地点或回执时限 (nothing changes)' });
  // A time left as it was is not checked again: a meeting moved only in place keeps its clock.
  problems.push(...meetingTimeProblems(next, now).filter((p) => changed.includes(p.field as 'startsAt' | 'replyDueAt')));
  if (next.replyDueAt.getTime() > next.startsAt.getTime()) problems.push({ field: 'replyDueAt', message: '回执时限应早于会议时间 (reply due before the meeting)' });
  if (problems.length) return { ok: false, kind: 'invalid', problems };
  return { ok: true, ...next, changed };
}

/** 取消: only a meeting not yet held, and only once. */
export function planMeetingCancel(m: Pick<MeetingChangeFacts, 'cancelled' | 'held'>): { ok: true } | { ok: false; message: string } {
  if (m.cancelled) return { ok: false, message: MEETING_CANCELLED };
  if (m.held) return { ok: false, message: HELD };
  return { ok: true };
}

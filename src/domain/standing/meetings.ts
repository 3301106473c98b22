/**
 * Meetings and minutes (信阳 三(一)1): who attends, when the minutes are agreed, what an issued
 * minutes' agreed items ask of each unit, and the meeting's account against its dates. Pure.
 */
import type { AttendanceKind, MinutesState, StandingRequestState } from '../enums.js';

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

/** An agreed item names units of the jurisdiction, a lead that is not also a supporter, and a due date after the meeting. */
export function checkDraftItems(items: readonly DraftItem[], memberUnitIds: ReadonlySet<string>, meetingStartsAt: Date): ItemProblem[] {
  const problems: ItemProblem[] = [];
  items.forEach((item, i) => {
    if (!memberUnitIds.has(item.leadUnitId)) problems.push({ field: `items.${i}.leadUnitId`, message: '牵头单位不是本辖区成员单位 (not a member unit)' });
    item.supportUnitIds.forEach((u, j) => {
      if (!memberUnitIds.has(u)) problems.push({ field: `items.${i}.supportUnitIds.${j}`, message: '配合单位不是本辖区成员单位 (not a member unit)' });
      else if (u === item.leadUnitId) problems.push({ field: `items.${i}.supportUnitIds.${j}`, message: '牵头单位不必再列为配合单位 (the lead unit is not also a supporter)' });
    });
    if (new Date(item.dueAt).getTime() <= meetingStartsAt.getTime()) problems.push({ field: `items.${i}.dueAt`, message: '办结时限应晚于会议时间 (due after the meeting)' });
  });
  return problems;
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

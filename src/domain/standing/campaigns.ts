/**
 * 联合执法 / 专项整治 (信阳 三(三) 「由市卫生健康委或发起单位牵头、有关部门单位配合，开展针对某一重点行业、
 * 领域或专项工作等的部门联合执法、专项整治和督促检查等联合督查行动」): what makes a campaign's plan
 * acceptable, and its account — each unit's task against its date. Pure.
 */
import type { StandingRequestState } from '../enums.js';
import { repeatedPositions } from '../repeats.js';
import { addDays, instantOf, localDate, offsetMinutes } from '../rota-calendar.js';
import { aheadTimeProblems } from '../time-bounds.js';
import { itemTimeliness } from './meetings.js';

export interface DraftCampaign {
  startsOn: string;
  endsOn: string;
  leadUnitId?: string | undefined;
  tasks: readonly { unitId: string; dueAt: string }[];
}

export type CampaignProblem = { field: string; message: string };

const REPEATED_UNIT = '同一单位只布置一项任务，请合并 (one task per unit)';

/** The positions of tasks naming a unit an earlier task already names: one task per unit, its one request is what the ladder chases. */
function repeatedUnits(tasks: readonly { unitId: string }[]): Set<number> {
  return new Set(repeatedPositions(tasks, (t) => t.unitId));
}

/** A due time: ahead of now, within the horizon, and not after the campaign's last day as its people read it. */
function campaignDueProblems(dueAt: Date, field: string, endsOn: string, now: Date, utcOffset: string): CampaignProblem[] {
  const ahead = aheadTimeProblems(dueAt, now, field, '完成时限');
  if (ahead.length) return ahead;
  return dueAt.getTime() > periodEnd(endsOn, utcOffset).getTime() ? [{ field, message: `完成时限不能晚于行动结束日期${endsOn} (due after the campaign ends)` }] : [];
}

/** The end of the endsOn day, local time: the first instant of the next day. */
function periodEnd(endsOn: string, utcOffset: string): Date {
  return instantOf(addDays(endsOn, 1), '00:00', offsetMinutes(utcOffset));
}

/** A period that has already ended (its last local day is before today) runs no campaign. */
function endedProblems(endsOn: string, now: Date, utcOffset: string): CampaignProblem[] {
  return endsOn < localDate(now, offsetMinutes(utcOffset)) ? [{ field: 'endsOn', message: '结束日期已过 (the period has already ended)' }] : [];
}

/**
 * Every task goes to a member unit of the jurisdiction, one task per unit, due in the future and
 * within the campaign's period (its endsOn day in the jurisdiction's local time, `utcOffset`);
 * the period has not already ended; the lead unit, if named, takes part.
 */
export function checkCampaign(c: DraftCampaign, memberUnitIds: ReadonlySet<string>, now: Date, utcOffset: string): CampaignProblem[] {
  const problems: CampaignProblem[] = [...endedProblems(c.endsOn, now, utcOffset)];
  const repeated = repeatedUnits(c.tasks);
  c.tasks.forEach((t, i) => {
    if (!memberUnitIds.has(t.unitId)) problems.push({ field: `tasks.${i}.unitId`, message: '不是本辖区成员单位 (not a member unit)' });
    else if (repeated.has(i)) problems.push({ field: `tasks.${i}.unitId`, message: REPEATED_UNIT });
    problems.push(...campaignDueProblems(new Date(t.dueAt), `tasks.${i}.dueAt`, c.endsOn, now, utcOffset));
  });
  if (c.leadUnitId && !c.tasks.some((t) => t.unitId === c.leadUnitId)) problems.push({ field: 'leadUnitId', message: '牵头单位须是参与单位之一 (the lead unit takes part)' });
  return problems;
}

export interface TaskFacts {
  unitId: string;
  dueAt: Date;
  state: StandingRequestState;
  answeredAt: Date | null;
}

export type CampaignTimeliness = ReturnType<typeof itemTimeliness>;

/** A task against its date: done on time or late; open, or overdue while not done. A withdrawn task is out of the account. */
export function taskTimeliness(t: TaskFacts, now: Date): CampaignTimeliness | null {
  if (t.state === 'withdrawn' || t.state === 'superseded') return null;
  return itemTimeliness(t.dueAt, t.state === 'done' ? t.answeredAt : null, now);
}

/** Counts for the campaign's headline: how many tasks are done on time, late, open, overdue. */
export function campaignTally(tasks: readonly TaskFacts[], now: Date): Record<CampaignTimeliness, number> {
  const tally: Record<CampaignTimeliness, number> = { on_time: 0, late: 0, open: 0, overdue: 0 };
  for (const t of tasks) {
    const k = taskTimeliness(t, now);
    if (k) tally[k] += 1;
  }
  return tally;
}

export interface CampaignFacts {
  cancelled: boolean;
  startsOn: string;
  endsOn: string;
  tasks: readonly { unitId: string; task: string; dueAt: string }[];
  /** The state of each unit's request, by unit. */
  states: ReadonlyMap<string, StandingRequestState>;
}

export interface CampaignChange {
  endsOn?: string | undefined;
  tasks?: readonly { unitId: string; task?: string | undefined; dueAt?: string | undefined }[] | undefined;
}

export type CampaignChangePlan =
  | { ok: true; endsOn: string; tasks: { unitId: string; task: string; dueAt: string }[]; changedUnitIds: string[] }
  | { ok: false; kind: 'conflict'; message: string }
  | { ok: false; kind: 'invalid'; problems: CampaignProblem[] };

export const CAMPAIGN_CANCELLED = '联合行动已终止 (the campaign is cancelled)';

/**
 * 调整: a new end date, or a unit's task reworded or given a new due date. Only a task still open
 * may change (a unit that finished its part has reported against the date it was given). The
 * checks are those of the plan: a unit once, a new due date ahead and within the period, a new
 * end date not already past and still holding every task's due date.
 */
export function planCampaignChange(c: CampaignFacts, change: CampaignChange, now: Date, utcOffset: string): CampaignChangePlan {
  if (c.cancelled) return { ok: false, kind: 'conflict', message: CAMPAIGN_CANCELLED };
  const problems: CampaignProblem[] = [];
  const endsOn = change.endsOn ?? c.endsOn;
  if (endsOn < c.startsOn) problems.push({ field: 'endsOn', message: '结束日期不能早于开始日期 (ends before it starts)' });
  else if (endsOn !== c.endsOn) problems.push(...endedProblems(endsOn, now, utcOffset));
  const endsOnRefused = problems.length > 0;
  const tasks = c.tasks.map((t) => ({ ...t }));
  const changedUnitIds: string[] = [];
  const repeated = repeatedUnits(change.tasks ?? []);
  (change.tasks ?? []).forEach((t, i) => {
    const current = tasks.find((x) => x.unitId === t.unitId);
    if (!current) return problems.push({ field: `tasks.${i}.unitId`, message: '该单位未参与此行动 (not a participating unit)' });
    if (repeated.has(i)) return problems.push({ field: `tasks.${i}.unitId`, message: REPEATED_UNIT });
    const next = { task: t.task ?? current.task, dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : current.dueAt };
    if (next.task === current.task && next.dueAt === current.dueAt) return;
    if (c.states.get(t.unitId) !== 'pending') return problems.push({ field: `tasks.${i}.unitId`, message: '该单位的任务已办结或已撤回，不能再调整 (no longer open)' });
    if (next.dueAt !== current.dueAt) problems.push(...campaignDueProblems(new Date(next.dueAt), `tasks.${i}.dueAt`, endsOn, now, utcOffset));
    Object.assign(current, next);
    changedUnitIds.push(t.unitId);
  });
  // A shorter period must still hold the open tasks whose due date it leaves as it was (a new one was checked above).
  if (!endsOnRefused && endsOn < c.endsOn) {
    const end = periodEnd(endsOn, utcOffset).getTime();
    const cut = tasks.filter((t, i) => t.dueAt === c.tasks[i]!.dueAt && c.states.get(t.unitId) === 'pending' && Date.parse(t.dueAt) > end);
    if (cut.length) problems.push({ field: 'endsOn', message: `有${cut.length}个单位尚未办结的任务完成时限晚于新的结束日期，请一并调整 (open tasks due after the new end)` });
  }
  if (endsOn === c.endsOn && changedUnitIds.length === 0 && problems.length === 0) problems.push({ field: 'tasks', message: '没有变更：请修改结束日期或某单位的任务 (nothing changes)' });
  if (problems.length) return { ok: false, kind: 'invalid', problems };
  return { ok: true, endsOn, tasks, changedUnitIds };
}

/** 终止: once; the tasks still open are withdrawn, the finished ones stay on the record. */
export function planCampaignCancel(c: Pick<CampaignFacts, 'cancelled'>): { ok: true } | { ok: false; message: string } {
  return c.cancelled ? { ok: false, message: CAMPAIGN_CANCELLED } : { ok: true };
}

/**
 * 联合执法 / 专项整治 (信阳 三(三) 「由市卫生健康委或发起单位牵头、有关部门单位配合，开展针对某一重点行业、
 * 领域或专项工作等的部门联合执法、专项整治和督促检查等联合督查行动」): what makes a campaign's plan
 * acceptable, and its account — each unit's task against its date. Pure.
 */
import type { StandingRequestState } from '../enums.js';
import { itemTimeliness } from './meetings.js';

export interface DraftCampaign {
  startsOn: string;
  endsOn: string;
  leadUnitId?: string | undefined;
  tasks: readonly { unitId: string; dueAt: string }[];
}

export type CampaignProblem = { field: string; message: string };

/**
 * Every task goes to a member unit of the jurisdiction, one task per unit (its one request is what
 * the ladder chases), due in the future; the lead unit, if named, takes part.
 */
export function checkCampaign(c: DraftCampaign, memberUnitIds: ReadonlySet<string>, now: Date): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const seen = new Set<string>();
  c.tasks.forEach((t, i) => {
    if (!memberUnitIds.has(t.unitId)) problems.push({ field: `tasks.${i}.unitId`, message: '不是本辖区成员单位 (not a member unit)' });
    else if (seen.has(t.unitId)) problems.push({ field: `tasks.${i}.unitId`, message: '同一单位只布置一项任务，请合并 (one task per unit)' });
    seen.add(t.unitId);
    if (Date.parse(t.dueAt) <= now.getTime()) problems.push({ field: `tasks.${i}.dueAt`, message: '完成时限应晚于现在 (due in the future)' });
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

const CANCELLED = '联合行动已终止 (the campaign is cancelled)';

/**
 * 调整: a new end date, or a unit's task reworded or given a new due date. Only a task still open
 * may change (a unit that finished its part has reported against the date it was given).
 */
export function planCampaignChange(c: CampaignFacts, change: CampaignChange, now: Date): CampaignChangePlan {
  if (c.cancelled) return { ok: false, kind: 'conflict', message: CANCELLED };
  const problems: CampaignProblem[] = [];
  const endsOn = change.endsOn ?? c.endsOn;
  if (endsOn < c.startsOn) problems.push({ field: 'endsOn', message: '结束日期不能早于开始日期 (ends before it starts)' });
  const tasks = c.tasks.map((t) => ({ ...t }));
  const changedUnitIds: string[] = [];
  (change.tasks ?? []).forEach((t, i) => {
    const current = tasks.find((x) => x.unitId === t.unitId);
    if (!current) return problems.push({ field: `tasks.${i}.unitId`, message: '该单位未参与此行动 (not a participating unit)' });
    const next = { task: t.task ?? current.task, dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : current.dueAt };
    if (next.task === current.task && next.dueAt === current.dueAt) return;
    if (c.states.get(t.unitId) !== 'pending') return problems.push({ field: `tasks.${i}.unitId`, message: '该单位的任务已办结或已撤回，不能再调整 (no longer open)' });
    if (next.dueAt !== current.dueAt && Date.parse(next.dueAt) <= now.getTime()) problems.push({ field: `tasks.${i}.dueAt`, message: '完成时限应晚于现在 (due in the future)' });
    Object.assign(current, next);
    changedUnitIds.push(t.unitId);
  });
  if (endsOn === c.endsOn && changedUnitIds.length === 0 && problems.length === 0) problems.push({ field: 'tasks', message: '没有变更：请修改结束日期或某单位的任务 (nothing changes)' });
  if (problems.length) return { ok: false, kind: 'invalid', problems };
  return { ok: true, endsOn, tasks, changedUnitIds };
}

/** 终止: once; the tasks still open are withdrawn, the finished ones stay on the record. */
export function planCampaignCancel(c: Pick<CampaignFacts, 'cancelled'>): { ok: true } | { ok: false; message: string } {
  return c.cancelled ? { ok: false, message: CANCELLED } : { ok: true };
}

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

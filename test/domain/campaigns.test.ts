/** 联合执法 / 专项整治 (信阳 三(三)): a campaign task's answers, the plan's checks and the account, pure. */
import { describe, expect, it } from 'vitest';
import { campaignTally, checkCampaign, planCampaignChange, taskTimeliness, type CampaignFacts } from '../../src/domain/standing/campaigns.js';
import { isChased, planStandingAction } from '../../src/domain/standing/requests.js';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const units = new Set(['u1', 'u2', 'u3']);
const OFFSET = '+08:00';
const plan = (over: Partial<Parameters<typeof checkCampaign>[0]> = {}) => ({ startsOn: '2026-12-01', endsOn: '2026-12-31', tasks: [{ unitId: 'u1', dueAt: hours(48).toISOString() }, { unitId: 'u2', dueAt: hours(72).toISOString() }], ...over });

describe('a campaign task (campaign_task)', () => {
  it('takes progress (still chased) and completion (the chase stops), nothing else; done is final', () => {
    expect(planStandingAction({ kind: 'campaign_task', state: 'pending' }, 'progress')).toEqual({ ok: true, state: 'pending', stopsChase: false });
    expect(isChased('pending')).toBe(true);
    expect(planStandingAction({ kind: 'campaign_task', state: 'pending' }, 'complete')).toEqual({ ok: true, state: 'done', stopsChase: true });
    expect(planStandingAction({ kind: 'campaign_task', state: 'done' }, 'progress')).toMatchObject({ ok: false, reason: 'final' });
    expect(planStandingAction({ kind: 'campaign_task', state: 'done' }, 'complete')).toMatchObject({ ok: false, reason: 'final' });
    for (const action of ['reply', 'agree', 'object', 'request_change'] as const) expect(planStandingAction({ kind: 'campaign_task', state: 'pending' }, action)).toMatchObject({ ok: false, reason: 'not_for_kind' });
    expect(planStandingAction({ kind: 'campaign_task', state: 'pending' }, 'withdraw')).toEqual({ ok: true, state: 'withdrawn', stopsChase: true });
  });
});

describe('a campaign plan', () => {
  it('is fine with one future task per member unit and a lead among them', () => {
    expect(checkCampaign(plan({ leadUnitId: 'u1' }), units, NOW, OFFSET)).toEqual([]);
  });
  it('names each bad field: unknown unit, a unit twice, a task due in the past, a lead not taking part', () => {
    const problems = checkCampaign(
      plan({ leadUnitId: 'u3', tasks: [{ unitId: 'nope', dueAt: hours(1).toISOString() }, { unitId: 'u1', dueAt: hours(-1).toISOString() }, { unitId: 'u1', dueAt: hours(5).toISOString() }] }),
      units,
      NOW,
      OFFSET,
    );
    expect(problems.map((p) => p.field)).toEqual(['tasks.0.unitId', 'tasks.1.dueAt', 'tasks.2.unitId', 'leadUnitId']);
  });
});

describe('a campaign plan against its period and the horizon', () => {
  const fields = (p: { field: string }[]) => p.map((x) => x.field);
  it('refuses a period already ended (local day), but not one ending today', () => {
    // NOW is 10:00 on 12-01 in +08:00: 11-30 has ended, 12-01 has not.
    expect(fields(checkCampaign(plan({ startsOn: '2026-11-01', endsOn: '2026-11-30', tasks: [{ unitId: 'u1', dueAt: hours(1).toISOString() }] }), units, NOW, OFFSET))).toEqual(['endsOn', 'tasks.0.dueAt']);
    expect(checkCampaign(plan({ endsOn: '2026-12-01', tasks: [{ unitId: 'u1', dueAt: hours(2).toISOString() }] }), units, NOW, OFFSET)).toEqual([]);
  });
  it('refuses a task due after the end of the endsOn day in local time', () => {
    const ending = (dueAt: string) => checkCampaign(plan({ endsOn: '2026-12-03', tasks: [{ unitId: 'u1', dueAt }] }), units, NOW, OFFSET);
    expect(ending('2026-12-03T23:59:59+08:00')).toEqual([]);
    expect(fields(ending('2026-12-04T00:00:01+08:00'))).toEqual(['tasks.0.dueAt']);
    // 16:00Z on 12-03 is already 12-04 00:00 in the jurisdiction.
    expect(fields(ending('2026-12-03T16:00:01Z'))).toEqual(['tasks.0.dueAt']);
  });
  it('refuses a task due beyond the task horizon, however long the period', () => {
    const far = (days: number) => checkCampaign(plan({ endsOn: '2028-12-31', tasks: [{ unitId: 'u1', dueAt: hours(days * 24).toISOString() }] }), units, NOW, OFFSET);
    expect(far(366)).toEqual([]);
    expect(far(367)[0]).toMatchObject({ field: 'tasks.0.dueAt', message: expect.stringContaining('366') });
  });
});

describe('a campaign change', () => {
  const facts = (over: Partial<CampaignFacts> = {}): CampaignFacts => ({
    cancelled: false,
    startsOn: '2026-11-01',
    endsOn: '2026-12-31',
    tasks: [
      { unitId: 'u1', task: '检查', dueAt: hours(48).toISOString() },
      { unitId: 'u2', task: '宣传', dueAt: hours(24 * 20).toISOString() },
    ],
    states: new Map([['u1', 'pending'], ['u2', 'pending']]),
    ...over,
  });
  const problems = (plan: ReturnType<typeof planCampaignChange>) => (plan.ok || plan.kind !== 'invalid' ? [] : plan.problems.map((p) => p.field));
  it('refuses a unit listed twice, naming the second, as the plan does', () => {
    expect(problems(planCampaignChange(facts(), { tasks: [{ unitId: 'u1', task: '甲' }, { unitId: 'u1', task: '乙' }] }, NOW, OFFSET))).toEqual(['tasks.1.unitId']);
  });
  it('refuses a new due date after the period, beyond the horizon, or a new end already past', () => {
    expect(problems(planCampaignChange(facts(), { tasks: [{ unitId: 'u1', dueAt: '2027-01-01T00:01:00+08:00' }] }, NOW, OFFSET))).toEqual(['tasks.0.dueAt']);
    expect(problems(planCampaignChange(facts(), { endsOn: '2029-01-01', tasks: [{ unitId: 'u1', dueAt: hours(24 * 367).toISOString() }] }, NOW, OFFSET))).toEqual(['tasks.0.dueAt']);
    expect(problems(planCampaignChange(facts(), { endsOn: '2026-11-30' }, NOW, OFFSET))).toEqual(['endsOn']);
    // Until the end of the new last day, local time.
    expect(planCampaignChange(facts(), { tasks: [{ unitId: 'u1', dueAt: '2026-12-31T23:59:00+08:00' }] }, NOW, OFFSET).ok).toBe(true);
  });
  it('refuses an end date that cuts off an open task left as it was, unless that task moves too', () => {
    expect(problems(planCampaignChange(facts(), { endsOn: '2026-12-10' }, NOW, OFFSET))).toEqual(['endsOn']);
    expect(planCampaignChange(facts(), { endsOn: '2026-12-10', tasks: [{ unitId: 'u2', dueAt: '2026-12-10T18:00:00+08:00' }] }, NOW, OFFSET).ok).toBe(true);
    // A finished task stays on the record against the date it had.
    expect(planCampaignChange(facts({ states: new Map([['u1', 'pending'], ['u2', 'done']]) }), { endsOn: '2026-12-10' }, NOW, OFFSET).ok).toBe(true);
  });
});

describe('the campaign account', () => {
  const task = (state: 'pending' | 'done' | 'withdrawn', dueIn: number, doneAt: Date | null = null) => ({ unitId: 'u', dueAt: hours(dueIn), state, answeredAt: doneAt });
  it('reads each task against its date; a withdrawn task is left out', () => {
    expect(taskTimeliness(task('done', 10, hours(5)), NOW)).toBe('on_time');
    expect(taskTimeliness(task('done', -10, hours(-5)), NOW)).toBe('late');
    expect(taskTimeliness(task('pending', 10), NOW)).toBe('open');
    expect(taskTimeliness(task('pending', -1), NOW)).toBe('overdue');
    expect(taskTimeliness(task('withdrawn', -1), NOW)).toBeNull();
    // Progress reported but not done: the date still stands.
    expect(taskTimeliness({ ...task('pending', -1), answeredAt: hours(-2) }, NOW)).toBe('overdue');
    expect(campaignTally([task('done', 10, hours(5)), task('pending', -1), task('pending', -2), task('withdrawn', -1)], NOW)).toEqual({ on_time: 1, late: 0, open: 0, overdue: 2 });
  });
});

/** 联合执法 / 专项整治 (信阳 三(三)): a campaign task's answers, the plan's checks and the account, pure. */
import { describe, expect, it } from 'vitest';
import { campaignTally, checkCampaign, taskTimeliness } from '../../src/domain/standing/campaigns.js';
import { isChased, planStandingAction } from '../../src/domain/standing/requests.js';

const NOW = new Date('2026-12-01T02:00:00.000Z');
const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000);
const units = new Set(['u1', 'u2', 'u3']);
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
    expect(checkCampaign(plan({ leadUnitId: 'u1' }), units, NOW)).toEqual([]);
  });
  it('names each bad field: unknown unit, a unit twice, a task due in the past, a lead not taking part', () => {
    const problems = checkCampaign(
      plan({ leadUnitId: 'u3', tasks: [{ unitId: 'nope', dueAt: hours(1).toISOString() }, { unitId: 'u1', dueAt: hours(-1).toISOString() }, { unitId: 'u1', dueAt: hours(5).toISOString() }] }),
      units,
      NOW,
    );
    expect(problems.map((p) => p.field)).toEqual(['tasks.0.unitId', 'tasks.1.dueAt', 'tasks.2.unitId', 'leadUnitId']);
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

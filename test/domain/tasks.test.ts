import { describe, expect, it } from 'vitest';
import { blocksClosing, closeBlockers } from '../../src/domain/closing.js';
import { TASK_STATES, type TaskState } from '../../src/domain/enums.js';
import { isTaskOpen, isTaskOverdue, TASK_ACTION_BY, TASK_ACTIONS, transitionTask, type TaskAction } from '../../src/domain/tasks.js';
import { isPastDue, minutesLate } from '../../src/domain/timeliness.js';

/** Every (state, action) pair: the next state, or null when the action is refused. */
const EXPECTED: Record<TaskState, Record<TaskAction, TaskState | null>> = {
  open: { accept: 'accepted', progress: null, block: 'blocked', complete: 'done', reassign: 'open', close: 'closed' },
  accepted: { accept: null, progress: 'accepted', block: 'blocked', complete: 'done', reassign: 'open', close: 'closed' },
  blocked: { accept: null, progress: 'accepted', block: null, complete: 'done', reassign: 'open', close: 'closed' },
  done: { accept: null, progress: null, block: null, complete: null, reassign: null, close: null },
  closed: { accept: null, progress: null, block: null, complete: null, reassign: null, close: null },
};

describe('the task state machine, every state × every action', () => {
  for (const state of TASK_STATES)
    for (const action of TASK_ACTIONS) {
      const to = EXPECTED[state][action];
      it(`${state} —${action}→ ${to ?? 'refused'}`, () => {
        const result = transitionTask(state, action);
        if (to) expect(result).toEqual({ ok: true, from: state, to });
        else {
          expect(result.ok).toBe(false);
          expect((result as { message: string }).message).toContain(action);
        }
      });
    }

  it('done and closed are final: nothing leaves them', () => {
    for (const state of ['done', 'closed'] as const) for (const action of TASK_ACTIONS) expect(transitionTask(state, action).ok).toBe(false);
  });

  it('the unit accepts, reports, blocks and completes; a commander reassigns and closes', () => {
    expect(TASK_ACTION_BY).toEqual({ accept: 'unit', progress: 'unit', block: 'unit', complete: 'unit', reassign: 'commander', close: 'commander' });
  });

  it('refusals say why in Chinese first', () => {
    expect((transitionTask('done', 'block') as { message: string }).message).toMatch(/^任务已完成，不能报告受阻/);
  });
});

describe('open and overdue', () => {
  const dueAt = new Date('2026-11-23T04:00:00.000Z');
  it.each(TASK_STATES.map((s) => [s, s === 'open' || s === 'accepted' || s === 'blocked'] as const))('%s is open: %s', (state, open) => {
    expect(isTaskOpen(state)).toBe(open);
  });

  it.each([
    ['open', 1, true],
    ['accepted', 1, true],
    ['blocked', 1, true],
    ['open', 0, false],
    ['done', 1, false],
    ['closed', 60_000, false],
  ] as const)('%s task %i ms after its due time is overdue: %s', (state, ms, overdue) => {
    expect(isTaskOverdue({ state, dueAt }, new Date(dueAt.getTime() + ms))).toBe(overdue);
  });
});

describe('closing the incident (终报)', () => {
  const at = new Date('2026-11-23T04:00:00.000Z');
  it('waits for every statutory obligation and every open task', () => {
    const blockers = closeBlockers({
      obligations: [
        { id: 'a', submittedAt: at, informational: false },
        { id: 'b', submittedAt: null, informational: false },
        { id: 'c', submittedAt: null, informational: true },
      ],
      tasks: [
        { id: 't1', state: 'done' as const },
        { id: 't2', state: 'closed' as const },
        { id: 't3', state: 'blocked' as const },
        { id: 't4', state: 'open' as const },
        { id: 't5', state: 'accepted' as const },
      ],
    });
    expect(blockers.obligations.map((o) => o.id)).toEqual(['b']);
    expect(blockers.tasks.map((t) => t.id)).toEqual(['t3', 't4', 't5']);
    expect(blocksClosing(blockers)).toBe(true);
  });

  it('nothing open, nothing blocks (informational checks never do)', () => {
    const blockers = closeBlockers({ obligations: [{ submittedAt: null, informational: true }], tasks: [{ state: 'done' as const }, { state: 'closed' as const }] });
    expect(blocksClosing(blockers)).toBe(false);
  });
});

describe('timeliness', () => {
  const due = new Date('2026-11-23T04:00:00.000Z');
  it.each([
    [-1, 0],
    [0, 0],
    [1, 1],
    [59_999, 1],
    [60_000, 1],
    [60_001, 2],
    [3_600_000, 60],
  ])('%i ms after the deadline is %i minutes late', (ms, late) => {
    expect(minutesLate(new Date(due.getTime() + ms), due)).toBe(late);
  });
  it('the deadline instant is not past due; a millisecond later is', () => {
    expect(isPastDue(due, due)).toBe(false);
    expect(isPastDue(due, new Date(due.getTime() + 1))).toBe(true);
  });
});

/** The phone's task list: snapshot and events folded in any order, what is listed, due times, task links. */
import { describe, expect, it } from 'vitest';
import { landingUrl, loginUrlForLanding } from '../../web/src/lib/session.js';
import { unitEvents } from '../../web/src/m/inbox-events.js';
import {
  actionRequest,
  actionsFor,
  applyTaskEvents,
  dueState,
  linkedTaskId,
  mergeTasks,
  shownTasks,
  tasksMissingIncident,
  upsertTask,
  type Task,
} from '../../web/src/m/tasks.js';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const at = (min: number) => new Date(T0 + min * 60_000).toISOString();
const incident = { id: 'inc_1', ref: 'XY-1', title: '硫化氢中毒', drill: false, status: 'open' as const };

function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    incidentId: 'inc_1',
    unitId: 'u_union',
    unitName: '市总工会',
    role: 'support',
    title: `任务${id}`,
    description: '参与调查',
    suggestionId: null,
    state: 'open',
    overdue: false,
    dueAt: at(60),
    createdAt: at(0),
    createdBy: 'usr_cmd',
    updatedAt: at(0),
    acceptedAt: null,
    acceptedBy: null,
    doneAt: null,
    doneBy: null,
    blockedAt: null,
    blockedReason: null,
    closedAt: null,
    closedBy: null,
    closeReason: null,
    lastNote: null,
    escalationStep: 0,
    incident,
    ...over,
  };
}

let seq = 0;
// Read as the phone reads the stream: the unit views, by type.
const event = (type: string, data: Record<string, unknown>, incidentId = 'inc_1') => unitEvents([{ seq: ++seq, type, at: at(0), jurisdictionId: 'xinyang', incidentId, data }])[0]!;

describe('folding tasks', () => {
  it('keeps the newer version whichever arrives first, and the incident an update does not carry', () => {
    const accepted = task('t1', { state: 'accepted', updatedAt: at(5) });
    const { incident: _dropped, ...withoutIncident } = accepted;
    const fromSnapshot = mergeTasks([], [task('t1')]);
    const afterEvent = applyTaskEvents(fromSnapshot, [event('task.updated', { task: withoutIncident })]);
    expect(afterEvent).toEqual([accepted]);
    // The older snapshot read before the event was applied changes nothing.
    expect(mergeTasks(afterEvent, [task('t1')])).toEqual([accepted]);
    expect(upsertTask(afterEvent, task('t1', { state: 'done', updatedAt: at(9) }))[0]!.state).toBe('done');
  });

  it('adds a created task with its incident, open until told otherwise', () => {
    const { incident: _i, ...bare } = task('t2');
    const list = applyTaskEvents([], [event('task.created', { task: bare, incident: { id: 'inc_1', ref: 'XY-1', title: '硫化氢中毒', drill: true } })]);
    expect(list[0]!.incident).toEqual({ ...incident, drill: true, status: 'open' });
    expect(tasksMissingIncident(applyTaskEvents([], [event('task.updated', { task: bare })]))).toEqual(['t2']);
  });

  it('a task handed to another unit (the server names neither the unit nor the task) leaves the list', () => {
    const list = applyTaskEvents([task('t1'), task('t2')], [event('task.updated', { taskId: 't1', incidentId: 'inc_1', action: 'reassign', actionName: '改派', handedOver: true })]);
    expect(list.map((t) => t.id)).toEqual(['t2']);
  });

  it('says what the overdue ladder did, until the task is settled', () => {
    const escalated = applyTaskEvents([task('t1')], [event('task.escalated', { taskId: 't1', text: '任务逾期未办结，已通知单位负责人', stepNumber: 2 })]);
    expect(escalated[0]).toMatchObject({ escalated: '任务逾期未办结，已通知单位负责人', escalationStep: 2 });
    expect(upsertTask(escalated, task('t1', { state: 'accepted', updatedAt: at(1) }))[0]!.escalated).toBe('任务逾期未办结，已通知单位负责人');
    expect(upsertTask(escalated, task('t1', { state: 'done', updatedAt: at(1) }))[0]!.escalated).toBeUndefined();
  });

  it('takes the tasks of a closed incident off the list, but not a linked one', () => {
    const list = applyTaskEvents([task('t1'), task('t9', { incidentId: 'inc_2', incident: { ...incident, id: 'inc_2' } })], [event('incident.closed', { incidentId: 'inc_1' })]);
    expect(shownTasks(list, 'u_union').map((t) => t.id)).toEqual(['t9']);
    expect(shownTasks(list, 'u_union', 't1').map((t) => t.id).sort()).toEqual(['t1', 't9']);
  });
});

describe('what the phone lists', () => {
  it('lists this unit’s tasks, open ones by due time, then settled ones latest first', () => {
    const list = [
      task('done-early', { state: 'done', updatedAt: at(3) }),
      task('late', { dueAt: at(90) }),
      task('soon', { state: 'blocked', dueAt: at(30) }),
      task('done-late', { state: 'closed', updatedAt: at(8) }),
      task('handed-over', { unitId: 'u_other' }),
    ];
    expect(shownTasks(list, 'u_union').map((t) => t.id)).toEqual(['soon', 'late', 'done-late', 'done-early']);
  });

  it('offers what the state allows', () => {
    expect(actionsFor(task('a'))).toEqual(['accept', 'block', 'done']);
    expect(actionsFor(task('a', { state: 'accepted' }))).toEqual(['progress', 'block', 'done']);
    expect(actionsFor(task('a', { state: 'blocked' }))).toEqual(['progress', 'done']);
    expect(actionsFor(task('a', { state: 'done' }))).toEqual([]);
    expect(actionsFor(task('a', { state: 'closed' }))).toEqual([]);
  });

  it('sends the text under the field the server checks', () => {
    expect(actionRequest('block', ' 需审批 ')).toEqual({ body: { reason: '需审批' }, field: 'reason' });
    expect(actionRequest('progress', '')).toEqual({ body: { note: '' }, field: 'note' });
    expect(actionRequest('done', '  ')).toEqual({ body: {}, field: 'note' });
    expect(actionRequest('accept', '收到')).toEqual({ body: { note: '收到' }, field: 'note' });
  });

  it('tells time left, soon and late apart, and a settled task is never late', () => {
    const due = task('d', { dueAt: at(60) });
    expect(dueState(due, T0)).toEqual({ late: false, soon: false, leftMs: 60 * 60_000 });
    expect(dueState(due, T0 + 45 * 60_000)).toMatchObject({ late: false, soon: true });
    expect(dueState(due, T0 + 61 * 60_000)).toMatchObject({ late: true, soon: false, leftMs: -60_000 });
    expect(dueState({ ...due, state: 'done' }, T0 + 61 * 60_000).late).toBe(false);
  });
});

describe('task links', () => {
  it('reads the task a link names, and nothing that is not an id', () => {
    expect(linkedTaskId('?task=tsk_01HX-9')).toBe('tsk_01HX-9');
    expect(linkedTaskId('?view=tasks')).toBeNull();
    expect(linkedTaskId('?task=%3Cscript%3E')).toBeNull();
  });

  it('keeps the task through / and through login', () => {
    expect(landingUrl('liaison', '?task=tsk_1')).toBe('/m?task=tsk_1');
    expect(landingUrl('unit_head', '')).toBe('/m');
    expect(landingUrl('commander', '?other=1')).toBe('/board');
    expect(loginUrlForLanding('?task=tsk_1')).toBe('/login?next=%2Fm%3Ftask%3Dtsk_1');
    expect(loginUrlForLanding('')).toBe('/login');
  });
});

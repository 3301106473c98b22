/**
 * The joint response in the board's local state: obligation and task events applied once and never
 * taken back by an older view, declines resolved, alerts with their task or obligation, 逐级上报
 * links refetched; and the clocks in words (amber from 75% of the allowed time, red once past).
 */
import { describe, expect, it } from 'vitest';
import { closeBlockersOf, formatDue, obligationClock, shortCitation, taskClock } from '../../web/src/components/response-clocks.js';
import { applyEvent, emptyModel, entryFromDetail, type IncidentDetail, type ObligationView, type TaskView } from '../../web/src/lib/incident-state.js';
import type { EventEnvelope } from '../../web/src/lib/realtime.js';
import { at, incidentSummary, T0 } from '../support/view-fixtures.js';


const summary = incidentSummary();

function obligation(over: Partial<ObligationView> = {}): ObligationView {
  return {
    id: 'obl_1',
    incidentId: 'inc_1',
    key: 'ohs_general_government',
    regime: 'occupational_hazard_accident',
    recipient: { kind: 'government', name: '信阳市人民政府', jurisdictionId: null },
    statutoryMinutes: 360,
    targetMinutes: 360,
    deadlineText: '6小时内',
    citation: '《职业病危害事故调查处理办法》（卫生部令第25号）第七条',
    requirement: '一般职业病危害事故，6小时内报告同级人民政府',
    informational: false,
    startsAt: at(0),
    dueAt: at(360),
    createdByVersion: 1,
    state: 'due',
    submission: null,
    upstreamIncidentId: null,
    ...over,
  };
}

function task(over: Partial<TaskView> = {}): TaskView {
  return {
    id: 'tsk_1',
    incidentId: 'inc_1',
    unitId: 'xy_zgh',
    unitName: '信阳市总工会',
    role: 'support',
    title: '参与事故调查',
    description: '派员参与',
    suggestionId: null,
    state: 'open',
    overdue: false,
    dueAt: at(60),
    createdAt: at(0),
    createdBy: 'usr_c',
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
    ...over,
  };
}

let seq = 0;
const event = (type: string, data: Record<string, unknown>): EventEnvelope => ({ seq: ++seq, type, at: at(0), jurisdictionId: 'xinyang', incidentId: 'inc_1', data });

function boardWithIncident() {
  const model = emptyModel(false);
  applyEvent(model, event('incident.reported', { incident: { ...summary, severityReason: '', regimes: [], routing: [], notifications: [] } }));
  return model;
}

const submitted = obligation({ state: 'submitted', submission: { at: at(20), by: 'usr_c', byName: '指挥长', method: 'fax', reference: '传真', note: null, recordedAt: at(21), onTime: true, lateByMinutes: 0 } });

describe('the joint response applied to the board', () => {
  it('carries 【演练】 from the report, and builds obligations and tasks from their events', () => {
    const model = boardWithIncident();
    const entry = model.incidents.inc_1!;
    expect(entry.incident.drill).toBe(true);
    applyEvent(model, event('obligation.created', { obligation: obligation() }));
    applyEvent(model, event('task.created', { task: { ...task(), incident: { id: 'inc_1' } }, by: '指挥长' }));
    expect(entry.obligations.obl_1!.state).toBe('due');
    expect(entry.tasks.tsk_1).toMatchObject({ state: 'open', unitName: '信阳市总工会' });
    expect(entry.tasks.tsk_1).not.toHaveProperty('incident');
  });

  it('never takes back a submission or a newer task state when an older view is replayed', () => {
    const model = boardWithIncident();
    const entry = model.incidents.inc_1!;
    const created = event('obligation.created', { obligation: obligation() });
    applyEvent(model, created);
    applyEvent(model, event('obligation.submitted', { obligation: submitted }));
    applyEvent(model, created);
    applyEvent(model, event('obligation.overdue', { obligation: obligation({ state: 'overdue' }) }));
    expect(entry.obligations.obl_1!.submission).toMatchObject({ method: 'fax', byName: '指挥长' });

    applyEvent(model, event('task.updated', { task: task({ state: 'accepted', updatedAt: at(5), lastNote: '已出发' }), action: 'accept' }));
    applyEvent(model, event('task.created', { task: task() }));
    expect(entry.tasks.tsk_1).toMatchObject({ state: 'accepted', lastNote: '已出发' });
    applyEvent(model, event('task.escalated', { taskId: 'tsk_1', step: 'resend', stepNumber: 1 }));
    expect(entry.tasks.tsk_1!.escalationStep).toBe(1);
  });

  it('merges a resolved decline, keeping who declined', () => {
    const model = boardWithIncident();
    const entry = model.incidents.inc_1!;
    const n = { id: 'n1', incidentId: 'inc_1', reportVersion: 1, unitId: 'xy_rsj', unitName: '人社局', role: 'support', basis: '', clauses: [], state: 'declined', createdAt: at(0), ackDueAt: at(60), firstDeliveredAt: at(1), firstReadAt: null, acknowledgedAt: null, acknowledgedBy: null, acknowledgedVia: null, acknowledgementNote: null, declinedAt: at(2), declinedBy: 'usr_l', declineReason: '不涉及' };
    applyEvent(model, event('notification.declined', { notification: { ...n, declinedByName: '人社局联络员' } }));
    applyEvent(model, event('notification.decline_resolved', { notification: { ...n, firstDeliveredAt: null, declineResolution: 'reassigned', declineResolutionReason: '改派市场监管局', reassignedTo: 'n2' }, action: 'reassign' }));
    expect(entry.notifications.n1).toMatchObject({ declineResolution: 'reassigned', reassignedTo: 'n2', declinedByName: '人社局联络员', firstDeliveredAt: at(1) });
  });

  it('keeps an alert’s task and obligation, and refetches an incident when a 逐级上报 link appears', () => {
    const model = boardWithIncident();
    applyEvent(model, event('alert.raised', { alert: { id: 'alr_1', kind: 'task_overdue', taskId: 'tsk_1', notificationId: null, unitId: 'xy_zgh', incidentId: 'inc_1', reason: '逾期' } }));
    applyEvent(model, event('alert.raised', { alert: { id: 'alr_2', kind: 'obligation_overdue', obligationId: 'obl_1', notificationId: null, unitId: null, incidentId: 'inc_1', reason: '逾期' } }));
    expect(model.alerts.alr_1).toMatchObject({ taskId: 'tsk_1', obligationId: null });
    expect(model.alerts.alr_2).toMatchObject({ taskId: null, obligationId: 'obl_1' });
    expect(applyEvent(model, event('incident.forwarded', { upstreamIncidentId: 'inc_9', upstreamRef: 'HN-1' }))).toBe('inc_1');
    const incoming = emptyModel(false);
    const source = { incidentId: 'inc_0', ref: 'XY-0', jurisdictionId: 'xinyang', jurisdictionName: '信阳市' };
    expect(applyEvent(incoming, event('incident.reported', { incident: { ...summary, source, routing: [], notifications: [] } }))).toBe('inc_1');
  });

  it('reads obligations, tasks and links from an incident detail', () => {
    const detail = {
      incident: { ...summary, createdAt: at(0), updatedAt: at(0), closedAt: null, severityReason: '', regimes: [] },
      routing: [],
      excluded: [],
      warnings: [],
      versions: [],
      notifications: [],
      obligations: [obligation()],
      tasks: [task()],
      upstream: [{ id: 'inc_9', ref: 'HN-1', jurisdictionId: 'henan', jurisdictionName: '河南省', title: 't', status: 'open', severity: 'general', receivedAt: at(5) }],
      downstream: null,
      lastSeq: 1,
    } as unknown as IncidentDetail;
    const entry = entryFromDetail(detail);
    expect(Object.keys(entry.obligations)).toEqual(['obl_1']);
    expect(Object.keys(entry.tasks)).toEqual(['tsk_1']);
    expect(entry.upstream[0]!.jurisdictionName).toBe('河南省');
  });
});

describe('the clocks in words', () => {
  it.each([
    [60, 'ok', '剩余 5:00:00'],
    [270, 'warn', '即将超时 · 剩余 1:30:00'],
    [359.5, 'warn', '剩余 00:30'],
    [360, 'overdue', '已超时'],
    [372, 'overdue', '已超时 12分'],
  ])('an obligation of 6 hours at minute %s is %s', (minute, level, text) => {
    const clock = obligationClock(obligation(), T0 + minute * 60_000);
    expect(clock.level).toBe(level);
    expect(clock.text).toContain(text);
  });

  it('a submission says whether it was on time', () => {
    expect(obligationClock(submitted, T0).text).toBe('已上报 · 按时');
    const late = obligationClock(obligation({ submission: { ...submitted.submission!, onTime: false, lateByMinutes: 75 } }), T0);
    expect(late).toEqual({ level: 'late', text: '已上报 · 逾期 1小时15分' });
  });

  it('a task counts down from its assignment; done late, done on time and closed say so', () => {
    expect(taskClock(task(), T0 + 50 * 60_000)).toMatchObject({ level: 'warn' });
    expect(taskClock(task({ state: 'accepted' }), T0 + 61 * 60_000)).toMatchObject({ level: 'overdue', text: '已超时 1分' });
    expect(taskClock(task({ state: 'done', doneAt: at(90) }), T0)).toEqual({ level: 'late', text: '逾期 30分 办结' });
    expect(taskClock(task({ state: 'done', doneAt: at(30) }), T0).text).toBe('按时办结');
    expect(taskClock(task({ state: 'closed' }), T0).text).toBe('已关闭');
  });

  it('what blocks the 终报: unreported statutory duties and open tasks, not another party’s duty or settled tasks', () => {
    const model = boardWithIncident();
    const entry = model.incidents.inc_1!;
    entry.obligations = {
      a: obligation({ id: 'a' }),
      b: obligation({ id: 'b', informational: true }),
      c: { ...submitted, id: 'c' },
    };
    entry.tasks = { t1: task({ id: 't1', state: 'blocked' }), t2: task({ id: 't2', state: 'done' }), t3: task({ id: 't3', state: 'closed' }) };
    const blockers = closeBlockersOf(entry);
    expect(blockers.obligations.map((o) => o.id)).toEqual(['a']);
    expect(blockers.tasks.map((t) => t.id)).toEqual(['t1']);
  });

  it('shortens a citation for the wall and gives a deadline’s date only when it is not today', () => {
    expect(shortCitation('《职业病危害事故调查处理办法》（卫生部令第25号）第七条')).toBe('卫生部令第25号第七条');
    expect(formatDue(at(60), T0)).toBe('10:00');
    expect(formatDue(at(24 * 60), T0)).toBe('11-24 09:00');
  });
});

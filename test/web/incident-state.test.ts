/** The board's local state: events applied once, in any overlap with a snapshot, and the deadline colours' thresholds. */
import { describe, expect, it } from 'vitest';
import {
  applyEvent,
  currentNotifications,
  deadlineState,
  emptyModel,
  replaceIncident,
  taskDeliveryFailuresOf,
  type IncidentDetail,
  type NotificationView,
} from '../../web/src/lib/incident-state.js';
import type { EventEnvelope } from '../../web/src/lib/realtime.js';
import { at, incidentSummary, notification, T0 } from '../support/view-fixtures.js';



const summary = incidentSummary();

let seq = 0;
const event = (type: string, data: Record<string, unknown>, minute = 0): EventEnvelope => ({ seq: ++seq, type, at: at(minute), jurisdictionId: 'xinyang', incidentId: 'inc_1', data });

function reportedEvents() {
  return [
    event('incident.reported', { incident: { ...summary, severityReason: '', regimes: [], routing: [], notifications: [{ id: 'n1', unitId: 'a', unitName: '单位a', role: 'lead', state: 'pending', ackDueAt: at(30) }] } }),
    event('notification.created', { notification: notification('n1', 'a', { role: 'lead', ackDueAt: at(30) }), incident: summary }),
    event('notification.created', { notification: notification('n2', 'b'), incident: summary }),
  ];
}

describe('applying events to the board', () => {
  it('builds an incident from its events, and applying them again changes nothing', () => {
    const model = emptyModel(false);
    const events = [
      ...reportedEvents(),
      event('notification.delivered', { notificationId: 'n1', unitId: 'a', at: at(1) }, 1),
      event('notification.read', { notificationId: 'n1', unitId: 'a', at: at(2) }, 2),
      event('notification.acknowledged', { notification: notification('n1', 'a', { role: 'lead', ackDueAt: at(30), state: 'acknowledged', acknowledgedAt: at(3), acknowledgedByName: '张三' }) }, 3),
    ];
    for (const e of events) applyEvent(model, e);
    const snapshot = JSON.stringify(model.incidents.inc_1!.notifications);
    for (const e of events) applyEvent(model, e);
    const entry = model.incidents.inc_1!;
    expect(JSON.stringify(entry.notifications)).toBe(snapshot);
    expect(entry.timeline.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(entry.notifications.n1).toMatchObject({ state: 'acknowledged', acknowledgedByName: '张三', firstDeliveredAt: at(1), firstReadAt: at(2) });
    expect(entry.incident.casualties.acuteCases).toBe(1);
  });

  it('shows each unit’s latest notification, drops withdrawn units and lists lead units first', () => {
    const model = emptyModel(false);
    for (const e of reportedEvents()) applyEvent(model, e);
    applyEvent(model, event('notification.superseded', { notificationId: 'n2', unitId: 'b', byVersion: 2 }));
    applyEvent(model, event('notification.withdrawn', { notificationId: 'n1', unitId: 'a', byVersion: 2 }));
    applyEvent(model, event('notification.created', { notification: notification('n3', 'b', { reportVersion: 2 }), incident: { ...summary, version: 2 } }));
    const rows = currentNotifications(model.incidents.inc_1!);
    expect(rows.map((n) => n.id)).toEqual(['n3']);
    expect(model.incidents.inc_1!.notifications.n2!.state).toBe('superseded');
  });

  it('asks for a refetch on a 续报, drops a closed incident from the board but keeps it on its own page', () => {
    const board = emptyModel(false);
    const page = emptyModel(true);
    for (const e of reportedEvents()) {
      applyEvent(board, e);
      applyEvent(page, e);
    }
    const updated = event('incident.updated', { incidentId: 'inc_1', version: 2, kind: 'follow_up', severity: 'major', status: 'open', casualties: { ...summary.casualties, deaths: 1 } });
    expect(applyEvent(board, updated)).toBe('inc_1');
    expect(board.incidents.inc_1!.incident).toMatchObject({ severity: 'major', version: 2 });
    const closed = event('incident.closed', { incidentId: 'inc_1', version: 3, kind: 'final', severity: 'major', status: 'closed' });
    applyEvent(board, closed);
    applyEvent(page, closed);
    expect(board.incidents.inc_1).toBeUndefined();
    expect(page.incidents.inc_1!.incident.status).toBe('closed');
  });

  it('keeps 督办 alerts until they are resolved', () => {
    const model = emptyModel(false);
    for (const e of reportedEvents()) applyEvent(model, e);
    applyEvent(model, event('alert.raised', { alert: { id: 'alr_1', kind: 'declined', notificationId: 'n2', unitId: 'b', incidentId: 'inc_1', reason: '退回' } }));
    expect(model.alerts.alr_1).toMatchObject({ kind: 'declined', unitName: '单位b' });
    applyEvent(model, event('alert.resolved', { alert: { id: 'alr_1' } }));
    expect(model.alerts.alr_1).toBeUndefined();
  });

  it('replacing an incident with a fresh detail re-applies the events the detail had not seen', () => {
    const model = emptyModel(false);
    for (const e of reportedEvents()) applyEvent(model, e);
    const detailSeq = seq;
    const ack = event('notification.acknowledged', { notification: notification('n2', 'b', { state: 'acknowledged', acknowledgedAt: at(5), acknowledgedByName: '李四' }) });
    applyEvent(model, ack);
    const detail = {
      incident: { ...summary, createdAt: at(0), updatedAt: at(0), closedAt: null, severityReason: '', regimes: [] },
      routing: [],
      excluded: [],
      warnings: [],
      versions: [],
      notifications: [notification('n1', 'a'), notification('n2', 'b')],
      lastSeq: detailSeq,
    } as unknown as IncidentDetail;
    replaceIncident(model, detail);
    expect(model.incidents.inc_1!.notifications.n2).toMatchObject({ state: 'acknowledged', acknowledgedByName: '李四' });
  });
});

describe('messages given up, as the grid and the task board mark them', () => {
  it('a task’s refused messages are its present unit’s; one refused before it was handed on is not', () => {
    const model = emptyModel(false);
    for (const e of reportedEvents()) applyEvent(model, e);
    const failed = (unitId: string, minute: number) =>
      event('delivery.failed', { deliveryId: `d${minute}`, notificationId: null, taskId: 't1', unitId, unitName: `单位${unitId}`, channel: 'robot', round: 0, reason: '群机器人拒绝或无法接收消息' }, minute);
    applyEvent(model, failed('a', 4));
    applyEvent(model, failed('b', 6));
    applyEvent(model, event('delivery.failed', { deliveryId: 'd7', notificationId: 'n2', taskId: null, unitId: 'b', unitName: '单位b', channel: 'sms', round: 0, reason: '短信服务商拒绝发送' }, 7));
    const entry = model.incidents.inc_1!;
    expect(taskDeliveryFailuresOf(entry, { id: 't1', unitId: 'b' })).toEqual([{ channel: 'robot', reason: '群机器人拒绝或无法接收消息', at: at(6) }]);
    expect(taskDeliveryFailuresOf(entry, { id: 't1', unitId: 'a' })).toHaveLength(1);
    expect(taskDeliveryFailuresOf(entry, { id: 't2', unitId: 'b' })).toEqual([]);
  });
});

describe('deadlines: amber from 75% of the allowed time, red once overdue, always with words', () => {
  const n = notification('n', 'u', { createdAt: at(0), ackDueAt: at(60) });
  it.each([
    [30, 'ok', '剩 30:00'],
    [45, 'warn', '即将超时'],
    [59.5, 'warn', '剩 00:30'],
    [60, 'overdue', '超时'],
    [72, 'overdue', '超时 12分'],
  ])('at %s minutes of 60 it is %s', (minute, level, text) => {
    const state = deadlineState(n, T0 + minute * 60_000);
    expect(state.level).toBe(level);
    expect(state.text).toContain(text);
  });

  it('an acknowledgement says whether it was on time and how long it took', () => {
    expect(deadlineState({ ...n, state: 'acknowledged', acknowledgedAt: at(8) }, T0)).toEqual({ level: 'done', text: '按时 · 用时 8分' });
    expect(deadlineState({ ...n, state: 'acknowledged', acknowledgedAt: at(75) }, T0).level).toBe('late');
    expect(deadlineState({ ...n, state: 'declined' }, T0).text).toContain('已退回');
  });
});

describe('督办 alerts as the server raises them', () => {
  it('keeps a raised alert until it is resolved (the one shape the server sends: { alert })', () => {
    const model = emptyModel(false);
    const alert = {
      id: 'alr_9',
      kind: 'ack_overdue',
      notificationId: 'n',
      taskId: null,
      obligationId: null,
      standingRequestId: null,
      unitId: 'u',
      incidentId: 'inc_9',
      reason: '超时未签收',
      raisedAt: at(0),
      incident: { id: 'inc_9', ref: 'XY-9', title: '中毒', status: 'open', drill: false },
      subject: { kind: 'incident', title: 'XY-9 中毒', link: '/duty/incidents/inc_9' },
    };
    applyEvent(model, { seq: 1, type: 'alert.raised', at: at(0), jurisdictionId: 'xinyang', incidentId: 'inc_9', data: { alert } });
    expect(model.alerts.alr_9).toMatchObject({ kind: 'ack_overdue', reason: '超时未签收', incident: { ref: 'XY-9' } });
    applyEvent(model, { seq: 2, type: 'alert.resolved', at: at(1), jurisdictionId: 'xinyang', incidentId: 'inc_9', data: { alert: { ...alert, resolvedAt: at(1) } } });
    expect(model.alerts.alr_9).toBeUndefined();
  });
});

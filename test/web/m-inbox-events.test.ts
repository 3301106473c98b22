/** The phone's inbox folded from the unit views it receives: new cards, changes in place, superseded ones gone, the commission's answers in words. */
import { describe, expect, it } from 'vitest';
import type { UnitCataloguedEvent, UnitEventData, UnitEventType } from '../../src/contract/events.js';
import type { UnitReportView } from '../../src/contract/unit-report.js';
import { applyInboxEvents, changesInfo, newTaskNotice, unitReportNews } from '../../web/src/m/inbox-events.js';
import type { Task } from '../../web/src/m/tasks.js';
import { at, incidentSummary, notification as notificationFixture } from '../support/view-fixtures.js';


let seq = 0;
function event<T extends UnitEventType>(type: T, data: UnitEventData<T>, incidentId: string | null = 'inc_1'): UnitCataloguedEvent {
  return { seq: ++seq, type, at: at(0), jurisdictionId: 'xinyang', incidentId, data } as UnitCataloguedEvent;
}

const incident = incidentSummary({ title: '硫化氢中毒', drill: false, place: { address: '某厂' }, casualties: { exposed: 3, acuteCases: 1, severeCases: 0, deaths: 0, anthraxCases: 0 } });

function notification(id: string, over: Partial<UnitEventData<'notification.acknowledged'>['notification']> = {}): UnitEventData<'notification.acknowledged'>['notification'] {
  return notificationFixture(id, 'u_union', { unitName: '市总工会', basis: '职责', ackDueAt: at(30), ...over });
}

const created = (id: string) => event('notification.created', { notification: notification(id), incident, revision: { kind: 'initial', version: 1, previous: null } });

describe('the inbox from events', () => {
  it('puts a new notification first, once, with its incident and revision', () => {
    const items = applyInboxEvents([], [created('n1'), created('n2'), created('n1')]);
    expect(items.map((x) => x.id)).toEqual(['n1', 'n2']);
    expect(items[0]!.incident.title).toBe('硫化氢中毒');
    expect(items[0]!.revision).toEqual({ kind: 'initial', version: 1, previous: null });
  });

  it('changes a card in place on 签收, 退回 and the answer to it, keeping its incident', () => {
    const start = applyInboxEvents([], [created('n1'), created('n2')]);
    const acked = applyInboxEvents(start, [event('notification.acknowledged', { notification: notification('n1', { state: 'acknowledged', acknowledgedAt: at(5) }) })]);
    expect(acked.map((x) => [x.id, x.state])).toEqual([
      ['n2', 'pending'],
      ['n1', 'acknowledged'],
    ]);
    expect(acked[1]!.incident).toBe(start[1]!.incident);
    const resolved = applyInboxEvents(acked, [
      event('notification.declined', { notification: notification('n2', { state: 'declined', declineReason: '非本单位职责' }) }),
      event('notification.decline_resolved', { notification: notification('n2', { state: 'pending', declineResolution: 'confirmed' }), action: 'confirm', reason: '确属职责', by: '值班员' }),
    ]);
    expect(resolved[0]).toMatchObject({ id: 'n2', state: 'pending', declineResolution: 'confirmed', declineReason: null, incident: start[0]!.incident });
  });

  it('takes a superseded or withdrawn notification off, and marks an escalated one', () => {
    const start = applyInboxEvents([], [created('n1'), created('n2'), created('n3')]);
    const next = applyInboxEvents(start, [
      event('notification.superseded', { notificationId: 'n1', unitId: 'u_union', byVersion: 2 }),
      event('notification.withdrawn', { notificationId: 'n2', unitId: 'u_union', byVersion: 2 }),
      event('notification.escalated', { notificationId: 'n3', unitId: 'u_union', unitName: '市总工会', step: 'head', stepNumber: 1, text: '已通知单位负责人', ackDueAt: at(30), nextStepAt: null }),
    ]);
    expect(next.map((x) => [x.id, x.escalated])).toEqual([['n3', '已通知单位负责人']]);
  });

  it('says a 续报 and the closing 终报 on the incident’s cards only', () => {
    const other = event('notification.created', { notification: notification('n9', { incidentId: 'inc_2' }), incident: { ...incident, id: 'inc_2', title: '另一起' } }, 'inc_2');
    const start = applyInboxEvents([], [created('n1'), other]);
    const revision = {
      incidentId: 'inc_1',
      version: 3,
      kind: 'final',
      severity: 'major' as const,
      status: 'closed' as const,
      title: '硫化氢中毒（终报）',
      casualties: { ...incident.casualties, deaths: 1 },
      changes: { severityChanged: true, casualtiesChanged: true, routingChanged: false, addedUnits: [], removedUnits: [], roleChangedUnits: [], requiresReacknowledgement: false },
    };
    const closed = applyInboxEvents(start, [event('incident.closed', revision)]);
    expect(closed.find((x) => x.id === 'n1')!.incident).toMatchObject({ status: 'closed', title: '硫化氢中毒（终报）', severity: 'major', casualties: { deaths: 1 }, narrative: '经过' });
    expect(closed.find((x) => x.id === 'n9')!.incident).toBe(start.find((x) => x.id === 'n9')!.incident);
  });

  it('ignores what is not about its cards', () => {
    const start = applyInboxEvents([], [created('n1')]);
    expect(applyInboxEvents(start, [event('rota.changed', { unitId: 'u_union', revision: 2, by: '张三' }, null)])).toBe(start);
  });
});

describe('what the phone says of other events', () => {
  const report = (state: UnitReportView['state'], over: Partial<UnitReportView> = {}) =>
    ({ id: 'ur1', unitId: 'u_union', state, title: '某厂中毒', filedAt: at(0), rejectReason: null, incidentRef: null, ...over }) as UnitReportView;

  it('keeps every report the events carry and says the commission’s last answer', () => {
    expect(unitReportNews([event('unit_report.filed', { unitReport: report('pending') }, null)])).toEqual({ reports: [report('pending')], notice: null });
    const news = unitReportNews([
      event('unit_report.rejected', { unitReport: report('rejected', { id: 'ur0', rejectReason: '已另案处理' }) }, null),
      event('unit_report.confirmed', { unitReport: report('confirmed', { incidentRef: 'XY-7' }) }, null),
    ]);
    expect(news.reports.map((r) => r.id)).toEqual(['ur0', 'ur1']);
    expect(news.notice).toBe('您报告的“某厂中毒”已确认为事故，事故编号 XY-7');
    expect(unitReportNews([event('unit_report.rejected', { unitReport: report('rejected', { rejectReason: '已另案处理' }) }, null)]).notice).toBe('您报告的“某厂中毒”不予确认：已另案处理');
  });

  it('says the last task given to this unit, never another unit’s', () => {
    const task = (id: string, unitId: string) => ({ id, unitId, title: `任务${id}` }) as Task;
    const given = (id: string, unitId: string) => event('task.created', { task: task(id, unitId), by: '指挥长', incident: { id: 'inc_1', ref: 'XY-1', title: '硫化氢中毒', drill: false } });
    expect(newTaskNotice([given('t1', 'u_union'), given('t2', 'u_union'), given('t3', 'u_other')], 'u_union')).toBe('收到新任务：任务t2');
    expect(newTaskNotice([given('t3', 'u_other')], 'u_union')).toBeNull();
  });

  it('reads 简报与报送 again when a bulletin or the annual round reaches the unit', () => {
    expect(changesInfo([event('annual_submission.opened', { year: 2026, dueAt: at(60), opensAt: at(0), basis: { documentClause: '四(三)', quote: '年度报送' } }, null)])).toBe(true);
    expect(changesInfo([created('n1')])).toBe(false);
  });
});

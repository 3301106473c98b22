import { describe, expect, it } from 'vitest';
import { ackOutcome, buildAccount, type TimelineEvent } from '../../src/domain/account.js';
import { carryOverDeclines } from '../../src/domain/declines.js';
import { computeStatistics } from '../../src/domain/statistics.js';

const T0 = Date.parse('2026-11-23T00:40:00.000Z');
const t = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
let seq = 0;
const ev = (minutes: number, type: string, data: Record<string, unknown>): TimelineEvent => ({ seq: ++seq, type, at: t(minutes), data });
const notification = (id: string, unitId: string, unitName: string, role: string, version: number, createdAt: number, due: number) =>
  ev(createdAt, 'notification.created', { notification: { id, unitId, unitName, role, reportVersion: version, createdAt: t(createdAt), ackDueAt: t(due), state: 'pending' } });
const obligation = (id: string, key: string, due: number, submission: Record<string, unknown> | null = null) => ({
  id,
  key,
  recipient: { name: key === 'gov' ? '信阳市人民政府' : '国家卫生健康委员会' },
  citation: '《职业病危害事故调查处理办法》（卫生部令第25号）第七条',
  deadlineText: '6小时内',
  informational: false,
  startsAt: t(0),
  dueAt: t(due),
  submission,
});
const task = (over: Record<string, unknown>) => ({ id: 'tsk_1', title: '参与调查', unitId: 'u_union', unitName: '市总工会', role: 'support', createdAt: t(10), dueAt: t(70), acceptedAt: null, doneAt: null, closedAt: null, closeReason: null, state: 'open', ...over });

/** A whole incident as its timeline records it. */
function timeline(): TimelineEvent[] {
  seq = 0;
  return [
    ev(0, 'incident.reported', { incident: { id: 'inc_1', ref: 'XY-1', title: '中毒事故', jurisdictionId: 'xinyang', drill: false, receivedAt: t(0), severity: 'general' } }),
    notification('n_union', 'u_union', '市总工会', 'support', 1, 0, 60),
    notification('n_lead', 'u_wjw', '市卫健委', 'lead', 1, 0, 30),
    notification('n_hrss', 'u_hrss', '市人社局', 'support', 1, 0, 60),
    notification('n_late', 'u_yjj', '市应急局', 'support', 1, 0, 60),
    ev(0, 'obligation.created', { obligation: obligation('o_gov', 'gov', 360) }),
    ev(0, 'obligation.created', { obligation: obligation('o_nat', 'nat', 30) }),
    ev(2, 'notification.delivered', { notificationId: 'n_union', channel: 'socket', at: t(1) }),
    ev(3, 'notification.read', { notificationId: 'n_union', channel: 'api', at: t(3) }),
    ev(4, 'notification.read', { notificationId: 'n_lead', channel: 'link', at: t(4) }),
    ev(5, 'notification.acknowledged', { notification: { id: 'n_union', acknowledgedAt: t(5), acknowledgedByName: '市总工会联络员', acknowledgedVia: 'api', acknowledgementNote: '已派员' } }),
    ev(6, 'notification.declined', { notification: { id: 'n_hrss', declinedAt: t(6), declineReason: '不属于本部门职责' } }),
    ev(8, 'notification.decline_resolved', { notification: { id: 'n_hrss' }, action: 'reassign', reason: '改由市场监管局' }),
    ev(10, 'task.created', { task: task({}), by: '指挥长' }),
    ev(30, 'notification.acknowledged', { notification: { id: 'n_lead', acknowledgedAt: t(30), acknowledgedByName: '卫健委联络员', acknowledgedVia: 'link' } }),
    ev(60, 'notification.escalated', { notificationId: 'n_late', step: 'resend' }),
    ev(61, 'obligation.overdue', { obligation: { id: 'o_nat' } }),
    ev(62, 'task.updated', { task: task({ state: 'accepted', acceptedAt: t(62) }), action: 'accept', by: '联络员' }),
    ev(75, 'task.escalated', { taskId: 'tsk_1', step: 'resend' }),
    ev(80, 'task.updated', { task: task({ state: 'done', acceptedAt: t(62), doneAt: t(80) }), action: 'complete', note: '已完成', by: '联络员' }),
    ev(90, 'obligation.submitted', { obligation: obligation('o_nat', 'nat', 30, { at: t(90), byName: '值班员', method: 'phone', reference: '国家卫健委总值班室' }) }),
    ev(100, 'incident.updated', { version: 2, kind: 'follow_up', severity: 'major', title: '中毒事故（续）' }),
    ev(100, 'notification.superseded', { notificationId: 'n_late' }),
    ev(120, 'obligation.submitted', { obligation: obligation('o_gov', 'gov', 360, { at: t(120), byName: '值班员', method: 'document', reference: '信卫〔2026〕1号' }) }),
    ev(150, 'incident.closed', { version: 3, kind: 'final', severity: 'major', closeOverride: null }),
  ];
}

describe('buildAccount folds the timeline', () => {
  const account = buildAccount(timeline(), new Date(T0 + 200 * 60_000));
  const row = (id: string) => account.units.flatMap((u) => u.notifications).find((n) => n.notificationId === id)!;

  it('per unit: notified, first reached, first read, acknowledged — by whom, how — and against the deadline', () => {
    expect(row('n_union')).toMatchObject({
      notifiedAt: t(0),
      firstDeliveredAt: t(1),
      firstDeliveredVia: 'socket',
      firstReadAt: t(3),
      firstReadVia: 'api',
      acknowledgedAt: t(5),
      acknowledgedBy: '市总工会联络员',
      acknowledgedVia: 'api',
      acknowledgementNote: '已派员',
      outcome: 'on_time',
      lateByMinutes: 0,
    });
    // A read is evidence of delivery; acknowledging exactly at the deadline is on time.
    expect(row('n_lead')).toMatchObject({ firstDeliveredAt: t(4), firstDeliveredVia: 'link', outcome: 'on_time', lateByMinutes: 0 });
    expect(row('n_hrss')).toMatchObject({ outcome: 'declined', declineReason: '不属于本部门职责', declineResolution: '改派：改由市场监管局' });
    expect(row('n_late')).toMatchObject({ outcome: 'never', closedAs: 'superseded', closedAt: t(100), escalations: [{ step: 'resend', at: t(60) }] });
  });

  it('per obligation: due, submitted, late by how many minutes, when the alert was raised', () => {
    expect(account.obligations.find((o) => o.id === 'o_nat')).toMatchObject({ submittedAt: t(90), submittedBy: '值班员', method: 'phone', outcome: 'late', lateByMinutes: 60, overdueAlertAt: t(61) });
    expect(account.obligations.find((o) => o.id === 'o_gov')).toMatchObject({ outcome: 'on_time', lateByMinutes: 0, reference: '信卫〔2026〕1号' });
  });

  it('per task: its history, its ladder and whether it was done in time', () => {
    const k = account.tasks[0]!;
    expect(k).toMatchObject({ state: 'done', doneAt: t(80), outcome: 'late', lateByMinutes: 10, escalations: [{ step: 'resend', at: t(75) }] });
    expect(k.history.map((h) => h.action)).toEqual(['create', 'accept', 'complete']);
  });

  it('the incident: its versions, its severity at the end and when it closed; the summary counts the rows', () => {
    expect(account.incident).toMatchObject({ id: 'inc_1', drill: false, severity: 'major', closedAt: t(150), title: '中毒事故（续）' });
    expect(account.incident.versions.map((v) => v.kind)).toEqual(['initial', 'follow_up', 'final']);
    expect(account.summary.notifications).toMatchObject({ total: 4, on_time: 2, declined: 1, never: 1, late: 0 });
    expect(account.summary.obligations).toEqual({ total: 2, onTime: 1, late: 1, overdue: 0, due: 0, informational: 0, superseded: 0, missed: 0 });
    expect(account.summary.tasks).toMatchObject({ total: 1, late: 1 });
  });

  it('an informational regime line (国务院令第493号第九条: the employer reports to 应急管理) is never the commission\'s overdue', () => {
    const events = [
      ev(0, 'incident.reported', { incident: { id: 'inc_2', ref: 'XY-2', title: '窒息事故', jurisdictionId: 'xinyang', drill: false, receivedAt: t(0), severity: 'major' } }),
      ev(0, 'obligation.created', { obligation: { ...obligation('o_psa', 'psa_emergency_management', 60), informational: true } }),
    ];
    const late = buildAccount(events, new Date(T0 + 600 * 60_000));
    expect(late.obligations[0]!.outcome).toBe('informational');
    expect(late.summary.obligations).toMatchObject({ overdue: 0, informational: 1 });
  });

  it('the order of the input does not matter: seq does', () => {
    expect(buildAccount([...timeline()].reverse(), new Date(T0 + 200 * 60_000))).toEqual(buildAccount(timeline(), new Date(T0 + 200 * 60_000)));
  });

  it('an account needs the report that opened the incident', () => {
    expect(() => buildAccount(timeline().slice(1), new Date())).toThrow(/incident.reported/);
  });
});

describe('ackOutcome', () => {
  const due = new Date(T0 + 60 * 60_000);
  const none = { acknowledgedAt: null, declinedAt: null, closedAt: null, closedAs: null };
  it.each([
    ['acknowledged before', { ...none, acknowledgedAt: new Date(due.getTime() - 1) }, 'on_time', 0],
    ['acknowledged at the deadline', { ...none, acknowledgedAt: due }, 'on_time', 0],
    ['acknowledged 1 ms late', { ...none, acknowledgedAt: new Date(due.getTime() + 1) }, 'late', 1],
    ['acknowledged 61 s late', { ...none, acknowledgedAt: new Date(due.getTime() + 61_000) }, 'late', 2],
    ['declined', { ...none, declinedAt: new Date(T0) }, 'declined', null],
    ['superseded before the deadline', { ...none, closedAt: new Date(due.getTime() - 1), closedAs: 'superseded' as const }, 'superseded', null],
    ['withdrawn at the deadline', { ...none, closedAt: due, closedAs: 'withdrawn' as const }, 'withdrawn', null],
    ['superseded after the deadline', { ...none, closedAt: new Date(due.getTime() + 1), closedAs: 'superseded' as const }, 'never', null],
  ] as const)('%s → %s', (_label, n, outcome, late) => {
    expect(ackOutcome({ ackDueAt: due, ...n }, new Date(due.getTime() + 3_600_000))).toEqual({ outcome, lateByMinutes: late });
  });
  it('still pending: pending until the deadline, never after', () => {
    expect(ackOutcome({ ackDueAt: due, ...none }, due).outcome).toBe('pending');
    expect(ackOutcome({ ackDueAt: due, ...none }, new Date(due.getTime() + 1)).outcome).toBe('never');
  });
});

describe('computeStatistics', () => {
  const due = new Date(T0 + 60 * 60_000);
  const n = (over: Record<string, unknown>) => ({ ackDueAt: due, acknowledgedAt: null, declinedAt: null, closedAt: null, state: 'pending' as const, ...over });
  it('counts by severity and rates on-time acknowledgements and reports among the decided ones', () => {
    const stats = computeStatistics(
      {
        incidents: [{ severity: 'general' }, { severity: 'general' }, { severity: 'major' }],
        notifications: [
          n({ state: 'acknowledged', acknowledgedAt: due }),
          n({ state: 'acknowledged', acknowledgedAt: new Date(due.getTime() + 60_000) }),
          n({}),
          n({ state: 'declined', declinedAt: new Date(T0) }),
          n({ state: 'superseded', closedAt: new Date(T0) }),
        ],
        obligations: [
          { dueAt: due, submittedAt: due, informational: false },
          { dueAt: due, submittedAt: null, informational: false },
          { dueAt: due, submittedAt: null, informational: true },
        ],
      },
      new Date(due.getTime() + 1),
    );
    expect(stats.incidents).toEqual({ total: 3, bySeverity: { general: 2, major: 1, extraordinary: 0 } });
    expect(stats.acknowledgements).toEqual({ total: 5, onTime: 1, late: 1, never: 1, pending: 0, declined: 1, superseded: 1, onTimeRate: 33.3 });
    expect(stats.obligations).toEqual({ total: 2, onTime: 1, late: 0, overdue: 1, missed: 0, due: 0, onTimeRate: 50 });
  });
  it('a duty replaced after its deadline passed unmet counts as missed; one replaced in time counts not at all', () => {
    const due = new Date(T0 + 3_600_000);
    const stats = computeStatistics(
      {
        incidents: [],
        notifications: [],
        obligations: [
          { dueAt: due, submittedAt: due, informational: false },
          { dueAt: due, submittedAt: null, informational: false, supersededAt: new Date(due.getTime() + 60_000) },
          { dueAt: due, submittedAt: null, informational: false, supersededAt: new Date(due.getTime() - 60_000) },
        ],
      },
      new Date(due.getTime() + 3_600_000),
    );
    expect(stats.obligations).toEqual({ total: 2, onTime: 1, late: 0, overdue: 0, missed: 1, due: 0, onTimeRate: 50 });
  });
  it('nothing decided yet: no rate', () => {
    expect(computeStatistics({ incidents: [], notifications: [], obligations: [] }, new Date()).acknowledgements.onTimeRate).toBeNull();
  });
});

describe('carryOverDeclines', () => {
  const decision = (unitId: string, role: 'lead' | 'support' | 'inform' = 'support') => ({ unitId, unitName: unitId, role, basis: 'x', clauses: [] });
  const routed = { routing: [decision('hrss'), decision('union')], excluded: [], warnings: [] };
  const reassigned = { unitId: 'hrss', resolution: 'reassigned' as const, reason: '改由市场监管局', reassignedTo: { unitId: 'market', unitName: '市场监管局', role: 'support' as const } };

  it('a reassigned duty follows to the next version: the declining unit out, the new unit in', () => {
    const r = carryOverDeclines(routed, [reassigned], new Set());
    expect(r.routing.map((d) => d.unitId)).toEqual(['union', 'market']);
    expect(r.excluded).toEqual([{ unitId: 'hrss', unitName: 'hrss', role: 'support', reason: '已退回，指挥长改派市场监管局：改由市场监管局' }]);
  });
  it('a confirmed decline keeps the unit out', () => {
    const r = carryOverDeclines(routed, [{ unitId: 'hrss', resolution: 'confirmed', reason: '确属无关', reassignedTo: null }], new Set());
    expect(r.routing.map((d) => d.unitId)).toEqual(['union']);
  });
  it('the duty officer’s own adjustment of that unit wins', () => {
    expect(carryOverDeclines(routed, [reassigned], new Set(['hrss'])).routing.map((d) => d.unitId)).toEqual(['hrss', 'union', 'market']);
  });
  it('a unit already routed is not added twice', () => {
    const r = carryOverDeclines({ ...routed, routing: [...routed.routing, decision('market', 'lead')] }, [reassigned], new Set());
    expect(r.routing.filter((d) => d.unitId === 'market')).toHaveLength(1);
  });
});

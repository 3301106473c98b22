/** The typed event catalogue: every type declares its payload, and a payload of the wrong shape is named. */
import { describe, expect, it } from 'vitest';
import { EVENT_PAYLOADS, payloadProblem, streamEventSchema } from '../../src/contract/event-payloads.js';
import { EVENT_TYPES } from '../../src/contract/events.js';

describe('the event payload catalogue', () => {
  it('declares a payload for every event type the server writes, and none it does not', () => {
    expect(Object.keys(EVENT_PAYLOADS).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it('names the type and the field when a producer writes the wrong shape', () => {
    const problem = payloadProblem('notification.escalated', { notificationId: 'ntf_1', unitId: 'u', unitName: '应急局', step: 'resend', stepNumber: '1', text: 't', ackDueAt: 'x', nextStepAt: null });
    expect(problem).toContain('notification.escalated');
    expect(problem).toContain('stepNumber');
  });

  it('passes a payload of the declared shape, and the extra fields of an embedded record', () => {
    expect(payloadProblem('task.escalated', { taskId: 't', unitId: 'u', unitName: 'n', title: '救治', step: 'unit_head', stepNumber: 2, text: 't', dueAt: 'x', nextStepAt: null })).toBeNull();
    const alert = { id: 'alr_1', kind: 'ack_overdue', reason: '逾期', notificationId: 'n', taskId: null, obligationId: null, standingRequestId: null, unitId: 'u', incidentId: 'i', raisedAt: 'x' };
    const incident = { id: 'i', ref: 'XY-1', title: '中毒', status: 'open', drill: false };
    expect(payloadProblem('alert.raised', { alert: { ...alert, incident, subject: { kind: 'incident', title: 'XY-1', link: '/duty' } } })).toBeNull();
    expect(payloadProblem('notification.created', { notification: { id: 'n' }, incident: { id: 'i', extra: '传递' } })).toContain('notification');
    // The flat shape the web once also read is not what the server sends: refused.
    expect(payloadProblem('alert.raised', { alertId: 'alr_1', kind: 'ack_overdue', reason: '逾期' })).toContain('alert');
  });

  it('reads a stream envelope by its type', () => {
    const envelope = { seq: 7, at: '2026-12-03T00:00:00Z', jurisdictionId: 'xinyang', incidentId: 'inc_1' };
    expect(streamEventSchema.safeParse({ ...envelope, type: 'rota.changed', data: { unitId: 'u', revision: 3, by: '张三' } }).success).toBe(true);
    expect(streamEventSchema.safeParse({ ...envelope, type: 'rota.changed', data: { unitId: 'u' } }).success).toBe(false);
  });
});

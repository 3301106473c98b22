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
    expect(payloadProblem('alert.raised', { alert: { id: 'alr_1', kind: 'ack_overdue', reason: '逾期', incident: { ref: 'XY-1' } } })).toBeNull();
  });

  it('reads a stream envelope by its type', () => {
    const envelope = { seq: 7, at: '2026-12-03T00:00:00Z', jurisdictionId: 'xinyang', incidentId: 'inc_1' };
    expect(streamEventSchema.safeParse({ ...envelope, type: 'rota.changed', data: { unitId: 'u', revision: 3, by: '张三' } }).success).toBe(true);
    expect(streamEventSchema.safeParse({ ...envelope, type: 'rota.changed', data: { unitId: 'u' } }).success).toBe(false);
  });
});

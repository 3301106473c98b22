/** Views as the server sends them, for the web app's pure reducers: one notification, one incident summary. */
import type { z } from 'zod';
import type { incidentSummarySchema, notificationSchema } from '../../src/contract/api.js';

export const T0 = Date.parse('2026-11-23T01:00:00Z');
/** `min` minutes after T0, as the API writes times. */
export const at = (min: number) => new Date(T0 + min * 60_000).toISOString();

export type IncidentSummary = z.infer<typeof incidentSummarySchema>;
export type NotificationFixture = z.infer<typeof notificationSchema>;

export function incidentSummary(over: Partial<IncidentSummary> = {}): IncidentSummary {
  return {
    id: 'inc_1',
    ref: 'XY-1',
    jurisdictionId: 'xinyang',
    title: '测试事故',
    drill: true,
    status: 'open',
    severity: 'general',
    version: 1,
    occurredAt: at(-30),
    receivedAt: at(0),
    place: { address: '某地' },
    employer: { name: '某厂', industry: 'chemical' },
    hazard: { category: 'acute_poisoning' },
    casualties: { exposed: 1, acuteCases: 1, severeCases: 0, deaths: 0, anthraxCases: 0 },
    narrative: '经过',
    measuresTaken: null,
    ...over,
  };
}

export function notification(id: string, unitId: string, over: Partial<NotificationFixture> = {}): NotificationFixture {
  return {
    id,
    incidentId: 'inc_1',
    reportVersion: 1,
    unitId,
    unitName: `单位${unitId}`,
    role: 'support',
    basis: '',
    clauses: [],
    state: 'pending',
    createdAt: at(0),
    ackDueAt: at(60),
    firstDeliveredAt: null,
    firstReadAt: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    acknowledgedByName: null,
    acknowledgedVia: null,
    acknowledgementNote: null,
    declinedAt: null,
    declinedBy: null,
    declineReason: null,
    ...over,
  };
}

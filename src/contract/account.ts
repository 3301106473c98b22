/** The after-action account and the statistics, as the API answers them (spec §3 step 10). */
import { z } from 'zod';
import { SEVERITIES } from '../domain/enums.js';

const notificationAccountSchema = z.object({
  notificationId: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  role: z.string(),
  version: z.number().int(),
  notifiedAt: z.string(),
  ackDueAt: z.string(),
  firstDeliveredAt: z.string().nullable(),
  firstDeliveredVia: z.string().nullable(),
  firstReadAt: z.string().nullable(),
  firstReadVia: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedVia: z.string().nullable(),
  acknowledgementNote: z.string().nullable(),
  declinedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  declineResolution: z.string().nullable(),
  closedAt: z.string().nullable(),
  closedAs: z.enum(['superseded', 'withdrawn']).nullable(),
  escalations: z.array(z.object({ step: z.string(), at: z.string() })),
  outcome: z.enum(['on_time', 'late', 'never', 'pending', 'declined', 'superseded', 'withdrawn']),
  lateByMinutes: z.number().int().nullable(),
});

export const accountSchema = z
  .object({
    incident: z.object({
      id: z.string(),
      ref: z.string(),
      title: z.string(),
      jurisdictionId: z.string(),
      drill: z.boolean(),
      receivedAt: z.string().nullable(),
      reportedAt: z.string(),
      closedAt: z.string().nullable(),
      severity: z.string(),
      closeOverride: z.object({ reason: z.string() }).nullable(),
      versions: z.array(z.object({ version: z.number().int(), kind: z.string(), at: z.string(), severity: z.string() })),
    }),
    units: z.array(z.object({ unitId: z.string(), unitName: z.string(), notifications: z.array(notificationAccountSchema) })),
    obligations: z.array(z.record(z.string(), z.unknown())),
    tasks: z.array(z.record(z.string(), z.unknown())),
    summary: z.record(z.string(), z.unknown()),
    jurisdiction: z.object({ id: z.string(), name: z.string(), utcOffset: z.string() }),
    generatedAt: z.string(),
    note: z.string().nullable(),
  })
  .meta({ id: 'IncidentAccount' });

export const statisticsSchema = z
  .object({
    jurisdictionId: z.string(),
    from: z.string().nullable(),
    to: z.string().nullable(),
    drillsExcluded: z.number().int().meta({ description: 'Exercises (演练) in the period, left out of every figure' }),
    incidents: z.object({ total: z.number().int(), bySeverity: z.record(z.enum(SEVERITIES), z.number().int()) }),
    acknowledgements: z.record(z.string(), z.number().nullable()),
    obligations: z.record(z.string(), z.number().nullable()),
  })
  .meta({ id: 'Statistics' });


/**
 * 成员单位报告: what a member unit files (the same report contract as a 初报), how the commission
 * answers it, and how it is shown. 信阳 三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」.
 */
import { z } from 'zod';
import { UNIT_REPORT_STATES } from '../domain/enums.js';
import { incidentFactsSchema, unitAdjustmentSchema, unitExclusionSchema } from './report.js';

export const unitReportConfirmationSchema = z
  .object({
    extraUnits: z.array(unitAdjustmentSchema).max(50).default([]),
    excludeUnits: z.array(unitExclusionSchema).max(50).default([]),
  })
  .meta({ id: 'UnitReportConfirmation', description: '确认: the report becomes the 初报 of an incident, routed as the commission would route it' });

export const unitReportRejectionSchema = z
  .object({
    reason: z.string().trim().min(2, '请填写不予确认的理由').max(1000, '理由不超过1000字'),
  })
  .meta({ id: 'UnitReportRejection' });

export const unitReportSchema = z
  .object({
    id: z.string(),
    jurisdictionId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    filedBy: z.string(),
    filedByName: z.string(),
    filedAt: z.string().meta({ description: 'When it reached the commission: the statutory clocks run from here once confirmed' }),
    state: z.enum(UNIT_REPORT_STATES),
    title: z.string(),
    drill: z.boolean(),
    facts: incidentFactsSchema.omit({ receivedAt: true }),
    decidedAt: z.string().nullable(),
    decidedByName: z.string().nullable(),
    rejectReason: z.string().nullable(),
    incidentId: z.string().nullable(),
    incidentRef: z.string().nullable(),
  })
  .meta({ id: 'UnitReport' });

export const unitReportListSchema = z
  .object({
    reports: z.array(unitReportSchema),
    lastSeq: z.number().int().meta({ description: 'Pass to socket `resume` to receive everything after this answer' }),
  })
  .meta({ id: 'UnitReportList' });

export type UnitReportView = z.infer<typeof unitReportSchema>;

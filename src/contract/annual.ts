/**
 * 年度报送 (信阳 四(三)) and the annual performance report (信阳 二(三) 「通报…各成员单位开展职业健康
 * 监督管理职责工作情况」): what a unit files, how the office sees a year, the report per unit.
 */
import { z } from 'zod';
import { undeliveredSchema } from './meetings.js';

export const SUBMISSION_STANDINGS = ['on_time', 'late', 'missing', 'not_due'] as const;

export const annualSubmissionInputSchema = z
  .object({
    summary: z.string().trim().min(10, '请填写上年度工作总结（至少10个字）').max(50_000, '工作总结不超过50000字'),
    plan: z.string().trim().min(10, '请填写本年度重点工作计划（至少10个字）').max(50_000, '工作计划不超过50000字'),
    topics: z.array(z.string().max(500, '每条议题建议不超过500字')).max(20, '议题建议最多20条').default([]),
  })
  .meta({ id: 'AnnualSubmissionInput' });

export const annualSubmissionSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    year: z.number().int(),
    summary: z.string(),
    plan: z.string(),
    topics: z.array(z.string()),
    submittedAt: z.string(),
    submittedByName: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AnnualSubmission' });

export const annualUnitRowSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    standing: z.enum(SUBMISSION_STANDINGS),
    submission: annualSubmissionSchema.nullable(),
    /** The reminders of this year's request to the unit that were given up (wrong number, robot refused). */
    undelivered: z.array(undeliveredSchema),
  })
  .meta({ id: 'AnnualSubmissionRow' });

export const annualYearSchema = z
  .object({
    jurisdictionId: z.string(),
    year: z.number().int(),
    dueAt: z.string().meta({ description: 'The deadline: the end of the due day (15 January) in local time' }),
    opensAt: z.string(),
    basis: z.object({ documentClause: z.string(), quote: z.string() }),
    units: z.array(annualUnitRowSchema).meta({ description: 'Every member unit (the office); the caller’s own unit only (a unit)' }),
    submitted: z.number().int(),
  })
  .meta({ id: 'AnnualSubmissionYear' });

const tally = z.object({ onTime: z.number().int(), late: z.number().int(), missing: z.number().int(), open: z.number().int() });

export const annualReportRowSchema = z
  .object({
    unitId: z.string(),
    unitName: z.string(),
    acknowledgements: tally.meta({ description: '签收 of notifications due in the year: on time, late, never (after the deadline), still open' }),
    tasks: tally.meta({ description: 'Joint response tasks due in the year: done by the due time, done late, overdue and not done, open and not yet due' }),
    agreedItems: tally.nullable().meta({ description: '议定事项; null where this deployment does not record them yet' }),
    submission: z.enum(SUBMISSION_STANDINGS).nullable().meta({ description: 'The annual submission due in the year; null where the rulebook asks for none' }),
  })
  .meta({ id: 'AnnualReportRow' });

export const annualReportSchema = z
  .object({
    jurisdictionId: z.string(),
    jurisdictionName: z.string(),
    year: z.number().int(),
    generatedAt: z.string(),
    rows: z.array(annualReportRowSchema),
    notes: z.array(z.string()),
  })
  .meta({ id: 'AnnualReport' });

export type AnnualYearView = z.infer<typeof annualYearSchema>;
export type AnnualReport = z.infer<typeof annualReportSchema>;
export type AnnualReportRow = z.infer<typeof annualReportRowSchema>;
export type AnnualSubmissionView = z.infer<typeof annualSubmissionSchema>;

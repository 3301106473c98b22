/** 联合执法 / 专项整治 (信阳 三(三)): a campaign, its tasks per participating unit, progress reports and the account. */
import { z } from 'zod';
import { CAMPAIGN_KINDS } from '../domain/enums.js';
import { standingRequestSchema, undeliveredSchema } from './meetings.js';
import { isoDateTime } from './report.js';
import { noRepeats } from './unique.js';

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what}不能为空 (required)`).max(max, `${what}不超过${max}字 (at most ${max} characters)`);
const day = (what: string) => z.iso.date({ message: `${what}须为日期 YYYY-MM-DD (a date)` });
const unitId = z.string().min(1).max(64);

export const campaignTaskInputSchema = z.object({
  unitId,
  task: text(2000, '任务内容'),
  dueAt: isoDateTime.meta({ description: 'By when the unit completes its task; chased on the ladder after it' }),
});

export const campaignCreateSchema = z
  .object({
    jurisdictionId: z.string().min(1).max(64).optional(),
    kind: z.enum(CAMPAIGN_KINDS, { message: '行动类型须为联合执法或专项整治 (joint_enforcement | special_rectification)' }),
    title: text(200, '行动名称'),
    scope: text(5000, '行动范围（重点行业、领域）'),
    startsOn: day('开始日期'),
    endsOn: day('结束日期'),
    leadUnitId: unitId.optional().meta({ description: 'The initiating (牵头) member unit; omitted when the office leads' }),
    tasks: z.array(campaignTaskInputSchema).min(1, '请至少为一个参与单位布置任务 (at least one task)').max(100),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: '结束日期不能早于开始日期 (ends before it starts)', path: ['endsOn'] })
  .meta({ id: 'CampaignCreate' });
export type CampaignCreate = z.infer<typeof campaignCreateSchema>;

export const campaignChangeSchema = z
  .object({
    endsOn: day('结束日期').optional(),
    tasks: z
      .array(z.object({ unitId, task: text(2000, '任务内容').optional(), dueAt: isoDateTime.optional() }))
      .max(100)
      .optional()
      .meta({ description: 'Tasks to reword or give a new due date, by unit; the unit is told and chased from the new date' }),
    reason: z.string().trim().min(2, '请填写调整原因 (reason required)').max(1000),
  })
  .meta({ id: 'CampaignChange' });
export type CampaignChangeInput = z.infer<typeof campaignChangeSchema>;

export const campaignCancelSchema = z
  .object({ reason: z.string().trim().min(2, '请填写终止原因 (reason required)').max(1000) })
  .meta({ id: 'CampaignCancel' });

export const campaignReportSchema = z
  .object({
    note: text(2000, '进展情况'),
    done: z.boolean().default(false).meta({ description: 'true: the unit reports its task completed' }),
    attachmentIds: z.array(z.string().min(1).max(64)).max(10).superRefine(noRepeats('同一附件只能附一次 (a file listed twice)')).default([]).meta({ description: 'Files the unit uploaded to the campaign (POST /campaigns/{id}/attachments)' }),
  })
  .meta({ id: 'CampaignReport' });

export const campaignSchema = z
  .object({
    id: z.string(),
    jurisdictionId: z.string(),
    kind: z.enum(CAMPAIGN_KINDS),
    title: z.string(),
    scope: z.string(),
    startsOn: z.string(),
    endsOn: z.string(),
    leadUnitId: z.string().nullable(),
    unitIds: z.array(z.string()),
    tasks: z.array(z.object({ unitId: z.string(), task: z.string(), dueAt: z.string() })),
    createdAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
  })
  .meta({ id: 'Campaign' });

export const campaignAccountRowSchema = z.object({
  unitId: z.string(),
  unitName: z.string(),
  task: z.string(),
  dueAt: z.string(),
  state: z.string(),
  doneAt: z.string().nullable(),
  timeliness: z.enum(['on_time', 'late', 'open', 'overdue']),
  lastReport: z.string().nullable(),
  lastAttachments: z.array(z.object({ id: z.string(), fileName: z.string(), url: z.string() })),
  escalationStep: z.number().int(),
  undelivered: z.array(undeliveredSchema),
});

export const campaignDetailSchema = z
  .object({
    campaign: campaignSchema,
    requests: z.array(standingRequestSchema),
    account: z.array(campaignAccountRowSchema),
    tally: z.object({ on_time: z.number().int(), late: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
  })
  .meta({ id: 'CampaignDetail' });

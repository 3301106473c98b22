/**
 * Request and response shapes of the joint response (spec §3 steps 7, 8, 10): upward-reporting
 * obligations, joint response tasks, declines resolved, the after-action account and statistics.
 * The OpenAPI document is generated from these; the web client imports the same types.
 */
import { z } from 'zod';
import { INCIDENT_STATUSES, OBLIGATION_METHODS, OBLIGATION_STATES, REPORT_KINDS, SEVERITIES, TASK_ROLES, TASK_STATES, UNIT_ROLES } from '../domain/enums.js';
import { casualtiesSchema, isoDateTime } from './report.js';

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what}不能为空 (required)`).max(max, `${what}不超过${max}字 (at most ${max} characters)`);
const reason = (what: string) => z.string().trim().min(2, `请填写${what} (reason required)`).max(1000, `${what}不超过1000字 (at most 1000 characters)`);

export const obligationSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    key: z.string().meta({ description: 'The statute rule, e.g. ohs_general_government' }),
    regime: z.string(),
    recipient: z.object({ kind: z.string(), name: z.string(), jurisdictionId: z.string().nullable() }),
    statutoryMinutes: z.number().int().nullable().meta({ description: 'The statute’s limit; null for 立即/及时' }),
    targetMinutes: z.number().int().meta({ description: 'The limit applied (the rulebook may only tighten it)' }),
    deadlineText: z.string(),
    citation: z.string(),
    requirement: z.string(),
    informational: z.boolean().meta({ description: 'Another party’s duty the commission checks; not chased, does not block the 终报' }),
    startsAt: z.string(),
    dueAt: z.string(),
    createdByVersion: z.number().int(),
    state: z.enum(OBLIGATION_STATES),
    supersededAt: z.string().nullable().optional().meta({ description: 'When a 续报 raised the severity and the duty of the new grade replaced this one' }),
    supersededByKey: z.string().nullable().optional(),
    submission: z
      .object({
        at: z.string(),
        by: z.string().nullable(),
        byName: z.string().nullable(),
        method: z.enum(OBLIGATION_METHODS),
        reference: z.string().nullable(),
        note: z.string().nullable(),
        recordedAt: z.string().nullable(),
        onTime: z.boolean(),
        lateByMinutes: z.number().int(),
      })
      .nullable(),
    upstreamIncidentId: z.string().nullable().meta({ description: 'The incident it arrived as in the jurisdiction above (逐级上报)' }),
  })
  .meta({ id: 'Obligation' });

export const obligationSubmitSchema = z
  .object({
    method: z.enum(OBLIGATION_METHODS, { message: '请选择上报方式：电话、传真、书面文件或系统' }),
    reference: z.string().trim().min(1).max(200).optional().meta({ description: '文号, fax number, who took the call …' }),
    submittedAt: isoDateTime.optional().meta({ description: 'When it was reported, if before now' }),
    note: z.string().trim().max(1000).optional(),
    covers: z
      .array(z.string().min(1).max(64))
      .max(20)
      .optional()
      .meta({ description: 'The other open obligations to the same recipient this one report also meets; absent = all of them, [] = only this one' }),
  })
  .meta({ id: 'ObligationSubmission' });

export const taskSchema = z
  .object({
    id: z.string(),
    incidentId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    role: z.enum(TASK_ROLES),
    title: z.string(),
    description: z.string(),
    suggestionId: z.string().nullable(),
    state: z.enum(TASK_STATES),
    overdue: z.boolean(),
    dueAt: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
    updatedAt: z.string(),
    acceptedAt: z.string().nullable(),
    acceptedBy: z.string().nullable(),
    doneAt: z.string().nullable(),
    doneBy: z.string().nullable(),
    blockedAt: z.string().nullable(),
    blockedReason: z.string().nullable(),
    closedAt: z.string().nullable(),
    closedBy: z.string().nullable(),
    closeReason: z.string().nullable(),
    lastNote: z.string().nullable(),
    escalationStep: z.number().int(),
    incident: z
      .object({
        id: z.string(),
        ref: z.string(),
        title: z.string(),
        drill: z.boolean().meta({ description: '演练: shown as 【演练】 wherever the task is' }),
        status: z.enum(INCIDENT_STATUSES).meta({ description: 'The phone lists the tasks of open incidents' }),
      })
      .optional(),
  })
  .meta({ id: 'ResponseTask' });

export const taskCreateSchema = z
  .object({
    suggestionId: z.string().min(1).max(64).optional().meta({ description: 'Take the rulebook’s suggested task; the other fields then override it' }),
    unitId: z.string().min(1).max(64).optional(),
    role: z.enum(TASK_ROLES, { message: '任务角色须为牵头或配合' }).optional(),
    title: text(120, '任务名称').optional(),
    description: text(2000, '任务内容').optional(),
    dueAt: isoDateTime.optional(),
  })
  .meta({ id: 'TaskCreate' });

export const taskNoteSchema = z.object({ note: z.string().trim().max(1000, '说明不超过1000字').optional() }).meta({ id: 'TaskNote' });
export const taskProgressSchema = z.object({ note: text(1000, '进展') }).meta({ id: 'TaskProgress' });
export const taskReasonSchema = z.object({ reason: reason('理由') }).meta({ id: 'TaskReason' });
export const taskReassignSchema = z
  .object({ unitId: z.string().min(1).max(64), reason: reason('改派理由'), dueAt: isoDateTime.optional() })
  .meta({ id: 'TaskReassign' });

export const taskChangeResultSchema = z.object({ task: taskSchema, alreadyAccepted: z.boolean() }).meta({ id: 'TaskChangeResult' });

export const taskSuggestionSchema = z
  .object({
    id: z.string(),
    regime: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    role: z.enum(TASK_ROLES),
    title: z.string(),
    description: z.string(),
    dueInMinutes: z.number().int(),
    basis: z.object({ ref: z.string(), quote: z.string() }).nullable(),
    alreadyCreated: z.boolean(),
  })
  .meta({ id: 'TaskSuggestion' });

export const resolveDeclineSchema = z
  .discriminatedUnion('action', [
    z.object({
      action: z.literal('reassign'),
      unitId: z.string().min(1).max(64),
      role: z.enum(UNIT_ROLES).optional().meta({ description: 'Defaults to the declining unit’s role' }),
      reason: reason('改派理由'),
    }),
    z.object({ action: z.literal('confirm'), reason: reason('确认退回的理由') }),
  ])
  .meta({ id: 'ResolveDecline' });

export const incidentLinkSchema = z.object({
  id: z.string(),
  ref: z.string(),
  jurisdictionId: z.string(),
  jurisdictionName: z.string(),
  title: z.string(),
  status: z.string(),
  severity: z.enum(SEVERITIES),
  receivedAt: z.string(),
});

export const downstreamSchema = incidentLinkSchema
  .extend({
    versions: z.array(
      z.object({ version: z.number().int(), kind: z.enum(REPORT_KINDS), filedAt: z.string(), severity: z.enum(SEVERITIES), casualties: casualtiesSchema, title: z.string(), narrative: z.string() }),
    ),
  })
  .meta({ id: 'DownstreamIncident', description: 'The lower jurisdiction’s incident this one arrived from, with its version history' });

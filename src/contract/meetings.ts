/**
 * 联席会议: meetings, their replies, minutes with consent, agreed items (信阳 三(一), 四(二)). The
 * request shapes validate input (a failing field is named in the problem+json); the response
 * shapes document the answers. The web client imports the same types.
 */
import { z } from 'zod';
import { ATTENDANCE_KINDS, MEETING_KINDS, MINUTES_STATES, STANDING_REQUEST_KINDS, STANDING_REQUEST_STATES, STANDING_ROLES, UNIT_KINDS } from '../domain/enums.js';
import { isoDateTime } from './report.js';
import { noRepeats } from './unique.js';
import { attachmentSchema } from './desk.js';

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what}不能为空 (required)`).max(max, `${what}不超过${max}字 (at most ${max} characters)`);
const reason = (what: string) => z.string().trim().min(2, `请填写${what} (reason required)`).max(1000, `${what}不超过1000字 (at most 1000 characters)`);
const unitId = z.string().min(1).max(64);

export const meetingConveneSchema = z
  .object({
    jurisdictionId: z.string().min(1).max(64).optional().meta({ description: 'Default: the caller’s jurisdiction' }),
    kind: z.enum(MEETING_KINDS, { message: '会议类型须为全体会议或专题会议 (plenary | topical)' }),
    topic: text(200, '会议议题'),
    startsAt: isoDateTime,
    place: text(200, '会议地点'),
    agenda: z.array(text(500, '议程')).min(1, '请至少列出一项议程 (at least one agenda item)').max(30),
    replyDueAt: isoDateTime.meta({ description: 'By when each unit answers who attends; chased after it' }),
    invite: z
      .object({
        all: z.boolean().optional().meta({ description: 'Every member unit (the commission convenes and is not asked)' }),
        kinds: z.array(z.enum(UNIT_KINDS)).max(2).superRefine(noRepeats('单位类型重复 (a kind listed twice)')).optional().meta({ description: 'Every member unit of these kinds (rulebook: department, township)' }),
        unitIds: z.array(unitId).max(200).superRefine(noRepeats('同一单位只能邀请一次 (a unit listed twice)')).optional(),
      })
      .refine((i) => i.all || (i.kinds?.length ?? 0) > 0 || (i.unitIds?.length ?? 0) > 0, { message: '请选择参会单位 (invite at least one unit)', path: ['unitIds'] }),
  })
  .refine((m) => Date.parse(m.replyDueAt) <= Date.parse(m.startsAt), { message: '回执时限应早于会议时间 (reply due before the meeting)', path: ['replyDueAt'] })
  .meta({ id: 'MeetingConvene' });
export type MeetingConvene = z.infer<typeof meetingConveneSchema>;

export const meetingChangeSchema = z
  .object({
    startsAt: isoDateTime.optional(),
    place: text(200, '会议地点').optional(),
    replyDueAt: isoDateTime.optional().meta({ description: 'A new reply deadline: the units still to answer are chased from it' }),
    reason: reason('变更原因'),
  })
  .meta({ id: 'MeetingChange' });
export type MeetingChangeInput = z.infer<typeof meetingChangeSchema>;

export const meetingCancelSchema = z.object({ reason: reason('取消原因') }).meta({ id: 'MeetingCancel' });

export const meetingReplySchema = z
  .object({
    attendance: z.enum(ATTENDANCE_KINDS, { message: '请选择本人参会或委托参会 (member | deputy)' }),
    attendeeName: text(60, '参会人员姓名'),
    attendeeTitle: z.string().trim().max(60).optional(),
    reason: z.string().trim().max(500).optional().meta({ description: 'Why the member sends a deputy (required for a deputy)' }),
  })
  .refine((r) => r.attendance !== 'deputy' || (r.reason?.length ?? 0) >= 2, { message: '委托他人参会须说明理由 (a deputy needs the reason)', path: ['reason'] })
  .meta({ id: 'MeetingReply' });

export const draftItemSchema = z.object({
  title: text(500, '议定事项'),
  leadUnitId: unitId,
  supportUnitIds: z.array(unitId).max(50).default([]),
  dueAt: isoDateTime,
});

export const minutesDraftSchema = z
  .object({
    text: text(20000, '纪要正文'),
    items: z.array(draftItemSchema).max(50).default([]),
    consentDueAt: isoDateTime.meta({ description: 'By when each attending unit agrees or asks for a change; chased after it' }),
    revisionNote: z.string().trim().max(2000).optional().meta({ description: 'For a revision: what changed and why' }),
  })
  .meta({ id: 'MinutesDraft' });
export type MinutesDraft = z.infer<typeof minutesDraftSchema>;

export const minutesConsentSchema = z
  .object({
    decision: z.enum(['agree', 'request_change'], { message: '请选择同意或提出修改意见 (agree | request_change)' }),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((c) => c.decision !== 'request_change' || (c.reason?.length ?? 0) >= 2, { message: '提出修改须说明意见 (a change request needs the reason)', path: ['reason'] })
  .meta({ id: 'MinutesConsent' });

export const minutesIssueSchema = z
  .object({ copiedTo: text(100, '抄报单位').default('市政府办公室').meta({ description: '抄报: the government office it is copied to' }) })
  .meta({ id: 'MinutesIssue' });

export const itemReportSchema = z
  .object({
    note: text(2000, '落实情况'),
    done: z.boolean().default(false).meta({ description: 'true: the unit’s part is done (办结)' }),
    attachmentIds: z.array(z.string().min(1).max(64)).max(10).superRefine(noRepeats('同一附件只能附一次 (a file listed twice)')).default([]).meta({ description: 'Files the unit uploaded to the meeting (POST /meetings/{id}/attachments)' }),
  })
  .meta({ id: 'AgreedItemReport' });

/** A message about a request that was given up (wrong number, robot refused…), in plain words. */
export const undeliveredSchema = z
  .object({ channel: z.string(), reason: z.string(), at: z.string() })
  .meta({ id: 'UndeliveredMessage', description: 'A message to the unit that could not be sent and was given up; the office should reach the unit another way' });

export const standingRequestSchema = z
  .object({
    id: z.string(),
    unitId: z.string(),
    unitName: z.string().optional(),
    kind: z.enum(STANDING_REQUEST_KINDS),
    meetingId: z.string().nullable(),
    subjectId: z.string(),
    link: z.string(),
    role: z.enum(STANDING_ROLES),
    title: z.string(),
    state: z.enum(STANDING_REQUEST_STATES),
    dueAt: z.string(),
    answeredAt: z.string().nullable(),
    answeredBy: z.string().nullable(),
    answer: z.record(z.string(), z.unknown()).nullable(),
    escalationStep: z.number().int(),
    /** The office's reading of a meeting, campaign or proposal lists what never reached the unit. */
    undelivered: z.array(undeliveredSchema).optional(),
  })
  .meta({ id: 'StandingRequest' });

export const meetingSchema = z
  .object({
    id: z.string(),
    jurisdictionId: z.string(),
    kind: z.enum(MEETING_KINDS),
    topic: z.string(),
    startsAt: z.string(),
    place: z.string(),
    agenda: z.array(z.string()),
    replyDueAt: z.string(),
    convenedAt: z.string(),
    cancelledAt: z.string().nullable(),
    cancelReason: z.string().nullable(),
    stage: z.enum(['replies', 'minutes', 'agreed', 'issued', 'cancelled']).meta({ description: 'Where the meeting stands: waiting for replies, minutes out for consent, agreed, issued; or called off' }),
  })
  .meta({ id: 'Meeting' });

export const minutesSchema = z
  .object({
    id: z.string(),
    meetingId: z.string(),
    version: z.number().int(),
    text: z.string(),
    items: z.array(z.object({ title: z.string(), leadUnitId: z.string(), supportUnitIds: z.array(z.string()), dueAt: z.string() })),
    state: z.enum(MINUTES_STATES),
    consentDueAt: z.string(),
    draftedAt: z.string(),
    revisionNote: z.string().nullable(),
    issuedAt: z.string().nullable(),
    copiedTo: z.string().nullable(),
  })
  .meta({ id: 'Minutes' });

export const agreedItemSchema = z
  .object({
    id: z.string(),
    number: z.number().int(),
    title: z.string(),
    leadUnitId: z.string(),
    supportUnitIds: z.array(z.string()),
    dueAt: z.string(),
    done: z.boolean().nullable().meta({ description: 'Every unit of the item reported its part done; to a member unit, its own part (null: not its item)' }),
  })
  .meta({ id: 'AgreedItem' });

export const meetingDetailSchema = z
  .object({
    meeting: meetingSchema,
    /** For the commission every unit's request; for a unit its own. */
    requests: z.array(standingRequestSchema),
    minutes: z.array(minutesSchema),
    items: z.array(agreedItemSchema),
    files: z.array(attachmentSchema.extend({ material: z.boolean().meta({ description: 'true: 会议材料 from the office; false: a unit’s report file' }) })),
  })
  .meta({ id: 'MeetingDetail' });
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;
export type StandingRequestView = z.infer<typeof standingRequestSchema>;

export const meetingAccountSchema = z
  .object({
    meeting: meetingSchema,
    rows: z.array(
      z.object({
        itemId: z.string(),
        number: z.number().int(),
        title: z.string(),
        unitId: z.string(),
        unitName: z.string(),
        role: z.enum(STANDING_ROLES),
        dueAt: z.string(),
        doneAt: z.string().nullable(),
        timeliness: z.enum(['on_time', 'late', 'open', 'overdue']),
        lastReport: z.string().nullable(),
        escalationStep: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MeetingAccount' });

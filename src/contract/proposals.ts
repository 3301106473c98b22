/** 征求意见 (信阳 四(四)): a proposal put to the units concerned, their answers, referral to the government and its decision. */
import { z } from 'zod';
import { PROPOSAL_KINDS, PROPOSAL_STATES } from '../domain/enums.js';
import { standingRequestSchema } from './meetings.js';
import { isoDateTime } from './report.js';
import { noRepeats } from './unique.js';

const text = (max: number, what: string) =>
  z.string().trim().min(1, `${what}不能为空 (required)`).max(max, `${what}不超过${max}字 (at most ${max} characters)`);
const reason = (what: string) => z.string().trim().min(2, `请填写${what} (reason required)`).max(2000, `${what}不超过2000字`);

export const proposalCreateSchema = z
  .object({
    jurisdictionId: z.string().min(1).max(64).optional(),
    kind: z.enum(PROPOSAL_KINDS, { message: '事项类型须为联合发文、专项行动、宣传或政策措施' }),
    title: text(200, '事项名称'),
    text: text(20000, '事项内容'),
    unitIds: z.array(z.string().min(1).max(64)).min(1, '请选择征求意见的单位 (at least one unit)').max(100).superRefine(noRepeats('同一单位只能选一次 (a unit listed twice)')),
    dueAt: isoDateTime.meta({ description: 'By when each unit answers; chased after it' }),
  })
  .meta({ id: 'ProposalCreate' });

export const proposalConsentSchema = z
  .object({ decision: z.enum(['agree', 'object'], { message: '请选择同意或不同意 (agree | object)' }), reason: z.string().trim().max(2000).optional() })
  .refine((c) => c.decision !== 'object' || (c.reason?.length ?? 0) >= 2, { message: '不同意须说明理由 (an objection needs the reason)', path: ['reason'] })
  .meta({ id: 'ProposalConsent' });

export const proposalReferSchema = z.object({ note: reason('各方意见和理由') }).meta({ id: 'ProposalReferral' });
export const proposalOutcomeSchema = z.object({ outcome: reason('市政府决定') }).meta({ id: 'ProposalOutcome' });

export const proposalSchema = z
  .object({
    id: z.string(),
    jurisdictionId: z.string(),
    kind: z.enum(PROPOSAL_KINDS),
    title: z.string(),
    text: z.string(),
    unitIds: z.array(z.string()),
    dueAt: z.string(),
    state: z.enum(PROPOSAL_STATES),
    createdAt: z.string(),
    referredAt: z.string().nullable(),
    referralNote: z.string().nullable(),
    outcome: z.string().nullable(),
    decidedAt: z.string().nullable(),
  })
  .meta({ id: 'Proposal' });

export const proposalDetailSchema = z.object({ proposal: proposalSchema, requests: z.array(standingRequestSchema) }).meta({ id: 'ProposalDetail' });

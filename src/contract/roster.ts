/**
 * Shapes of roster administration: unit changes that make a rulebook version, the version history,
 * 成员调整 proposals and decisions, and the import's preview. The web client imports the same schemas.
 */
import { z } from 'zod';
import { MEMBER_CHANGE_KINDS, MEMBER_CHANGE_STATES, UNIT_KINDS } from '../domain/enums.js';
import { PASSWORD_RULE } from '../domain/password-policy.js';
import { newPasswordSchema } from './accounts.js';
import { UNIT_MEMBER_ROLES } from './admin.js';

const reason = z.string().trim().min(2, '请写明调整的理由').max(500, '理由不超过500字');
const unitName = z.string().trim().min(2, '单位名称至少2个字').max(60, '单位名称不超过60字');
const shortName = z.string().trim().min(1, '请填写简称').max(20, '简称不超过20字');
const unitId = z.string().min(1, '请选择成员单位').max(64);
const duty = z.object({
  ref: z.string().trim().max(20, '条款序号不超过20字'),
  text: z.string().trim().min(4, '条款内容至少4个字').max(2000, '条款内容不超过2000字'),
});
const duties = z.array(duty).min(1, '至少一条职责条款').max(50, '职责条款不超过50条');

export const unitChangeSchema = z
  .discriminatedUnion('action', [
    z.object({ action: z.literal('add'), name: unitName, shortName, kind: z.enum(UNIT_KINDS, { message: '类别须为部门或乡镇（街道）' }).default('department'), section: z.string().trim().max(20).optional(), duties, reason }),
    z.object({ action: z.literal('rename'), unitId, name: unitName, shortName, reason }),
    z.object({ action: z.literal('duties'), unitId, duties, reason }),
    z.object({ action: z.literal('retire'), unitId, reason }),
    z.object({ action: z.literal('merge'), unitId, intoUnitId: unitId, reason }),
  ])
  .meta({ id: 'UnitChange' });
export type UnitChange = z.infer<typeof unitChangeSchema>;

export const unitChangeResultSchema = z.object({ unitId: z.string(), rulebookVersion: z.string() }).meta({ id: 'UnitChangeResult' });

export const rulebookHistorySchema = z
  .object({
    jurisdictionId: z.string(),
    current: z.string(),
    versions: z.array(z.object({ version: z.string(), at: z.string(), basedOn: z.string().nullable(), reason: z.string().nullable(), by: z.string().nullable(), current: z.boolean() })),
  })
  .meta({ id: 'RulebookHistory' });

export const rulebookVersionUnitsSchema = z
  .object({
    version: z.string(),
    units: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string(), duties: z.array(duty) })),
    rules: z.array(z.object({ id: z.string(), unitId: z.string().nullable(), role: z.string(), reason: z.string() })),
  })
  .meta({ id: 'RulebookVersionUnits' });

const phone = z.string().trim().regex(/^(\+86)?1[3-9]\d{9}$/, '手机号格式不正确');

export const memberChangeProposalSchema = z
  .object({
    unitId,
    kind: z.enum(MEMBER_CHANGE_KINDS, { message: '请选择调整类型' }),
    userId: z.string().min(1).max(64).optional(),
    person: z
      .object({
        displayName: z.string().trim().min(1, '请填写姓名').max(50, '姓名不超过50字'),
        role: z.enum(UNIT_MEMBER_ROLES, { message: '角色须为联络员或单位负责人' }),
        phone: phone.optional(),
        username: z
          .string()
          .trim()
          .toLowerCase()
          .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, '用户名须为3–63位小写字母、数字或 . _ -'),
      })
      .optional(),
    reason,
  })
  .meta({ id: 'MemberChangeProposal' });

export const memberChangeDecisionSchema = z
  .object({
    decision: z.enum(['confirm', 'reject'], { message: '请选择确认或退回' }),
    reason,
    initialPassword: newPasswordSchema.optional().meta({ description: `The new person's initial password when confirming an add or replace (${PASSWORD_RULE}); changed at the first login` }),
  })
  .meta({ id: 'MemberChangeDecision' });

export const memberChangeSchema = z
  .object({
    id: z.string(),
    jurisdictionId: z.string(),
    unitId: z.string(),
    unitName: z.string(),
    kind: z.enum(MEMBER_CHANGE_KINDS),
    state: z.enum(MEMBER_CHANGE_STATES),
    userId: z.string().nullable(),
    userName: z.string().nullable(),
    person: z.object({ displayName: z.string(), role: z.enum(UNIT_MEMBER_ROLES), phone: z.string().nullable(), username: z.string() }).nullable(),
    reason: z.string(),
    proposedBy: z.string(),
    proposedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    decisionReason: z.string().nullable(),
    createdUserId: z.string().nullable(),
  })
  .meta({ id: 'MemberChange' });
export type MemberChangeView = z.infer<typeof memberChangeSchema>;

export const rosterProblemSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() }).meta({ id: 'RosterProblem' });

export const rosterPreviewSchema = z
  .object({ ok: z.boolean(), problems: z.array(rosterProblemSchema), rows: z.number().int(), created: z.number().int(), updated: z.number().int() })
  .meta({ id: 'RosterPreview' });
export type RosterPreview = z.infer<typeof rosterPreviewSchema>;

export const rosterImportResultSchema = z
  .object({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    newAccounts: z.array(z.object({ username: z.string(), initialPassword: z.string() })),
  })
  .meta({ id: 'RosterImportResult' });
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

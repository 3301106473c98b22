/**
 * Shapes of the admin API (member units with their people, the rulebook as it is, users) and of
 * the commander's board snapshot. The web client imports the same schemas.
 */
import { PASSWORD_RULE } from '../domain/password-policy.js';
import { newPasswordSchema, usernameProblems } from './accounts.js';
import { z } from 'zod';
import { UNIT_KINDS, UNIT_ROLES, USER_ROLES } from '../domain/enums.js';
import { dutyClauseSchema, incidentDetailSchema } from './api.js';
import { phoneNumber } from './phone.js';

/** Roles an admin may add to a member unit. */
export const UNIT_MEMBER_ROLES = ['liaison', 'unit_head'] as const;

export const personSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(USER_ROLES),
    jurisdictionId: z.string().nullable(),
    unitId: z.string().nullable(),
    phone: z.string().nullable(),
    onDuty: z.boolean(),
    active: z.boolean(),
    createdAt: z.string(),
    demo: z.boolean().meta({ description: 'Created by the demo seed with the published password' }),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Person' });

export const unitWithPeopleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    shortName: z.string(),
    kind: z.enum(UNIT_KINDS),
    section: z.string().nullable(),
    duties: z.array(dutyClauseSchema),
    /** 撤销/合并: when it left the roster, and the unit it was merged into. */
    retiredAt: z.string().nullable(),
    mergedInto: z.string().nullable(),
    people: z.array(personSchema),
  })
  .meta({ id: 'UnitWithPeople' });

export const adminUnitsResponseSchema = z
  .object({ jurisdictionId: z.string(), units: z.array(unitWithPeopleSchema) })
  .meta({ id: 'AdminUnits' });

const perSeverity = z.object({ general: z.number(), major: z.number(), extraordinary: z.number() });

export const rulebookRuleViewSchema = z
  .object({
    id: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    townshipOfPlace: z.boolean(),
    role: z.enum(UNIT_ROLES),
    reason: z.string(),
    when: z.unknown().meta({ description: 'The condition as stored in the rulebook' }),
    whenText: z.string().meta({ description: 'The condition in readable Chinese' }),
    basis: z.object({ ref: z.string(), quote: z.string(), source: z.enum(['unit_duty', 'document', 'statute']) }),
  })
  .meta({ id: 'RulebookRule' });

export const rulebookViewSchema = z
  .object({
    jurisdiction: z.object({ id: z.string(), name: z.string(), level: z.string(), parentId: z.string().nullable(), utcOffset: z.string() }),
    version: z.string(),
    document: z.object({ title: z.string(), number: z.string(), issuedOn: z.string().nullable() }),
    commissionUnitId: z.string(),
    units: z.array(z.object({ id: z.string(), name: z.string(), shortName: z.string(), kind: z.enum(UNIT_KINDS), section: z.string().nullable(), duties: z.array(dutyClauseSchema) })),
    rules: z.array(rulebookRuleViewSchema),
    ackDeadlineMinutes: z.object({ lead: perSeverity, support: perSeverity, inform: perSeverity }),
    escalationMinutes: z.object({ unitHead: perSeverity, commander: perSeverity }).nullable(),
  })
  .meta({ id: 'RulebookView' });

export const usersResponseSchema = z.object({ users: z.array(personSchema) }).meta({ id: 'Users' });

/** Roles that name a member unit (their account belongs to it). */
const UNIT_ROLE_SET: readonly string[] = UNIT_MEMBER_ROLES;

/**
 * 新建账号 by an administrator: any role the policy lets the administrator give
 * (`assignableRoles`). A liaison or unit head names the unit (the jurisdiction is the unit's);
 * a duty officer, commander or jurisdiction administrator names the jurisdiction; the system
 * administrator belongs to none. Without a password a one-time password is made and shown once;
 * either way the person must choose their own at the first login.
 */
export const newAccountSchema = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, '用户名须为3–63位小写字母、数字或 . _ - (username: 3–63 of a-z 0-9 . _ -)'),
    displayName: z.string().trim().min(1, '请填写姓名 (display name required)').max(50, '姓名不超过50字 (at most 50 characters)'),
    password: newPasswordSchema.optional().meta({ description: `Initial password (${PASSWORD_RULE}); absent: a one-time password is made and answered once` }),
    role: z.enum(USER_ROLES, { message: '请选择角色 (role: one of the user roles)' }),
    jurisdictionId: z.string().min(1).max(64).optional().meta({ description: 'For commission roles; a unit role takes its unit’s' }),
    unitId: z.string().min(1, '请选择成员单位 (unit required)').max(64).optional(),
    phone: phoneNumber('电话').optional(),
    onDuty: z.boolean().default(true),
  })
  .superRefine((value, ctx) => {
    // The policy is the field's own check (newPasswordSchema); only "not the username" needs the object.
    for (const message of value.password !== undefined ? usernameProblems(value.password, value.username) : []) ctx.addIssue({ code: 'custom', path: ['password'], message });
    if (UNIT_ROLE_SET.includes(value.role) && !value.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '联络员和单位负责人须选择成员单位 (unit required)' });
    if (!UNIT_ROLE_SET.includes(value.role) && value.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: '只有联络员和单位负责人属于成员单位 (only unit roles have a unit)' });
    if (value.role === 'admin' && value.jurisdictionId) ctx.addIssue({ code: 'custom', path: ['jurisdictionId'], message: '系统管理员不属于某个辖区 (the system administrator has no jurisdiction)' });
  })
  .meta({ id: 'NewAccount' });

export const newAccountResultSchema = z
  .object({
    user: personSchema,
    oneTimePassword: z.string().nullable().meta({ description: 'Made when no password was given: shown this once' }),
  })
  .meta({ id: 'NewAccountResult' });

export const userPatchSchema = z
  .object({
    onDuty: z.boolean().optional(),
    /** A liaison or unit head may become the other, or move to another unit of the same jurisdiction. */
    role: z.enum(UNIT_MEMBER_ROLES, { message: '角色须为联络员或单位负责人 (role: liaison or unit_head)' }).optional(),
    unitId: z.string().min(1, '请选择成员单位 (unit required)').max(64).optional(),
    active: z.boolean().optional(),
    displayName: z.string().trim().min(1).max(50).optional(),
    phone: phoneNumber('电话').nullable().optional(),
  })
  .refine((p) => Object.values(p).some((v) => v !== undefined), '没有要修改的内容 (nothing to change)')
  .meta({ id: 'UserPatch' });

/** The incident an alert is about: named and linked even once it is closed and gone from the board. */
export const alertIncidentSchema = z
  .object({ id: z.string(), ref: z.string(), title: z.string(), status: z.enum(['open', 'closed']), drill: z.boolean() })
  .meta({ id: 'AlertIncident' });

export const alertViewSchema = z
  .object({
    id: z.string(),
    incident: alertIncidentSchema.nullable().meta({ description: 'Null for an alert on standing work (subject names it)' }),
    subject: z
      .object({ kind: z.enum(['incident', 'standing']), title: z.string(), link: z.string() })
      .meta({ id: 'AlertSubject', description: 'What the alert is about: an incident, or standing work (meeting reply, minutes, agreed item)' }),
    jurisdictionId: z.string(),
    incidentId: z.string().nullable(),
    standingRequestId: z.string().nullable().meta({ description: 'The standing request of a standing_overdue alert' }),
    notificationId: z.string().nullable(),
    taskId: z.string().nullable().meta({ description: 'The task of a task_overdue or task_blocked alert' }),
    obligationId: z.string().nullable().meta({ description: 'The obligation of an obligation_overdue alert' }),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    kind: z.string(),
    reason: z.string(),
    raisedAt: z.string(),
    resolvedAt: z.string().nullable(),
  })
  .meta({ id: 'BoardAlert' });

export const boardSnapshotSchema = z
  .object({
    jurisdiction: z.object({ id: z.string(), name: z.string() }),
    lastSeq: z.number().int().meta({ description: 'Read before the snapshot: pass to socket `resume`' }),
    openTotal: z.number().int().meta({ description: 'Open incidents of the jurisdiction; more than `incidents` when only the most urgent were sent' }),
    incidents: z.array(incidentDetailSchema.omit({ lastSeq: true })),
    alerts: z.array(alertViewSchema),
    standing: z
      .array(z.object({ id: z.string(), title: z.string(), unitId: z.string(), unitName: z.string(), dueAt: z.string(), link: z.string() }))
      .meta({ description: 'Standing work (meeting replies, minutes, agreed items) still waiting for a unit: the board counts those past their deadline' }),
  })
  .meta({ id: 'BoardSnapshot' });

export type Person = z.infer<typeof personSchema>;
export type UnitWithPeople = z.infer<typeof unitWithPeopleSchema>;
export type RulebookView = z.infer<typeof rulebookViewSchema>;
export type NewAccount = z.infer<typeof newAccountSchema>;
export type UserPatch = z.infer<typeof userPatchSchema>;
export type AlertView = z.infer<typeof alertViewSchema>;
export type BoardSnapshot = z.infer<typeof boardSnapshotSchema>;

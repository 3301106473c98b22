/** Passwords and service accounts, as the API takes and answers them. */
import { z } from 'zod';
import { API_SCOPES } from '../domain/policy/api-scopes.js';
import { passwordProblems, PASSWORD_RULE } from '../domain/password-policy.js';
import { userSchema } from './api.js';
import { noRepeats } from './unique.js';

/** A zod check of the password policy against the username in the same object (or none). */
export function meetsPasswordPolicy(field: string, usernameField = 'username') {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const username = typeof value[usernameField] === 'string' ? (value[usernameField] as string) : '';
    for (const message of passwordProblems(String(value[field] ?? ''), username)) ctx.addIssue({ code: 'custom', path: [field], message });
  };
}

/**
 * A password someone sets for another's account (新建账号's `password`, 成员调整's
 * `initialPassword`): the one policy, each problem on the field. Whether it is the username is
 * checked where the username is known (`notTheUsername`, or the service).
 */
export const newPasswordSchema = z
  .string()
  .max(200)
  .superRefine((password, ctx) => {
    for (const message of passwordProblems(password, '')) ctx.addIssue({ code: 'custom', message });
  })
  .meta({ description: PASSWORD_RULE });

/** The one part of the policy that needs the username: what `passwordProblems` adds once it is known. */
export function usernameProblems(password: string, username: string): string[] {
  const without = new Set(passwordProblems(password, ''));
  return passwordProblems(password, username).filter((m) => !without.has(m));
}

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码').max(200),
    // The rest of the policy needs the username: the service checks it.
    newPassword: z.string().max(200).meta({ description: PASSWORD_RULE }),
  })
  .meta({ id: 'PasswordChange' });

export const passwordChangedSchema = z
  .object({ token: z.string(), user: userSchema, expiresAt: z.string() })
  .meta({ id: 'PasswordChanged', description: 'Every earlier session ended; this is the new one (also set as the cookie)' });

export const passwordResetSchema = z
  .object({
    userId: z.string(),
    username: z.string(),
    oneTimePassword: z.string().meta({ description: 'Shown once; the person must change it at the next login' }),
  })
  .meta({ id: 'PasswordReset' });

export const serviceAccountSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    jurisdictionId: z.string(),
    scopes: z.array(z.enum(API_SCOPES)),
    keyPrefix: z.string().meta({ description: 'The first characters of the key, to tell keys apart' }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: 'ServiceAccount' });

export const newServiceAccountSchema = z
  .object({
    jurisdictionId: z.string().min(1, '请选择辖区').max(64),
    displayName: z.string().trim().min(1, '请填写名称').max(50, '名称不超过50字'),
    scopes: z.array(z.enum(API_SCOPES, { message: '权限范围不正确' })).min(1, '请至少选择一项权限').max(API_SCOPES.length).superRefine(noRepeats('权限重复 (a scope listed twice)')),
  })
  .meta({ id: 'NewServiceAccount' });

export const createdServiceAccountSchema = z
  .object({ serviceAccount: serviceAccountSchema, key: z.string().meta({ description: 'Shown once: send as Authorization: Bearer <key>' }) })
  .meta({ id: 'CreatedServiceAccount' });

export type PasswordChange = z.infer<typeof passwordChangeSchema>;
export type NewServiceAccount = z.infer<typeof newServiceAccountSchema>;
export type ServiceAccountView = z.infer<typeof serviceAccountSchema>;

export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,62}$/, '用户名须为3–63位小写字母、数字或 . _ -');

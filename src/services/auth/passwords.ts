/**
 * 修改密码 / 重置密码. A password change ends every session of the person and, through the
 * access.changed control row, every socket of theirs on every node; whoever changed their own
 * password gets one new session back.
 */
import { eq } from 'drizzle-orm';
import type { PasswordChange } from '../../contract/accounts.js';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema.js';
import { passwordProblems } from '../../domain/password-policy.js';
import { mayResetPassword } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { randomToken } from '../ids.js';
import { endSessions } from './access-changes.js';
import { openSession } from './login.js';
import { loginSucceeded, reserveLoginAttempt } from './login-limits.js';
import { hashPassword, verifyPassword } from './password.js';
import { toPublicUser } from './user-view.js';

type UserRow = typeof users.$inferSelect;

/** Sets the hash, ends every session and socket of the person; one transaction. */
export async function replacePassword(tx: Database, at: Date, user: UserRow, hash: string, mustChange: boolean, actorId: string): Promise<UserRow> {
  const [updated] = await tx.update(users).set({ passwordHash: hash, mustChangePassword: mustChange }).where(eq(users.id, user.id)).returning();
  await endSessions(tx, at, { userId: user.id, reason: 'password_changed', jurisdictionId: user.jurisdictionId, actorId });
  return updated!;
}

/**
 * The person's own change: the current password first, then the policy. Guesses of the current
 * password count under the login limits, as a source of their own (this session), so a borrowed
 * session cannot try passwords without end.
 */
export async function changeOwnPassword(services: Services, actor: Actor, input: PasswordChange, address: string) {
  if (actor.scopes) throw forbidden('服务账号没有密码');
  const now = services.clock();
  const [user] = await services.db.select().from(users).where(eq(users.id, actor.id));
  if (!user || !user.active) throw notFound('用户');
  const source = { username: user.username, address, deviceId: `session-${actor.sessionId}` };
  const reserved = await reserveLoginAttempt(services.db, source, now);
  if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
    throw invalid('当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
  await loginSucceeded(services.db, source, reserved, now);
  const problems = passwordProblems(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword) problems.push('新密码不能与当前密码相同');
  if (problems.length) throw invalid(problems.join('；'), problems.map((message) => ({ field: 'newPassword', message })));
  const hash = await hashPassword(input.newPassword);
  return services.db.transaction(async (tx) => {
    const updated = await replacePassword(tx, now, user, hash, false, actor.id);
    const session = await openSession(tx, user.id, now);
    return { ...session, user: toPublicUser(updated) };
  });
}

/** A one-time password: 16 random characters, well past the policy's length. */
export function oneTimePassword(): string {
  return randomToken(12);
}

/** An administrator's reset: a one-time password, to be changed at the next login. */
export async function resetPassword(services: Services, actor: Actor, userId: string) {
  const [user] = await services.db.select().from(users).where(eq(users.id, userId));
  if (!user || user.serviceAccount) throw notFound('用户');
  if (!mayResetPassword(actor, user)) throw actor.role === 'admin' || actor.role === 'jurisdiction_admin' ? notFound('用户') : forbidden('只有管理员可以重置密码');
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  await services.db.transaction((tx) => replacePassword(tx, services.clock(), user, hash, true, actor.id));
  return { userId: user.id, username: user.username, oneTimePassword: password };
}

/**
 * 登录: reserves the attempt under the login limits (src/domain/login-limits.ts), checks the
 * password, opens a session and hands the browser a device cookie for this account.
 */
import { eq } from 'drizzle-orm';
import { loginFailures, sessions, users } from '../../db/schema.js';
import type { Database } from '../../db/client.js';
import type { Services } from '../context.js';
import { DomainError, forbidden } from '../errors.js';
import { newId, sha256Hex } from '../ids.js';
import { newSessionToken } from './api-keys.js';
import { deviceOf, issueDeviceCookie } from './device-cookie.js';
import { loginSucceeded, reserveLoginAttempt, takeBackWhenPossible } from './login-limits.js';
import { decoyHash, verifyPassword } from './password.js';
import { toPublicUser, type PublicUser } from './user-view.js';

export const SESSION_HOURS = 12;

export interface LoginInput {
  username: string;
  password: string;
  /** The client's address, as src/api/client-address.ts decides it. */
  address: string;
  /** The browser's device cookie, if it sent one. */
  deviceCookie?: string;
}

export interface LoginResult {
  token: string;
  user: PublicUser;
  expiresAt: Date;
  /** An administrator reset the password: the person must change it before anything else. */
  mustChangePassword: boolean;
  /** The device cookie to set: this browser is now known-good for the account. */
  deviceCookie: string;
}

export async function logIn(services: Services, input: LoginInput): Promise<LoginResult> {
  const { db } = services;
  const now = services.clock();
  const username = input.username.trim().toLowerCase();
  const deviceId = deviceOf(services.links.secret, input.deviceCookie, username);
  const source = { username, address: input.address, deviceId };
  const reserved = await reserveLoginAttempt(db, source, now);

  let user: typeof users.$inferSelect;
  try {
    const [found] = await db.select().from(users).where(eq(users.username, username));
    // A service account has no password: it is as unknown here as a name nobody has.
    const known = found && !found.serviceAccount ? found : undefined;
    const ok = known && known.active ? await verifyPassword(input.password, known.passwordHash) : (await verifyPassword(input.password, await decoyHash()), false);
    if (!known || !ok) {
      // The reservation stays counted; this row is the audit trail.
      await db.insert(loginFailures).values({ username, address: input.address, at: now });
      throw new DomainError('unauthenticated', '用户名或密码错误 (wrong username or password)');
    }
    user = known;
    await loginSucceeded(db, source, reserved, now);
  } catch (err) {
    // Not a wrong password (the database failed mid-login): the attempt must not count as one.
    if (!(err instanceof DomainError && err.kind === 'unauthenticated')) takeBackWhenPossible(db, reserved);
    throw err;
  }
  // Told only to whoever knows the password: the published demo password opens nothing in production.
  if (user.demo && services.demoLogin === false) throw forbidden('演示账号不能在正式环境中登录，请使用管理员为您创建的账号 (demo accounts are refused in production)');
  const { token, expiresAt } = await openSession(db, user.id, now);
  return {
    token,
    user: toPublicUser(user),
    expiresAt,
    mustChangePassword: user.mustChangePassword,
    deviceCookie: issueDeviceCookie(services.links.secret, username, deviceId ?? undefined).value,
  };
}

/** A new session for the user: the bearer token (only its hash is stored) and when it ends. */
export async function openSession(db: Database, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.insert(sessions).values({ id: newId('ses'), tokenHash: await sha256Hex(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * 登录: reserves the attempt under the login limits (src/domain/login-limits.ts), checks the
 * password, opens a session and hands the browser a device cookie for this account.
 */
import { eq } from 'drizzle-orm';
import { loginFailures, sessions, users } from '../../db/schema.js';
import type { Services } from '../context.js';
import { DomainError } from '../errors.js';
import { newId, randomToken, sha256Hex } from '../ids.js';
import { deviceOf, issueDeviceCookie } from './device-cookie.js';
import { loginSucceeded, reserveLoginAttempt } from './login-limits.js';
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

  const [user] = await db.select().from(users).where(eq(users.username, username));
  const ok = user && user.active ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await decoyHash()), false);
  if (!user || !ok) {
    // The reservation stays counted; this row is the audit trail.
    await db.insert(loginFailures).values({ username, address: input.address, at: now });
    throw new DomainError('unauthenticated', '用户名或密码错误 (wrong username or password)');
  }

  await loginSucceeded(db, source, reserved, now);
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.insert(sessions).values({ id: newId('ses'), tokenHash: await sha256Hex(token), userId: user.id, createdAt: now, expiresAt });
  return { token, user: toPublicUser(user), expiresAt, deviceCookie: issueDeviceCookie(services.links.secret, username, deviceId ?? undefined).value };
}

/** 登录: checks the password, rate-limits guessing per username and per address, opens a session. */
import { and, eq, gt, or, sql } from 'drizzle-orm';
import { loginFailures, sessions, users } from '../../db/schema.js';
import type { Services } from '../context.js';
import { DomainError } from '../errors.js';
import { newId, randomToken, sha256Hex } from '../ids.js';
import { decoyHash, verifyPassword } from './password.js';
import { toPublicUser, type PublicUser } from './user-view.js';

export const SESSION_HOURS = 12;
const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_USERNAME = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

export interface LoginInput {
  username: string;
  password: string;
  address: string;
}

export async function logIn(services: Services, input: LoginInput): Promise<{ token: string; user: PublicUser; expiresAt: Date }> {
  const { db } = services;
  const now = services.clock();
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const username = input.username.trim().toLowerCase();

  const [recent] = await db
    .select({
      byUser: sql<number>`count(*) filter (where ${loginFailures.username} = ${username})`.mapWith(Number),
      byAddress: sql<number>`count(*) filter (where ${loginFailures.address} = ${input.address})`.mapWith(Number),
    })
    .from(loginFailures)
    .where(and(gt(loginFailures.at, since), or(eq(loginFailures.username, username), eq(loginFailures.address, input.address))));
  if ((recent?.byUser ?? 0) >= MAX_FAILURES_PER_USERNAME || (recent?.byAddress ?? 0) >= MAX_FAILURES_PER_ADDRESS)
    throw new DomainError('rate_limited', `登录失败次数过多，请${WINDOW_MINUTES}分钟后再试 (too many failed logins)`, [], {
      retryAfterSeconds: WINDOW_MINUTES * 60,
    });

  const [user] = await db.select().from(users).where(eq(users.username, username));
  const ok = user && user.active ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await decoyHash()), false);
  if (!user || !ok) {
    await db.insert(loginFailures).values({ username, address: input.address, at: now });
    throw new DomainError('unauthenticated', '用户名或密码错误 (wrong username or password)');
  }

  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  await db.insert(sessions).values({ id: newId('ses'), tokenHash: await sha256Hex(token), userId: user.id, createdAt: now, expiresAt });
  return { token, user: toPublicUser(user), expiresAt };
}

/** Resolves a bearer token to its actor, and revokes sessions (登出). */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { sessions, users } from '../../db/schema.js';
import type { Actor, Services } from '../context.js';
import { sha256Hex } from '../ids.js';
import { actorOf } from './user-view.js';

export async function authenticateToken(services: Services, token: string): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const now = services.clock();
  const [row] = await services.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, await sha256Hex(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row || !row.user.active) return null;
  return actorOf(row.user, row.session.id);
}

export async function revokeSession(services: Services, actor: Actor): Promise<void> {
  await services.db.update(sessions).set({ revokedAt: services.clock() }).where(eq(sessions.id, actor.sessionId));
}

/** Resolves a bearer token to its actor, and revokes sessions (登出). */
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';
import { readReconnecting } from '../../db/retry.js';
import type { Actor, Services } from '../context.js';
import { sha256Hex } from '../ids.js';
import { endSessions } from './access-changes.js';
import { actorOf } from './user-view.js';

/** Every request starts with this look-up: built once per database, not per request (drizzle's
 * build of the join costs more than running it). */
function prepareSessionLookup(db: Database) {
  return db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql.placeholder('now'))))
    .prepare('session_by_token');
}
const sessionLookups = new WeakMap<Database, ReturnType<typeof prepareSessionLookup>>();

export async function authenticateToken(services: Services, token: string): Promise<Actor | null> {
  if (!token || token.length > 200) return null;
  const now = services.clock();
  const tokenHash = await sha256Hex(token);
  let lookup = sessionLookups.get(services.db);
  if (!lookup) sessionLookups.set(services.db, (lookup = prepareSessionLookup(services.db)));
  // Every request starts here: the first after a database restart must not fail on a dead pooled connection.
  // (A placeholder is not mapped through its column, so the time goes as text.)
  const [row] = await readReconnecting(() => lookup.execute({ tokenHash, now: now.toISOString() }));
  if (!row || !row.user.active) return null;
  return actorOf(row.user, row.session.id);
}

/** 登出: the session ends, and with it every socket opened with it, on every node. */
export async function revokeSession(services: Services, actor: Actor): Promise<void> {
  const now = services.clock();
  await services.db.transaction((tx) =>
    endSessions(tx, now, { userId: actor.id, sessionId: actor.sessionId, reason: 'logout', jurisdictionId: actor.jurisdictionId, actorId: actor.id }),
  );
}

/** The current actors of many sessions at once (for the socket sweep); ended sessions are absent. */
export async function activeSessionActors(services: Services, sessionIds: string[]): Promise<Map<string, Actor>> {
  const found = new Map<string, Actor>();
  for (let i = 0; i < sessionIds.length; i += 1000) {
    const rows = await services.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(inArray(sessions.id, sessionIds.slice(i, i + 1000)), isNull(sessions.revokedAt), gt(sessions.expiresAt, services.clock()), eq(users.active, true)));
    for (const row of rows) found.set(row.session.id, actorOf(row.user, row.session.id));
  }
  return found;
}

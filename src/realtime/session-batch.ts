/**
 * Session look-ups for sockets in batches: the handshakes and `resume` re-checks that arrive within
 * a few milliseconds of each other (a reconnect storm) share one query instead of one each. Same
 * rule as authenticateToken: revoked, expired or deactivated sessions are absent.
 */
import { and, eq, gt, inArray, isNull } from 'drizzle-orm';
import { sessions, users } from '../db/schema.js';
import type { Actor, Services } from '../services/context.js';
import { activeSessionActors } from '../services/auth/sessions.js';
import { actorOf } from '../services/auth/user-view.js';
import { sha256Hex } from '../services/ids.js';

const WINDOW_MS = 5;

/** Collects keys for a few milliseconds, then loads them all with one call. */
class Batcher<V> {
  private waiting = new Map<string, ((value: V | null, err?: unknown) => void)[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly load: (keys: string[]) => Promise<Map<string, V>>) {}

  get(key: string): Promise<V | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key) ?? [];
      list.push((value, err) => (err ? reject(err) : resolve(value)));
      this.waiting.set(key, list);
      this.timer ??= setTimeout(() => void this.flush(), WINDOW_MS);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.timer = undefined;
    try {
      const found = await this.load([...batch.keys()]);
      for (const [key, callbacks] of batch) for (const done of callbacks) done(found.get(key) ?? null);
    } catch (err) {
      for (const callbacks of batch.values()) for (const done of callbacks) done(null, err);
    }
  }
}

/** The actors of many bearer tokens at once, keyed by token. */
async function actorsByTokens(services: Services, tokens: string[]): Promise<Map<string, Actor>> {
  const byHash = new Map<string, string>();
  for (const token of tokens) byHash.set(await sha256Hex(token), token);
  const rows = await services.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(inArray(sessions.tokenHash, [...byHash.keys()]), isNull(sessions.revokedAt), gt(sessions.expiresAt, services.clock()), eq(users.active, true)));
  return new Map(rows.map((row) => [byHash.get(row.session.tokenHash)!, actorOf(row.user, row.session.id)]));
}

export class SessionBatch {
  private readonly bySession: Batcher<Actor>;
  private readonly byToken: Batcher<Actor>;

  constructor(services: Services) {
    this.bySession = new Batcher((ids) => activeSessionActors(services, ids));
    this.byToken = new Batcher((tokens) => actorsByTokens(services, tokens));
  }

  /** The session's current actor, or null when it has ended. */
  actorOf(sessionId: string): Promise<Actor | null> {
    return this.bySession.get(sessionId);
  }

  /** The bearer token's actor (as authenticateToken), or null. */
  actorOfToken(token: string): Promise<Actor | null> {
    if (!token || token.length > 200) return Promise.resolve(null);
    return this.byToken.get(token);
  }
}

/**
 * Session look-ups for sockets in batches: the handshakes (by token) and `resume` re-checks (by
 * session id) that arrive close together share one query. The wait adapts to the load
 * (./adaptive-window.ts): a lone handshake waits 5 ms, a reconnect storm up to a second, so
 * a thousand sockets cost a handful of queries. Same rule as authenticateToken: revoked, expired
 * or deactivated sessions are absent. Every answer is read after its request arrived.
 */
import { and, eq, gt, inArray, isNull, or } from 'drizzle-orm';
import { sessions, users } from '../db/schema.js';
import type { Actor, Services } from '../services/context.js';
import { actorOf } from '../services/auth/user-view.js';
import { sha256Hex } from '../services/ids.js';
import { AdaptiveWindow } from './adaptive-window.js';

/** At most this many keys per query; a bigger batch is read in several. */
const KEYS_PER_QUERY = 1000;

type Key = `t:${string}` | `s:${string}`;
type Waiter = (value: Actor | null, err?: unknown) => void;

export class SessionBatch {
  private waiting = new Map<Key, Waiter[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly window = new AdaptiveWindow();

  constructor(private readonly services: Services) {}

  /** The session's current actor, or null when it has ended. */
  actorOf(sessionId: string): Promise<Actor | null> {
    return this.get(`s:${sessionId}`);
  }

  /** The bearer token's actor (as authenticateToken), or null. */
  actorOfToken(token: string): Promise<Actor | null> {
    if (!token || token.length > 200) return Promise.resolve(null);
    return this.get(`t:${token}`);
  }

  private get(key: Key): Promise<Actor | null> {
    this.window.arrived();
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(key) ?? [];
      list.push((value, err) => (err ? reject(err) : resolve(value)));
      this.waiting.set(key, list);
      this.timer ??= setTimeout(() => void this.flush(), this.window.waitMs());
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.timer = undefined;
    const keys = [...batch.keys()];
    try {
      const found = new Map<Key, Actor>();
      for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) for (const [k, v] of await this.load(keys.slice(i, i + KEYS_PER_QUERY))) found.set(k, v);
      for (const [key, callbacks] of batch) for (const done of callbacks) done(found.get(key) ?? null);
    } catch (err) {
      for (const callbacks of batch.values()) for (const done of callbacks) done(null, err);
    }
  }

  /** Tokens and session ids in one query, answered by the key each was asked with. */
  private async load(keys: Key[]): Promise<Map<Key, Actor>> {
    const tokenOfHash = new Map<string, string>();
    const sessionIds = new Set<string>();
    for (const key of keys)
      if (key.startsWith('t:')) tokenOfHash.set(await sha256Hex(key.slice(2)), key.slice(2));
      else sessionIds.add(key.slice(2));
    const wanted = [
      tokenOfHash.size > 0 ? inArray(sessions.tokenHash, [...tokenOfHash.keys()]) : undefined,
      sessionIds.size > 0 ? inArray(sessions.id, [...sessionIds]) : undefined,
    ];
    const rows = await this.services.db
      .select({ session: sessions, user: users })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(or(...wanted), isNull(sessions.revokedAt), gt(sessions.expiresAt, this.services.clock()), eq(users.active, true)));
    const found = new Map<Key, Actor>();
    for (const { session, user } of rows) {
      const actor = actorOf(user, session.id);
      const token = tokenOfHash.get(session.tokenHash);
      if (token !== undefined) found.set(`t:${token}`, actor);
      if (sessionIds.has(session.id)) found.set(`s:${session.id}`, actor);
    }
    return found;
  }
}

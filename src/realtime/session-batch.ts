/**
 * Re-checks sessions for `resume` in batches: the calls that arrive within a few milliseconds of
 * each other (a reconnect storm) share one query instead of one each. Same rule as
 * authenticateToken: revoked, expired or deactivated sessions are absent.
 */
import type { Actor, Services } from '../services/context.js';
import { activeSessionActors } from '../services/auth/sessions.js';

const WINDOW_MS = 5;

export class SessionBatch {
  private waiting = new Map<string, ((actor: Actor | null, err?: unknown) => void)[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {}

  /** The session's current actor, or null when it has ended. */
  actorOf(sessionId: string): Promise<Actor | null> {
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(sessionId) ?? [];
      list.push((actor, err) => (err ? reject(err) : resolve(actor)));
      this.waiting.set(sessionId, list);
      this.timer ??= setTimeout(() => void this.flush(), WINDOW_MS);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.timer = undefined;
    try {
      const found = await activeSessionActors(this.services, [...batch.keys()]);
      for (const [id, callbacks] of batch) for (const done of callbacks) done(found.get(id) ?? null);
    } catch (err) {
      for (const callbacks of batch.values()) for (const done of callbacks) done(null, err);
    }
  }
}

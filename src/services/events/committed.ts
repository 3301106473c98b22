/**
 * Hands the events a transaction appended to this node's listeners once it has committed, so the
 * local relay emits them at once instead of waiting for NOTIFY and reading them back. Only
 * transactions that commit are announced (a rolled-back or failed attempt is not), and an
 * announcement is a hint: the relay still reads the log for whatever it cannot prove complete.
 */
import type { Database } from '../../db/client.js';
import type { StoredEvent } from './append.js';
import { logger } from '../../observability/logger.js';

/** `committedAt`: when the commit returned (epoch ms, sub-millisecond), before any listener ran. */
export type CommitListener = (events: StoredEvent[], committedAt: number) => void;

/** The events appended so far by each open transaction of an announcing database. */
const appendedIn = new WeakMap<object, StoredEvent[]>();

/** Called by appendEvents: notes rows appended in `tx` (nothing when `tx` is no announced transaction). */
export function noteAppended(tx: Database, rows: StoredEvent[]): void {
  appendedIn.get(tx)?.push(...rows);
}

export interface CommittedEvents {
  /** Adds a listener; returns its removal. */
  listen(listener: CommitListener): () => void;
}

/** Makes `db.transaction` announce the events each committed transaction appended. */
export function announceCommits(db: Database): CommittedEvents {
  const listeners = new Set<CommitListener>();
  const transaction = db.transaction.bind(db);
  const announcing = async (...[work, config]: Parameters<typeof transaction>) => {
    let appended: StoredEvent[] = [];
    const result = await transaction(async (tx) => {
      // A retried attempt starts afresh: what an earlier attempt appended rolled back.
      appended = [];
      appendedIn.set(tx, appended);
      return work(tx);
    }, config);
    const committedAt = performance.timeOrigin + performance.now();
    if (appended.length > 0)
      for (const listener of listeners)
        try {
          listener(appended, committedAt);
        } catch (err) {
          // The write has committed; its events still go out by the log.
          logger.error({ err }, 'a commit listener failed');
        }
    return result;
  };
  db.transaction = announcing as typeof db.transaction;
  return {
    listen(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

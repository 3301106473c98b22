/**
 * A transaction that loses a serialization conflict (40001) or is chosen as a deadlock victim
 * (40P01) did nothing, so it is run again, a few times, after a short random pause. So is one
 * whose pooled connection turned out dead before its work began (the database restarted since
 * the connection was last used): nothing was sent, and the pool connects afresh. A connection
 * lost once the work began is never retried here: whether it committed is unknown. If it still
 * fails, the error reaches HTTP, which answers 503 with Retry-After (see api/problem.ts).
 */
import type { Database } from './client.js';

export const CONFLICT_CODES = ['40001', '40P01'] as const;
export const TRANSACTION_ATTEMPTS = 4;

/** A serialization failure or deadlock, as thrown by postgres.js, PGlite or drizzle around them. */
export function isTransactionConflict(err: unknown): boolean {
  return hasCode(err, CONFLICT_CODES);
}

/** Whether the error, or one it wraps (drizzle wraps the driver's), carries one of these codes. */
function hasCode(err: unknown, codes: readonly string[]): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++)
    if (typeof e.code === 'string' && codes.includes(e.code)) return true;
  return false;
}

/**
 * A prepared statement whose table changed under it (a migration by a newer node during a rolling
 * deploy): PostgreSQL refuses it once ("cached plan must not change result type"), postgres.js
 * forgets it, and the transaction it aborted did nothing, so running it again is safe.
 */
export function isStalePreparedStatement(err: unknown): boolean {
  for (let e = err as { routine?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++)
    if (e.routine === 'RevalidateCachedQuery' || e.routine === 'FetchPreparedStatement') return true;
  return false;
}

/** postgres.js's codes for a connection that is gone, and PostgreSQL's for a terminated backend. */
const CONNECTION_LOST = ['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'ECONNRESET', 'EPIPE', '57P01'];

export function isConnectionLost(err: unknown): boolean {
  return hasCode(err, CONNECTION_LOST);
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));

/** Makes `db.transaction` retry conflicts; every use case's transaction goes through it. */
export function retryConflicts(db: Database, attempts = TRANSACTION_ATTEMPTS): Database {
  const transaction = db.transaction.bind(db);
  const retrying = async (...args: Parameters<typeof transaction>) => {
    const [work, ...rest] = args;
    for (let attempt = 1; ; attempt++) {
      let began = false;
      try {
        return await transaction(async (tx) => {
          began = true;
          return work(tx);
        }, ...rest);
      } catch (err) {
        const safe = isTransactionConflict(err) || isStalePreparedStatement(err) || (!began && isConnectionLost(err));
        if (attempt >= attempts || !safe) throw err;
        await pause(attempt);
      }
    }
  };
  db.transaction = retrying as typeof db.transaction;
  return db;
}

/**
 * A read, run again once if its pooled connection turned out dead (the database restarted since
 * the connection was last used): reading twice changes nothing, and the pool connects afresh.
 */
export async function readReconnecting<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!isConnectionLost(err)) throw err;
    return read();
  }
}

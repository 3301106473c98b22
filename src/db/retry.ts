/**
 * A transaction that loses a serialization conflict (40001) or is chosen as a deadlock victim
 * (40P01) did nothing, so it is run again, a few times, after a short random pause. If it still
 * loses, the error reaches HTTP, which answers 503 with Retry-After (see api/problem.ts).
 */
import type { Database } from './client.js';

export const CONFLICT_CODES = ['40001', '40P01'] as const;
export const TRANSACTION_ATTEMPTS = 4;

/** A serialization failure or deadlock, as thrown by postgres.js, PGlite or drizzle around them. */
export function isTransactionConflict(err: unknown): boolean {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++)
    if (typeof e.code === 'string' && (CONFLICT_CODES as readonly string[]).includes(e.code)) return true;
  return false;
}

const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * 2 ** attempt));

/** Makes `db.transaction` retry conflicts; every use case's transaction goes through it. */
export function retryConflicts(db: Database, attempts = TRANSACTION_ATTEMPTS): Database {
  const transaction = db.transaction.bind(db);
  const retrying = async (...args: Parameters<typeof transaction>) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await transaction(...args);
      } catch (err) {
        if (attempt >= attempts || !isTransactionConflict(err)) throw err;
        await pause(attempt);
      }
    }
  };
  db.transaction = retrying as typeof db.transaction;
  return db;
}

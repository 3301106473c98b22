/**
 * `Idempotency-Key`: the first request with a key stores its answer in the same transaction as its
 * effect; a retry gets that answer back. A concurrent duplicate waits on the key's row lock and
 * then replays, so two identical submissions can never both take effect.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { idempotencyKeys } from '../db/schema.js';
import { DomainError } from './errors.js';
import { sha256Hex } from './ids.js';

export interface IdempotentOutcome<T> {
  status: number;
  body: T;
  replayed: boolean;
}

export async function requestFingerprint(body: unknown): Promise<string> {
  return sha256Hex(JSON.stringify(body));
}

/**
 * What an upload is compared by when retried: the file's bytes (their SHA-256) with the rest of the
 * request (route, path and query), so the same key with another file or name is a 409.
 */
export async function uploadFingerprint(bytes: Uint8Array, request: Record<string, unknown>): Promise<Record<string, unknown>> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return { ...request, sha256: [...digest].map((x) => x.toString(16).padStart(2, '0')).join('') };
}

/**
 * Runs `effect` inside `tx` unless the key was used before. Must be called inside a transaction:
 * the claim and the stored answer commit with the effect or not at all.
 */
export async function onceForKey<T>(
  tx: Database,
  userId: string,
  key: string | undefined,
  fingerprint: string,
  effect: () => Promise<{ status: number; body: T }>,
): Promise<IdempotentOutcome<T>> {
  if (!key) return { ...(await effect()), replayed: false };
  const claimed = await tx
    .insert(idempotencyKeys)
    .values({ userId, key, requestHash: fingerprint, status: 0, response: {} })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) return (await storedOutcome<T>(tx, userId, key, fingerprint))!;
  const outcome = await effect();
  await tx
    .update(idempotencyKeys)
    .set({ status: outcome.status, response: outcome.body as object })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return { ...outcome, replayed: false };
}

/**
 * The stored answer of an earlier request with this key, or null if there is none. A retry is
 * answered from here before checks that could now come out differently (the task has moved on,
 * its due time has passed): it must get the first answer, not a new verdict.
 */
export async function storedOutcome<T>(db: Database, userId: string, key: string | undefined, fingerprint: string): Promise<IdempotentOutcome<T> | null> {
  if (!key) return null;
  const [stored] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  if (!stored) return null;
  if (stored.requestHash !== fingerprint)
    throw new DomainError('conflict', 'Idempotency-Key 已用于另一份不同的提交 (key reused with a different body)', [
      { field: 'Idempotency-Key', message: '请为新的提交使用新的键 (use a new key for a new submission)' },
    ]);
  return { status: stored.status, body: stored.response as T, replayed: true };
}

/**
 * A create use case run once per `Idempotency-Key`: a retry gets the first answer before any check
 * runs again (a due time may have passed since), then `prepare` checks the input and returns the
 * write, which commits with the key's claim. `input` is what a retry is compared by: name the
 * route in it (as the later helpers do) so one key on two routes never replays the other's answer.
 */
export async function createOnce<T>(
  db: Database,
  userId: string,
  key: string | undefined,
  input: unknown,
  prepare: () => Promise<(tx: Database) => Promise<T>>,
  status = 201,
): Promise<IdempotentOutcome<T>> {
  const fingerprint = await requestFingerprint(input);
  const earlier = await storedOutcome<T>(db, userId, key, fingerprint);
  if (earlier) return earlier;
  const write = await prepare();
  return db.transaction((tx) => onceForKey(tx, userId, key, fingerprint, async () => ({ status, body: await write(tx) })));
}

/**
 * The login limits' counting, atomic in SQL: the scope rows of one attempt are created if absent
 * and locked (in key order, so attempts never deadlock), the pure policy decides, and the
 * reservation is written before the lock is released — so of concurrent guesses only as many as
 * the policy allows reach the password check.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { loginLimits } from '../../db/schema.js';
import {
  afterSuccess,
  combine,
  KNOWN_ADDRESS_DAYS,
  LOGIN_LIMITS,
  reserveAttempt,
  scopesFor,
  takeBackAttempt,
  type LimitCounter,
  type LimitScope,
} from '../../domain/login-limits.js';
import { DomainError } from '../errors.js';
import { waitWords } from '../../contract/words.js';

export interface LoginSource {
  username: string;
  address: string;
  /** From a valid device cookie for this account. */
  deviceId: string | null;
}

export interface ScopeKey {
  scope: LimitScope;
  key: string;
}

const addressSourceKey = (s: LoginSource) => `s:${s.username}:a:${s.address}`;
const sourceKey = (s: LoginSource) => (s.deviceId ? `s:${s.username}:d:${s.deviceId}` : addressSourceKey(s));

function keysOf(source: LoginSource, known: boolean): ScopeKey[] {
  const all: Record<LimitScope, string> = { source: sourceKey(source), account: `u:${source.username}`, address: `a:${source.address}` };
  return scopesFor(known)
    .map((scope) => ({ scope, key: all[scope] }))
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

async function lockRows(tx: Database, keys: ScopeKey[]) {
  await tx
    .insert(loginLimits)
    .values(keys.map((k) => ({ key: k.key })))
    .onConflictDoNothing();
  const rows = await tx
    .select()
    .from(loginLimits)
    .where(inArray(loginLimits.key, keys.map((k) => k.key)))
    .orderBy(asc(loginLimits.key))
    .for('update');
  return new Map(rows.map((r) => [r.key, r]));
}

/** Reserves one attempt in every scope that limits this source, or refuses with 429 and Retry-After. */
export async function reserveLoginAttempt(db: Database, source: LoginSource, now: Date): Promise<ScopeKey[]> {
  return db.transaction(async (tx) => {
    const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
    const [byAddress] = source.deviceId
      ? [{ succeededAt: now }]
      : await tx.select({ succeededAt: loginLimits.succeededAt }).from(loginLimits).where(eq(loginLimits.key, addressSourceKey(source)));
    const keys = keysOf(source, !!byAddress?.succeededAt && byAddress.succeededAt > knownSince);
    const rows = await lockRows(tx, keys);
    const reservations = keys.map((k) => {
      const row = rows.get(k.key)!;
      return { k, r: reserveAttempt(row, LOGIN_LIMITS[k.scope], now) };
    });
    const decision = combine(reservations.map((x) => x.r));
    if (!decision.allowed)
      throw new DomainError('rate_limited', `登录失败次数过多，请${waitWords(decision.retryAfterSeconds)}后再试 (too many failed logins)`, [], {
        retryAfterSeconds: decision.retryAfterSeconds,
      });
    for (const { k, r } of reservations) if (r.allowed) await write(tx, k.key, r.next);
    return keys;
  });
}

/** A correct password: the reservation is undone, and this address (and device) become known-good. */
export async function loginSucceeded(db: Database, source: LoginSource, keys: ScopeKey[], now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const known = [...new Set([addressSourceKey(source), sourceKey(source)])].map((key) => ({ scope: 'source' as const, key }));
    const all = [...keys, ...known.filter((k) => !keys.some((x) => x.key === k.key))].sort((a, b) => (a.key < b.key ? -1 : 1));
    const rows = await lockRows(tx, all);
    for (const k of all) {
      const row = rows.get(k.key)!;
      const reserved = keys.some((x) => x.key === k.key);
      const next = reserved ? afterSuccess(row, k.scope, LOGIN_LIMITS[k.scope]) : row;
      await write(tx, k.key, next, k.scope === 'source' ? now : undefined);
    }
  });
}

/** The attempt's outcome was never known: it is taken back in every scope it was counted in. */
export async function loginUndecided(db: Database, keys: ScopeKey[]): Promise<void> {
  await db.transaction(async (tx) => {
    const rows = await lockRows(tx, keys);
    for (const k of keys) await write(tx, k.key, takeBackAttempt(rows.get(k.key)!, LOGIN_LIMITS[k.scope]));
  });
}

/** Takes the attempt back once the database answers again (bounded: about a minute and a half of retries). */
export function takeBackWhenPossible(db: Database, keys: ScopeKey[]): void {
  let tries = 0;
  const run = () =>
    void loginUndecided(db, keys).catch(() => {
      if (++tries > 8) return;
      const timer = setTimeout(run, Math.min(30_000, 500 * 2 ** tries)) as unknown as { unref?: () => void };
      timer.unref?.();
    });
  run();
}

async function write(tx: Database, key: string, c: LimitCounter, succeededAt?: Date) {
  await tx
    .update(loginLimits)
    .set({ failures: c.failures, lastAttemptAt: c.lastAttemptAt, blockedUntil: c.blockedUntil, ...(succeededAt ? { succeededAt } : {}) })
    .where(and(eq(loginLimits.key, key)));
}


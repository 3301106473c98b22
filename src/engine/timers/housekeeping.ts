/**
 * Housekeeping on the engine's schedule: one due-timer row (`settings.housekeeping`, its next run
 * time) claimed FOR UPDATE SKIP LOCKED like every other timer, so exactly one node purges per
 * period: expired or revoked sessions, login failures past any rate-limit window, login-limit
 * counters that remember nothing any more, and Idempotency-Keys older than any client's retry.
 */
import { and, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { idempotencyKeys, loginFailures, loginLimits, sessions, settings } from '../../db/schema.js';
import { forgottenLoginLimitBounds } from '../../domain/login-limits.js';
import type { DueTimer } from '../due-timer.js';

const KEY = 'housekeeping';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const HOUSEKEEPING = {
  everyMs: HOUR,
  /** The login rate limit looks back 15 minutes; a day keeps recent guessing visible. */
  keepLoginFailuresMs: DAY,
  /** A phone offline for days still retries with its key; a week covers it. */
  keepIdempotencyKeysMs: 7 * DAY,
} as const;

export const housekeepingTimer: DueTimer<{ key: string }> = {
  name: 'housekeeping',
  async claimDue(tx, now) {
    const due = await tx
      .select({ key: settings.key })
      .from(settings)
      .where(and(eq(settings.key, KEY), sql`(${settings.value}->>'nextRunAt')::timestamptz <= ${now.toISOString()}::timestamptz`))
      .for('update', { skipLocked: true });
    if (due.length === 0) {
      // First sight of the schedule on this database: create it, due now (the next pass takes it).
      const [exists] = await tx.select({ key: settings.key }).from(settings).where(eq(settings.key, KEY));
      if (!exists) await tx.insert(settings).values({ key: KEY, value: { nextRunAt: now.toISOString() } }).onConflictDoNothing();
    }
    return due;
  },

  async fire(tx, _row, { now }) {
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const forgotten = forgottenLoginLimitBounds(now);
    const purged = {
      sessions: (await tx.delete(sessions).where(or(lt(sessions.expiresAt, now), isNotNull(sessions.revokedAt))).returning({ id: sessions.id })).length,
      loginFailures: (await tx.delete(loginFailures).where(lt(loginFailures.at, ago(HOUSEKEEPING.keepLoginFailuresMs))).returning({ id: loginFailures.id })).length,
      loginLimits: (
        await tx
          .delete(loginLimits)
          .where(
            and(
              or(isNull(loginLimits.lastAttemptAt), lt(loginLimits.lastAttemptAt, forgotten.lastAttemptBefore)),
              or(isNull(loginLimits.blockedUntil), lt(loginLimits.blockedUntil, forgotten.blockedBefore)),
              or(isNull(loginLimits.succeededAt), lt(loginLimits.succeededAt, forgotten.succeededBefore)),
            ),
          )
          .returning({ key: loginLimits.key })
      ).length,
      idempotencyKeys: (await tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, ago(HOUSEKEEPING.keepIdempotencyKeysMs))).returning({ key: idempotencyKeys.key })).length,
    };
    await tx
      .update(settings)
      .set({ value: { nextRunAt: new Date(now.getTime() + HOUSEKEEPING.everyMs).toISOString(), lastRunAt: now.toISOString(), purged: JSON.stringify(purged) } })
      .where(eq(settings.key, KEY));
    return [];
  },
};

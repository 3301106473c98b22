/**
 * Login limits (the OWASP "device cookie" pattern). Guessing is counted per scope:
 *
 * - `source`  one account from one address, or from one browser that logged in before (its
 *             signed device cookie);
 * - `account` one account from every source it has never logged in from;
 * - `address` one address against every account, for sources not known for the account.
 *
 * A source that logged in successfully before (device cookie, or an address with a success) is
 * limited by its own scope only, so failures made elsewhere never lock the real person out.
 * Each attempt is reserved before the password is checked (counted as a failure, undone on
 * success), so concurrent guesses cannot all be checked. Past the free attempts each further
 * one waits twice as long as the one before.
 */
export type LimitScope = 'source' | 'account' | 'address';

export interface LimitRule {
  /** Attempts before the first wait. */
  free: number;
  firstWaitSeconds: number;
  maxWaitSeconds: number;
  /** A quiet scope forgets its failures. */
  forgetAfterSeconds: number;
}

export const LOGIN_LIMITS: Record<LimitScope, LimitRule> = {
  source: { free: 5, firstWaitSeconds: 30, maxWaitSeconds: 15 * 60, forgetAfterSeconds: 60 * 60 },
  account: { free: 20, firstWaitSeconds: 60, maxWaitSeconds: 60 * 60, forgetAfterSeconds: 6 * 60 * 60 },
  address: { free: 30, firstWaitSeconds: 60, maxWaitSeconds: 60 * 60, forgetAfterSeconds: 6 * 60 * 60 },
};

/** How long a success keeps an address known-good for the account. */
export const KNOWN_ADDRESS_DAYS = 90;

export interface LimitCounter {
  failures: number;
  lastAttemptAt: Date | null;
  blockedUntil: Date | null;
}

export type Reservation = { allowed: true; next: LimitCounter } | { allowed: false; retryAfterSeconds: number };

/** One attempt against one scope: refused while a wait runs, else counted (and a wait set past the free ones). */
export function reserveAttempt(counter: LimitCounter, rule: LimitRule, now: Date): Reservation {
  if (counter.blockedUntil && counter.blockedUntil > now)
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((counter.blockedUntil.getTime() - now.getTime()) / 1000)) };
  const quiet = !counter.lastAttemptAt || now.getTime() - counter.lastAttemptAt.getTime() > rule.forgetAfterSeconds * 1000;
  const failures = (quiet ? 0 : counter.failures) + 1;
  const blockedUntil = failures >= rule.free ? new Date(now.getTime() + waitSeconds(failures - rule.free, rule) * 1000) : null;
  return { allowed: true, next: { failures, lastAttemptAt: now, blockedUntil } };
}

/** The wait after the free attempts: first, then doubled each time, capped. */
export function waitSeconds(beyondFree: number, rule: LimitRule): number {
  return Math.min(rule.maxWaitSeconds, rule.firstWaitSeconds * 2 ** Math.min(beyondFree, 30));
}

/** A correct password: its own source starts afresh; a shared scope only takes back this attempt. */
export function afterSuccess(counter: LimitCounter, scope: LimitScope, rule: LimitRule): LimitCounter {
  if (scope === 'source') return { failures: 0, lastAttemptAt: counter.lastAttemptAt, blockedUntil: null };
  return takeBackAttempt(counter, rule);
}

/**
 * One attempt taken back: a correct password on a shared scope, or an attempt whose outcome was
 * never known (the database failed mid-login) — an outage must not count as guessing.
 */
export function takeBackAttempt(counter: LimitCounter, rule: LimitRule): LimitCounter {
  const failures = Math.max(0, counter.failures - 1);
  return { failures, lastAttemptAt: counter.lastAttemptAt, blockedUntil: failures >= rule.free ? counter.blockedUntil : null };
}

/** Which scopes limit an attempt: a known source only its own; an unknown one all three. */
export function scopesFor(knownSource: boolean): LimitScope[] {
  return knownSource ? ['source'] : ['source', 'account', 'address'];
}

/** All scopes must allow the attempt; the longest wait is the one reported. */
export function combine(reservations: Reservation[]): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
  const refused = reservations.filter((r): r is Extract<Reservation, { allowed: false }> => !r.allowed);
  if (refused.length === 0) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(...refused.map((r) => r.retryAfterSeconds)) };
}

/**
 * A counter row that remembers nothing any more can go: its failures are forgotten (quiet past
 * the longest window), no wait runs, and its last success no longer makes the source known.
 * Rows older than these bounds in every respect are purged by housekeeping.
 */
export function forgottenLoginLimitBounds(now: Date): { lastAttemptBefore: Date; blockedBefore: Date; succeededBefore: Date } {
  const longestForget = Math.max(...Object.values(LOGIN_LIMITS).map((r) => r.forgetAfterSeconds)) * 1000;
  return {
    lastAttemptBefore: new Date(now.getTime() - longestForget),
    blockedBefore: now,
    succeededBefore: new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000),
  };
}

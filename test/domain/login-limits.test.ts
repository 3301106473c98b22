import { describe, expect, it } from 'vitest';
import { afterSuccess, combine, LOGIN_LIMITS, reserveAttempt, scopesFor, takeBackAttempt, waitSeconds, type LimitCounter } from '../../src/domain/login-limits.js';

const fresh: LimitCounter = { failures: 0, lastAttemptAt: null, blockedUntil: null };
const t0 = new Date('2026-12-02T08:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);

function attempts(n: number, rule = LOGIN_LIMITS.source, now = t0) {
  let c = fresh;
  const results = [];
  for (let i = 0; i < n; i++) {
    const r = reserveAttempt(c, rule, now);
    results.push(r);
    if (r.allowed) c = r.next;
  }
  return { counter: c, results };
}

describe('login limits', () => {
  it('five attempts from one source go through; the sixth at once waits', () => {
    const { results } = attempts(6);
    expect(results.slice(0, 5).every((r) => r.allowed)).toBe(true);
    expect(results[5]).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('each attempt past the free ones waits twice as long as the one before, up to the cap', () => {
    let { counter } = attempts(5);
    const waits: number[] = [];
    let now = t0;
    for (let i = 0; i < 8; i++) {
      now = counter.blockedUntil!;
      const r = reserveAttempt(counter, LOGIN_LIMITS.source, now);
      if (!r.allowed) throw new Error('refused after the wait');
      counter = r.next;
      waits.push((counter.blockedUntil!.getTime() - now.getTime()) / 1000);
    }
    expect(waits).toEqual([60, 120, 240, 480, 900, 900, 900, 900]);
    expect(waitSeconds(100, LOGIN_LIMITS.source)).toBe(900);
  });

  it('a quiet source forgets its failures', () => {
    const { counter } = attempts(4);
    const later = reserveAttempt(counter, LOGIN_LIMITS.source, at(LOGIN_LIMITS.source.forgetAfterSeconds + 1));
    expect(later.allowed && later.next.failures).toBe(1);
  });

  it('a correct password clears its own source, and gives back only its own attempt to shared scopes', () => {
    const { counter } = attempts(5);
    expect(afterSuccess(counter, 'source', LOGIN_LIMITS.source)).toMatchObject({ failures: 0, blockedUntil: null });
    const shared = attempts(25, LOGIN_LIMITS.account).counter;
    expect(afterSuccess(shared, 'account', LOGIN_LIMITS.account)).toMatchObject({ failures: 19, blockedUntil: null });
    const busier = { ...shared, failures: 30 };
    expect(afterSuccess(busier, 'account', LOGIN_LIMITS.account).blockedUntil).toEqual(shared.blockedUntil);
  });

  it('a known source is limited by its own scope only; an unknown one also by the account and the address', () => {
    expect(scopesFor(true)).toEqual(['source']);
    expect(scopesFor(false)).toEqual(['source', 'account', 'address']);
  });

  it('every scope must allow; the longest wait is reported', () => {
    expect(combine([{ allowed: true, next: fresh }, { allowed: false, retryAfterSeconds: 30 }, { allowed: false, retryAfterSeconds: 90 }])).toEqual({
      allowed: false,
      retryAfterSeconds: 90,
    });
    expect(combine([{ allowed: true, next: fresh }])).toEqual({ allowed: true });
  });

  it('takes back an attempt whose outcome was never known (the database failed mid-login): an outage never blocks a person', () => {
    const rule = LOGIN_LIMITS.source;
    // Attempts that each reserved and then met a dead database: without taking them back the next is refused.
    const { counter } = attempts(rule.free, rule);
    expect(reserveAttempt(counter, rule, t0).allowed).toBe(false);
    let c = counter;
    for (let i = 0; i < rule.free; i++) c = takeBackAttempt(c, rule);
    expect(c).toMatchObject({ failures: 0, blockedUntil: null });
    expect(reserveAttempt(c, rule, t0).allowed).toBe(true);
    expect(takeBackAttempt(fresh, rule).failures).toBe(0);
  });
});

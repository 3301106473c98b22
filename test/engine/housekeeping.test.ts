/**
 * Housekeeping runs as a due-timer of the engine, on an injected clock: it purges expired and
 * revoked sessions, login failures older than a day, login-limit counters that remember nothing
 * any more and Idempotency-Keys older than a week, keeps everything younger, and is not due again
 * until its period has passed.
 */
import { count, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, loginFailures, loginLimits, sessions } from '../../src/db/schema.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ fixedClock: new Date('2026-11-23T01:00:00Z'), manualEngine: true });
});
afterAll(async () => server?.close());

async function rows() {
  const db = server.services.db;
  const [s] = await db.select({ n: count() }).from(sessions);
  const [f] = await db.select({ n: count() }).from(loginFailures);
  const [k] = await db.select({ n: count() }).from(idempotencyKeys);
  return { sessions: s!.n, loginFailures: f!.n, idempotencyKeys: k!.n };
}

async function housekeep(): Promise<number> {
  let total = 0;
  // The first pass on a new database creates the schedule (due at once); the next one takes it.
  for (let i = 0; i < 2; i++) total += (await server.engine.tick()).housekeeping;
  return total;
}

describe('housekeeping on the engine schedule', () => {
  it('keeps what is young, purges what is old, once per period', async () => {
    const duty = await server.login('duty');
    const revoked = await server.login('commander');
    expect((await server.request('POST', '/api/v1/auth/logout', { token: revoked })).status).toBeLessThan(300);
    await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty', password: 'not-the-password' } });
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '清理测试' }), headers: { 'idempotency-key': 'housekeeping-0001' } });
    expect(filed.status).toBe(201);

    expect(await housekeep()).toBe(1);
    // The revoked session is gone; the live one, the fresh failure and the fresh key stay.
    expect(await rows()).toEqual({ sessions: 1, loginFailures: 1, idempotencyKeys: 1 });
    expect((await server.request('GET', '/api/v1/auth/me', { token: duty })).status).toBe(200);
    // Not due again within the hour.
    server.clock!.advance(30 * 60_000);
    expect((await server.engine.tick()).housekeeping).toBe(0);

    // Eight days later: the session has expired, the failure and the key are past their keeping.
    // (Idempotency-Keys are stamped by the database's clock, which runs on real time.)
    server.clock!.advance(Math.max(0, Date.now() - server.clock!.now.getTime()) + 8 * 24 * 3_600_000);
    expect((await server.engine.tick()).housekeeping).toBe(1);
    expect(await rows()).toEqual({ sessions: 0, loginFailures: 0, idempotencyKeys: 0 });
    // The counters still remember the successful logins (a known-good source for 90 days).
    const limitRows = async () => (await server.services.db.select({ n: count() }).from(loginLimits))[0]!.n;
    expect(await limitRows()).toBeGreaterThan(0);

    // Ninety-one days on, a guesser is blocked right now: the counters of that guessing stay, every forgotten one goes.
    server.clock!.advance(91 * 24 * 3_600_000);
    for (let i = 0; i < 6; i++) await server.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: `guess-${i}` } });
    const blocked = await server.services.db.select({ key: loginLimits.key }).from(loginLimits).where(gt(loginLimits.blockedUntil, server.clock!.now));
    expect(blocked.length).toBeGreaterThan(0);
    expect((await server.engine.tick()).housekeeping).toBe(1);
    const left = await server.services.db.select({ key: loginLimits.key }).from(loginLimits);
    const recent = await server.services.db.select({ key: loginLimits.key }).from(loginLimits).where(gt(loginLimits.lastAttemptAt, new Date(server.clock!.now.getTime() - 60_000)));
    expect(left.map((r) => r.key).sort()).toEqual(recent.map((r) => r.key).sort());
    expect(left.map((r) => r.key)).toEqual(expect.arrayContaining(blocked.map((r) => r.key)));
    expect(left.some((r) => r.key.includes('duty') || r.key.includes('commander'))).toBe(false);
  });
});

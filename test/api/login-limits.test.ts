/**
 * Login limits over HTTP: concurrent guesses cannot all be checked, and someone else's guessing
 * never locks the real person out of a browser or an address they logged in from before.
 * The server trusts 127.0.0.1 as its proxy, so X-Forwarded-For plays the client's address.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginFailures } from '../../src/db/schema.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { trustedProxies: '127.0.0.1,::1' } });
});
afterAll(async () => server?.close());

function login(username: string, password: string, from: string, deviceCookie?: string) {
  return fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from, ...(deviceCookie ? { cookie: deviceCookie } : {}) },
    body: JSON.stringify({ username, password }),
  });
}

const deviceCookieOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .find((c) => c.startsWith('lianfang_device='))
    ?.split(';')[0];

describe('login limits', () => {
  it('100 concurrent wrong passwords for one account: at most the five allowed are checked, the rest get 429 with Retry-After', async () => {
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => login('duty.guangdong', `wrong-${i}`, '198.51.100.50')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(95);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    const checked = await server.services.db.select().from(loginFailures).where(eq(loginFailures.username, 'duty.guangdong'));
    expect(checked.length).toBeLessThanOrEqual(5);
  }, 90_000);

  it('someone else’s guessing does not lock out the commander on a browser or address that logged in before', async () => {
    const first = await login('commander.licheng', DEMO_PASSWORD, '198.51.100.7');
    expect(first.status).toBe(200);
    const device = deviceCookieOf(first)!;
    expect(device).toBeTruthy();
    expect(first.headers.getSetCookie().find((c) => c.startsWith('lianfang_device='))).toMatch(/HttpOnly/i);

    // An attacker from many addresses: each address is stopped after five, the account after twenty.
    for (let a = 1; a <= 6; a++)
      await Promise.all(Array.from({ length: 6 }, (_, i) => login('commander.licheng', `guess-${a}-${i}`, `203.0.113.${a}`)));
    const attacker = await login('commander.licheng', DEMO_PASSWORD, '203.0.113.1');
    expect(attacker.status).toBe(429);
    // An address never used with this account is held back even with the right password.
    expect((await login('commander.licheng', DEMO_PASSWORD, '192.0.2.99')).status).toBe(429);

    // The real person: the browser that logged in before, even from a new address…
    expect((await login('commander.licheng', DEMO_PASSWORD, '192.0.2.100', device)).status).toBe(200);
    // …and the address that logged in before, without the cookie.
    expect((await login('commander.licheng', DEMO_PASSWORD, '198.51.100.7')).status).toBe(200);
  });

  it('a device cookie vouches only for the account it was issued for, and a forged one for nothing', async () => {
    const issued = deviceCookieOf(await login('commander.anji', DEMO_PASSWORD, '198.51.100.8'))!;
    for (let i = 0; i < 5; i++) await login('duty.anji', `guess-${i}`, '198.51.100.9');
    expect((await login('duty.anji', DEMO_PASSWORD, '198.51.100.9', issued)).status).toBe(429);
    const forged = issued.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    for (let i = 0; i < 5; i++) await login('commander.anji', `guess-${i}`, '198.51.100.10', forged);
    expect((await login('commander.anji', DEMO_PASSWORD, '198.51.100.10', forged)).status).toBe(429);
  });

  it('the device’s own guesses are limited too', async () => {
    const device = deviceCookieOf(await login('duty.ningde', DEMO_PASSWORD, '198.51.100.11'))!;
    for (let i = 0; i < 5; i++) expect((await login('duty.ningde', `guess-${i}`, '198.51.100.11', device)).status).toBe(401);
    expect((await login('duty.ningde', DEMO_PASSWORD, '198.51.100.11', device)).status).toBe(429);
  });
});

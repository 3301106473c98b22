import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('logging in', () => {
  it('a demo duty officer logs in and gets a token, a cookie and who they are', async () => {
    const res = await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty', password: 'lianfang-demo' } });
    expect(res.status).toBe(200);
    expect(res.body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(res.body.user).toMatchObject({ username: 'duty', role: 'duty_officer', jurisdictionId: 'xinyang', unitId: null });
    expect(res.headers.get('set-cookie')).toMatch(/lianfang_session=.+HttpOnly/i);
    const me = await server.request('GET', '/api/v1/auth/me', { token: res.body.token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('duty');
  });

  it('every jurisdiction has its duty officer and commander, and admin exists', async () => {
    for (const username of ['admin', 'commander', 'duty.anji', 'commander.anji']) {
      const res = await server.request('POST', '/api/v1/auth/login', { body: { username, password: 'lianfang-demo' } });
      expect(res.status, username).toBe(200);
    }
  });

  it('a wrong password is a 401 problem that does not say which part was wrong', async () => {
    const res = await server.request('POST', '/api/v1/auth/login', { body: { username: 'commander', password: 'nope' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toContain('用户名或密码错误');
  });

  it('a login without a password names the missing field', async () => {
    const res = await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty' } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: any) => e.field)).toEqual(['password']);
  });

  it('malformed JSON is a 400 problem', async () => {
    const res = await server.request('POST', '/api/v1/auth/login', { raw: '{"username":' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('guessing from an unknown source is limited: the sixth try at once gets 429 even with the right password, and waits grow from 30 s', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty.ningde', password: `guess-${i}` } });
      expect(res.status).toBe(401);
    }
    const blocked = await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty.ningde', password: 'lianfang-demo' } });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('30');
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
    // Other accounts are not affected.
    expect((await server.request('POST', '/api/v1/auth/login', { body: { username: 'commander.ningde', password: 'lianfang-demo' } })).status).toBe(200);
  });

  it('logging out revokes the token', async () => {
    const token = await server.login('commander');
    expect((await server.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const after = await server.request('GET', '/api/v1/auth/me', { token });
    expect(after.status).toBe(401);
  });

  it('passwords are stored as scrypt hashes, never in clear', async () => {
    const { users } = await import('../../src/db/schema.js');
    const rows = await server.services.db.select({ hash: users.passwordHash }).from(users).limit(5);
    for (const row of rows) {
      expect(row.hash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(row.hash).not.toContain('lianfang-demo');
    }
  });
});

describe('without a session', () => {
  it.each([
    ['GET', '/api/v1/inbox'],
    ['GET', '/api/v1/incidents'],
    ['POST', '/api/v1/incidents'],
    ['POST', '/api/v1/routing/preview'],
    ['GET', '/api/v1/jurisdictions/xinyang/units'],
    ['POST', '/api/v1/notifications/ntf_x/acknowledge'],
  ])('%s %s is 401', async (method, path) => {
    const res = await server.request(method, path, { body: method === 'POST' ? {} : undefined });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('a made-up token is 401', async () => {
    expect((await server.request('GET', '/api/v1/inbox', { token: 'forged-token-value' })).status).toBe(401);
  });
});

/**
 * Accounts as people and administrators use them over HTTP: changing one's own password, an
 * administrator's reset (change at next login), the demo accounts' refusal in production, and
 * service accounts with scoped API keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { addAdministrator } from '../../src/services/users/administrators.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';

let server: TestServer;
let admin: string;
let xyAdmin: string;
beforeAll(async () => {
  server = await startTestServer();
  admin = await server.login('admin');
  await addAdministrator(server.services.db, new Date(), { username: 'xy.admin', displayName: '信阳辖区管理员', jurisdictionId: 'xinyang', password: 'xinyang-admin-pass' });
  // The password was given at the console: the administrator replaces it at the first login.
  const first = await server.login('xy.admin', 'xinyang-admin-pass');
  xyAdmin = (await server.request('POST', '/api/v1/auth/password', { token: first, body: { currentPassword: 'xinyang-admin-pass', newPassword: 'xinyang-admin-own-pass' } })).body.token;
}, 120_000);
afterAll(async () => server?.close());

const disconnected = (s: TestSocket) => new Promise<string>((resolve) => (s.socket.connected ? s.socket.once('disconnect', (r) => resolve(r)) : resolve('already')));
const login = (username: string, password: string) => server.request('POST', '/api/v1/auth/login', { body: { username, password } });
const userId = async (username: string) => (await server.request('GET', `/api/v1/admin/users?jurisdictionId=xinyang`, { token: admin })).body.users.find((u: any) => u.username === username).id;
const idempotency = () => ({ 'idempotency-key': `accounts-${Math.random()}` });

describe('changing one’s own password', () => {
  it('needs the current password and a password the policy accepts, each problem named on its field', async () => {
    const token = await server.login('commander.anji');
    const wrong = await server.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'not-it', newPassword: 'a-much-better-one' } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ field: 'currentPassword', message: '当前密码不正确' }]);
    const weak = await server.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'lianfang-demo', newPassword: '1234567890' } });
    expect(weak.status).toBe(422);
    expect(weak.body.errors).toEqual([{ field: 'newPassword', message: '密码过于常见，请换一个' }]);
    const short = await server.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'lianfang-demo', newPassword: 'short' } });
    expect(short.body.errors.map((e: any) => e.message)).toContain('密码至少10位');
    // Nothing changed: the old password still opens.
    expect((await login('commander.anji', 'lianfang-demo')).status).toBe(200);
  });

  it('counts guesses of the current password under the login limits, per session', async () => {
    const token = await server.login('commander.licheng');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await server.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: `guess-${i}`, newPassword: 'a-much-better-one' } })).status);
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    // Another session of the same person, and the login itself, are not held back.
    const other = await server.login('commander.licheng');
    expect((await server.request('POST', '/api/v1/auth/password', { token: other, body: { currentPassword: 'guess', newPassword: 'a-much-better-one' } })).status).toBe(422);
  });

  it('ends every session and socket of the person, and hands the one who changed it a new session', async () => {
    const here = await server.login('liaison.xy_zgh');
    const elsewhere = await server.login('liaison.xy_zgh');
    const socket = await server.connect(elsewhere);
    const closed = disconnected(socket);
    const res = await server.request('POST', '/api/v1/auth/password', { token: here, body: { currentPassword: 'lianfang-demo', newPassword: '总工会联络员新密码1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/lianfang_session=/);
    expect(await closed).toBe('io server disconnect');
    expect((await server.request('GET', '/api/v1/auth/me', { token: here })).status).toBe(401);
    expect((await server.request('GET', '/api/v1/auth/me', { token: elsewhere })).status).toBe(401);
    expect((await server.request('GET', '/api/v1/auth/me', { token: res.body.token })).status).toBe(200);
    expect((await login('liaison.xy_zgh', 'lianfang-demo')).status).toBe(401);
    expect((await login('liaison.xy_zgh', '总工会联络员新密码1')).status).toBe(200);
  });
});

describe('an administrator’s reset', () => {
  it('gives a one-time password, ends the person’s sessions, and the next login must change it before anything else', async () => {
    const before = await server.login('duty');
    const reset = await server.request('POST', `/api/v1/admin/users/${await userId('duty')}/reset-password`, { token: xyAdmin });
    expect(reset.status).toBe(200);
    expect(reset.body.oneTimePassword.length).toBeGreaterThanOrEqual(10);
    expect((await server.request('GET', '/api/v1/incidents', { token: before })).status).toBe(401);

    const logged = await login('duty', reset.body.oneTimePassword);
    expect(logged.status).toBe(200);
    expect(logged.body.mustChangePassword).toBe(true);
    const token = logged.body.token;
    expect((await server.request('GET', '/api/v1/auth/me', { token })).body.mustChangePassword).toBe(true);
    const refused = await server.request('GET', '/api/v1/incidents', { token });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toContain('请先修改密码');
    await expect(server.connect(token)).rejects.toThrow();

    const changed = await server.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: reset.body.oneTimePassword, newPassword: '信阳值班室新密码2026' } });
    expect(changed.status).toBe(200);
    expect(changed.body.user.mustChangePassword).toBe(false);
    expect((await server.request('GET', '/api/v1/incidents', { token: changed.body.token })).status).toBe(200);
  });

  it('is for administrators of the person’s jurisdiction: others are refused and nothing changes', async () => {
    const anjiDuty = (await server.request('GET', '/api/v1/admin/users?jurisdictionId=anji', { token: admin })).body.users.find((u: any) => u.username === 'duty.anji').id;
    expect((await server.request('POST', `/api/v1/admin/users/${anjiDuty}/reset-password`, { token: xyAdmin })).status).toBe(404);
    const commander = await server.login('commander');
    expect((await server.request('POST', `/api/v1/admin/users/${await userId('commander')}/reset-password`, { token: commander })).status).toBe(403);
    const adminId = (await server.request('GET', '/api/v1/admin/users', { token: admin })).body.users.find((u: any) => u.username === 'admin').id;
    expect((await server.request('POST', `/api/v1/admin/users/${adminId}/reset-password`, { token: xyAdmin })).status).toBe(404);
    expect((await login('duty.anji', 'lianfang-demo')).status).toBe(200);
  });
});

describe('demo accounts', () => {
  it('are marked as demo in the users list; accounts made for real are not', async () => {
    const users = (await server.request('GET', '/api/v1/admin/users?jurisdictionId=xinyang', { token: admin })).body.users;
    expect(users.find((u: any) => u.username === 'commander').demo).toBe(true);
    expect(users.find((u: any) => u.username === 'xy.admin').demo).toBe(false);
  });

  it('refuse to log in when NODE_ENV=production unless ALLOW_DEMO_LOGIN=true', async () => {
    const production = { NODE_ENV: 'production', PUBLIC_URL: 'https://lianfang.example.gov.cn' };
    expect(loadConfig(production).demoLogin).toBe(false);
    expect(loadConfig({ ...production, ALLOW_DEMO_LOGIN: 'true' }).demoLogin).toBe(true);
    expect(loadConfig({}).demoLogin).toBe(true);
    server.services.demoLogin = false;
    try {
      const refused = await login('commander.ningde', 'lianfang-demo');
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain('演示账号不能在正式环境中登录');
      expect((await login('xy.admin', 'xinyang-admin-own-pass')).status).toBe(200);
    } finally {
      server.services.demoLogin = true;
    }
  });
});

describe('service accounts', () => {
  it('act by their API key within their jurisdiction and scopes; the key is shown once and can be revoked', async () => {
    const created = await server.request('POST', '/api/v1/admin/service-accounts', { token: xyAdmin, body: { jurisdictionId: 'xinyang', displayName: '浉河区自建系统', scopes: ['reports:file'] } });
    expect(created.status).toBe(201);
    const { key, serviceAccount } = created.body;
    expect(key).toMatch(/^lfk_/);
    expect(serviceAccount).toMatchObject({ jurisdictionId: 'xinyang', scopes: ['reports:file'], lastUsedAt: null, revokedAt: null });

    const filed = await server.request('POST', '/api/v1/incidents', { token: key, body: xinyangReport({ title: '县区系统报送' }), headers: idempotency() });
    expect(filed.status).toBe(201);
    const outside = [
      await server.request('POST', '/api/v1/incidents', { token: key, body: xinyangReport({ jurisdictionId: 'anji' }), headers: idempotency() }),
      await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: key }),
      await server.request('GET', '/api/v1/alerts', { token: key }),
      await server.request('GET', '/api/v1/admin/users', { token: key }),
    ];
    expect(outside.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    await expect(server.connect(key)).rejects.toThrow();
    // The commission sees who filed it: the service account by its name.
    const duty = await server.login('commander');
    expect((await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty })).status).toBe(200);

    const list = await server.request('GET', '/api/v1/admin/service-accounts?jurisdictionId=xinyang', { token: admin });
    const shown = list.body.serviceAccounts.find((a: any) => a.id === serviceAccount.id);
    expect(shown.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(key.startsWith(shown.keyPrefix)).toBe(true);
    // Another jurisdiction's administrator cannot see or revoke it.
    expect((await server.request('GET', '/api/v1/admin/service-accounts?jurisdictionId=anji', { token: xyAdmin })).status).toBe(404);

    const revoked = await server.request('POST', `/api/v1/admin/service-accounts/${serviceAccount.id}/revoke`, { token: xyAdmin });
    expect(revoked.status).toBe(200);
    expect(revoked.body.serviceAccount.revokedAt).not.toBeNull();
    expect((await server.request('POST', '/api/v1/incidents', { token: key, body: xinyangReport(), headers: idempotency() })).status).toBe(401);
  });

  it('cannot log in with a password, and a bad scope is named on its field', async () => {
    const bad = await server.request('POST', '/api/v1/admin/service-accounts', { token: admin, body: { jurisdictionId: 'xinyang', displayName: '', scopes: ['everything'] } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: any) => e.field).sort()).toEqual(['displayName', 'scopes.0']);
    const twice = await server.request('POST', '/api/v1/admin/service-accounts', { token: admin, body: { jurisdictionId: 'xinyang', displayName: '重复权限', scopes: ['reports:file', 'reports:file'] } });
    expect(twice.status).toBe(422);
    expect(twice.body.errors).toEqual([{ field: 'scopes.1', message: expect.stringContaining('权限重复') }]);
    const users = (await server.request('GET', '/api/v1/admin/users?jurisdictionId=xinyang', { token: admin })).body.users;
    expect(users.some((u: any) => u.username.startsWith('service.'))).toBe(false);
  });

  it('a retried creation (same Idempotency-Key) makes no second account; the key, shown once, is not shown again', async () => {
    const count = async () => (await server.request('GET', '/api/v1/admin/service-accounts?jurisdictionId=xinyang', { token: admin })).body.serviceAccounts.length;
    const body = { jurisdictionId: 'xinyang', displayName: '重试的自建系统', scopes: ['reports:file'] };
    const headers = { 'idempotency-key': 'service-account-retry' };
    const first = await server.request('POST', '/api/v1/admin/service-accounts', { token: admin, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await count();
    const retry = await server.request('POST', '/api/v1/admin/service-accounts', { token: admin, body, headers });
    expect(retry.status).toBe(409);
    expect(retry.body.errors[0].field).toBe('Idempotency-Key');
    expect(retry.body.serviceAccount.id).toBe(first.body.serviceAccount.id);
    expect(JSON.stringify(retry.body)).not.toContain(first.body.key);
    const other = await server.request('POST', '/api/v1/admin/service-accounts', { token: admin, body: { ...body, displayName: '另一个' }, headers });
    expect(other.status).toBe(409);
    expect(await count()).toBe(before);
  });
});

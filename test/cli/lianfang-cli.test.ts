/**
 * The command line as an operator runs it (`npm run lianfang -- …`), as a child process, on a fresh
 * database without demo data (SEED_DEMO=false): the first administrator, then the server accepts
 * their one-time password and asks for a new one; a reset; the list.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer } from '../support/server.js';

let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  const made = await createTestDatabase();
  // The embedded database must be a folder both the command line and the server open in turn.
  database = made.databaseUrl ? made : { ...made, dataDir: mkdtempSync(join(tmpdir(), 'lianfang-cli-')) };
  const { DATABASE_URL: _url, ...rest } = process.env as Record<string, string>;
  env = { ...rest, SEED_DEMO: 'false', DATA_DIR: database.dataDir, LOG_LEVEL: 'warn', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
});
afterAll(async () => {
  await database?.drop();
  if (!database?.databaseUrl && database?.dataDir) rmSync(database.dataDir, { recursive: true, force: true });
});

function lianfang(args: string[], stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('npm', ['run', '-s', 'lianfang', '--', ...args], { env, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    if (stdin !== undefined) child.stdin!.end(stdin);
    else child.stdin!.end();
  });
}

const oneTimePassword = (stdout: string) => stdout.match(/一次性密码：(\S+)/)?.[1];

describe('npm run lianfang', () => {
  it('creates the first administrators, refuses a weak password and an unknown jurisdiction, resets and lists', async () => {
    const system = await lianfang(['add-user', '--admin', '--username', 'zhang.admin', '--display-name', '张管理']);
    expect(system.code, system.stderr).toBe(0);
    expect(system.stdout).toContain('已新建系统管理员');
    const systemPassword = oneTimePassword(system.stdout)!;
    expect(systemPassword.length).toBeGreaterThanOrEqual(10);

    const weak = await lianfang(['add-user', '--admin', '--jurisdiction', 'xinyang', '--username', 'xy.admin', '--password-stdin'], '1234567890\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('密码过于常见');
    const unknown = await lianfang(['add-user', '--admin', '--jurisdiction', 'nowhere', '--username', 'x.admin']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有辖区 nowhere');

    const local = await lianfang(['add-user', '--admin', '--jurisdiction', 'xinyang', '--username', 'xy.admin', '--password-stdin'], '信阳辖区管理员的密码\n');
    expect(local.code, local.stderr).toBe(0);
    expect(local.stdout).toContain('辖区 xinyang 的辖区管理员');
    expect(oneTimePassword(local.stdout)).toBeUndefined();
    // The password was typed at the console: its person still replaces it at the first login.
    expect(local.stdout).toContain('首次登录时须修改密码');
    const chosen = await lianfang(['add-user', '--admin', '--username', 'ops.admin', '--password-stdin'], '运维管理员的初始密码\n');
    expect(chosen.code, chosen.stderr).toBe(0);

    const reset = await lianfang(['reset-password', 'xy.admin']);
    expect(reset.code, reset.stderr).toBe(0);
    const resetPassword = oneTimePassword(reset.stdout)!;

    const listed = await lianfang(['list-users']);
    expect(listed.stdout).toMatch(/zhang\.admin\s+管理员\s+全部辖区/);
    expect(listed.stdout).toMatch(/xy\.admin\s+辖区管理员\s+xinyang/);
    expect(listed.stdout).toMatch(/ops\.admin\s+管理员\s+全部辖区.*须修改密码/);
    expect(listed.stdout).toContain('共 3 个账号');
    expect((await lianfang(['list-users', '--jurisdiction', 'anji'])).stdout).toContain('共 0 个账号');

    // The server, on the same database with no demo data: the one-time passwords open, and ask for a change.
    const server = await startTestServer({ database, dataDir: database.dataDir, config: { seedDemo: false } });
    try {
      const first = await server.request('POST', '/api/v1/auth/login', { body: { username: 'zhang.admin', password: systemPassword } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ mustChangePassword: true, user: { role: 'admin', jurisdictionId: null } });
      const local = await server.request('POST', '/api/v1/auth/login', { body: { username: 'xy.admin', password: resetPassword } });
      expect(local.body).toMatchObject({ mustChangePassword: true, user: { role: 'jurisdiction_admin', jurisdictionId: 'xinyang' } });
      const changed = await server.request('POST', '/api/v1/auth/password', { token: local.body.token, body: { currentPassword: resetPassword, newPassword: '信阳辖区管理员的新密码' } });
      expect(changed.status).toBe(200);
      const units = await server.request('GET', '/api/v1/admin/units?jurisdictionId=xinyang', { token: changed.body.token });
      expect(units.status).toBe(200);
      expect((await server.request('GET', '/api/v1/admin/units?jurisdictionId=anji', { token: changed.body.token })).status).toBe(404);
      expect((await server.request('GET', '/api/v1/admin/users?jurisdictionId=xinyang', { token: changed.body.token })).body.users).toHaveLength(1);
    } finally {
      await server.close();
    }
  }, 300_000);

  it('explains its commands, and refuses a command it does not know', async () => {
    const help = await lianfang(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('add-user --admin');
    const unknown = await lianfang(['drop-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('没有命令 drop-everything');
  }, 120_000);
});

/**
 * The first start of a real installation, as a health commission does it, with no demo data
 * (SEED_DEMO=false): the command line creates 信阳's jurisdiction administrator; they log in with
 * the one-time password and must choose their own; they import the office's roster spreadsheet
 * (one with mistakes first: every row's problem listed by its row number and nothing written; then
 * the corrected one); they add a duty officer on /admin (who must also change the password first);
 * they give 总工会 a day and a night liaison on its 值班表. A report filed at 03:00 local reaches
 * only the night liaison; the ladder's re-send at the deadline reaches both.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, users } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { xinyangReport } from '../support/reports.js';
import { rosterXlsx } from '../support/roster-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, newContext, watch } from './browser.js';

// 03:00 on Wednesday 2026-11-25 in 信阳 (UTC+8): the whole story happens at this hour.
const START = new Date('2026-11-24T19:00:00.000Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UNION = '信阳市总工会';
const DAY_PHONE = '+8613900000041';
const NIGHT_PHONE = '+8613900000042';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
let sms: RecordingAdapter;
let env: Record<string, string>;

function lianfang(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('npm', ['run', '-s', 'lianfang', '--', ...args], { env, timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
    child.stdin!.end();
  });
}

beforeAll(async () => {
  const made = await createTestDatabase();
  // The embedded database must be a folder the command line and then the server open in turn.
  database = made.databaseUrl ? made : { ...made, dataDir: mkdtempSync(join(tmpdir(), 'lianfang-first-start-')) };
  const { DATABASE_URL: _url, ...rest } = process.env as Record<string, string>;
  env = { ...rest, SEED_DEMO: 'false', DATA_DIR: database.dataDir, LOG_LEVEL: 'warn', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await database?.drop();
  if (!database?.databaseUrl && database?.dataDir) rmSync(database.dataDir, { recursive: true, force: true });
});

const userCount = async () => (await server.services.db.select({ n: count() }).from(users))[0]!.n;

/** A person's first login with a password an administrator gave: it must be replaced before anything else. */
async function firstLogin(username: string, given: string, chosen: string): Promise<string> {
  const login = await server.request('POST', '/api/v1/auth/login', { body: { username, password: given } });
  expect(login.status).toBe(200);
  expect(login.body.mustChangePassword).toBe(true);
  expect((await server.request('GET', '/api/v1/incidents', { token: login.body.token })).status).toBe(403);
  const changed = await server.request('POST', '/api/v1/auth/password', { token: login.body.token, body: { currentPassword: given, newPassword: chosen } });
  expect(changed.status).toBe(200);
  return changed.body.token as string;
}

async function importRoster(page: Page) {
  await page.getByRole('link', { name: '名册导入导出' }).click();
  await page.getByRole('heading', { name: '名册导入导出' }).waitFor();
  const broken = await rosterXlsx([
    [UNION, '日班联络员', 'day.union', '联络员', '13900000041', '阿里云', '是'],
    ['没有这个局', '乙某', 'nobody.unit', '联络员', '', '', ''],
    [UNION, '夜班联络员', 'night.union', '组长', '139000', '阿里云', '是'],
  ]);
  await page.setInputFiles('#roster-file', { name: '名册.xlsx', mimeType: XLSX, buffer: Buffer.from(broken) });
  await page.getByRole('button', { name: '预览检查' }).click();
  await page.getByText('共 3 处问题').waitFor();
  expect(await page.locator('tr[data-problem-row="3"]').innerText()).toContain('本辖区没有成员单位「没有这个局」');
  const row4 = (await page.locator('tr[data-problem-row="4"]').allInnerTexts()).join('\n');
  expect(row4).toContain('角色须为「联络员」或「单位负责人」');
  expect(row4).toContain('手机号码格式不正确');
  expect(await page.locator('tr[data-problem-row="2"]').count()).toBe(0);
  expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
  expect(await userCount()).toBe(1);

  const clean = await rosterXlsx([
    [UNION, '日班联络员', 'day.union', '联络员', '13900000041', '阿里云', '是'],
    [UNION, '夜班联络员', 'night.union', '联络员', '13900000042', '阿里云', '是'],
    [UNION, '总工会负责人', 'head.union', '单位负责人', '13900000043', '', '是'],
  ]);
  await page.setInputFiles('#roster-file', { name: '名册-修改后.xlsx', mimeType: XLSX, buffer: Buffer.from(clean) });
  await page.getByRole('button', { name: '预览检查' }).click();
  await page.getByText('检查通过：共 3 人，新建 3 个账号，更新 0 个账号。').waitFor();
  await page.getByRole('button', { name: '确认导入' }).click();
  await page.getByText('已导入：共 3 人，新建 3 个账号').waitFor();
  expect(await userCount()).toBe(4);
  return (await page.locator('tr', { hasText: 'day.union' }).locator('td').nth(1).innerText()).trim();
}

async function addDutyOfficer(page: Page): Promise<string> {
  await page.getByRole('link', { name: '用户与角色' }).click();
  await page.getByText('新建账号').click();
  await page.getByLabel('角色', { exact: true }).first().selectOption({ label: '值班员' });
  await page.getByLabel('姓名', { exact: true }).fill('王值班');
  await page.getByLabel('用户名', { exact: true }).fill('wang.duty');
  await page.getByRole('button', { name: '添加', exact: true }).click();
  await page.getByText('已添加 王值班（wang.duty），首次登录须修改密码').waitFor();
  return (await page.locator('[data-one-time-password]').innerText()).trim();
}

async function setRota(page: Page) {
  await page.getByRole('link', { name: '值班表' }).click();
  await page.locator('table.rota-overview').getByRole('button', { name: UNION, exact: true }).click();
  await page.getByRole('heading', { name: `${UNION} 值班表` }).waitFor();
  for (const [who, start, end] of [
    ['日班联络员', '08:00', '20:00'],
    ['夜班联络员', '20:00', '08:00'],
  ] as const) {
    await page.locator('#rota-p-user').selectOption({ label: who });
    await page.locator('#rota-p-start').fill(start);
    await page.locator('#rota-p-end').fill(end);
    await page.locator('#rota-p-from').fill('2026-11-01');
    await page.getByRole('button', { name: '添加排班' }).click();
    await page.locator('.rota-rules').getByText(`${who}：每天 ${start}–${end}`).waitFor();
  }
  // 03:00 on Wednesday: the night shift that began on Tuesday evening is on duty now.
  await page.locator('table.rota-overview tr', { hasText: UNION }).getByText('夜班联络员').waitFor();
}

describe('a first start without demo data', () => {
  it('the command line makes the administrator, who imports the roster, adds a duty officer and sets the rota; the 03:00 report reaches the one on duty, the re-send everyone', async () => {
    const created = await lianfang(['add-user', '--admin', '--jurisdiction', 'xinyang', '--username', 'xy.admin', '--display-name', '信阳辖区管理员']);
    expect(created.code, created.stderr).toBe(0);
    const oneTime = created.stdout.match(/一次性密码：(\S+)/)![1]!;

    sms = new RecordingAdapter('aliyun');
    server = await startTestServer({ database, dataDir: database.dataDir, config: { seedDemo: false }, fixedClock: START, manualEngine: true, adapters: { aliyun: sms } });
    expect(await userCount()).toBe(1);

    // The administrator's first login: the change form comes before anything else.
    const page = await (await newContext(browser)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('xy.admin');
    await page.getByLabel('密码').fill(oneTime);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    await page.locator('#newPassword').fill('信阳辖区管理员的密码2026');
    await page.locator('#again').fill('信阳辖区管理员的密码2026');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL('**/admin', { waitUntil: 'commit' });

    const dayPassword = await importRoster(page);
    // Imported people, too, replace the password the office handed them.
    await firstLogin('day.union', dayPassword, '日班联络员自己选的新密码');
    const dutyPassword = await addDutyOfficer(page);
    const duty = await firstLogin('wang.duty', dutyPassword, '王值班自己选的新的密码');
    await setRota(page);
    expect(problems).toEqual([]);

    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '凌晨硫化氢中毒', receivedAt: '2026-11-25T02:55:00+08:00' }) });
    expect(filed.status).toBe(201);
    const [night] = await server.services.db.select().from(users).where(eq(users.username, 'night.union'));
    const notification = filed.body.notifications.find((n: any) => n.unitName === UNION || n.unitId === night!.unitId);
    const socketTo = await server.services.db
      .select({ userId: deliveries.userId })
      .from(deliveries)
      .where(and(eq(deliveries.notificationId, notification.id), eq(deliveries.channel, 'socket')));
    expect(socketTo.map((d) => d.userId)).toEqual([night!.id]);
    await server.engine.tick();
    expect(sms.to(NIGHT_PHONE)).toHaveLength(1);
    expect(sms.to(DAY_PHONE)).toHaveLength(0);

    // Nobody acknowledges: at the deadline the ladder re-sends to every liaison of the unit.
    const book = (await server.services.rulebooks.current('xinyang'))!;
    server.clock!.advance(book.ackDeadlineMinutes[notification.role as 'lead' | 'support' | 'inform'].general * 60_000 + 1000);
    await server.engine.tick();
    await server.engine.tick();
    expect(sms.to(DAY_PHONE)).toHaveLength(1);
    expect(sms.to(DAY_PHONE)[0]!.message.title).toContain('【催办】');
    expect(sms.to(NIGHT_PHONE)).toHaveLength(2);
  }, 300_000);
});

/**
 * 名册导入 on /admin in Chromium, as the office does it: download the template, upload a roster
 * with errors (every row's problem listed by its row number, nothing written, no import button),
 * then the corrected roster (checked, imported at once, new people's initial passwords shown once).
 */
import { count, eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { rosterXlsx } from '../support/roster-files.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch } from './browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ manualEngine: true }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const userCount = async () => (await server.services.db.select({ n: count() }).from(users))[0]!.n;

describe('名册导入 on /admin', () => {
  it('lists every row’s problem and writes nothing, then imports the corrected roster at once', async () => {
    const page = await (await signedInContext(browser, server, 'admin')).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/admin/import?j=xinyang`);
    await page.getByRole('heading', { name: '名册导入导出' }).waitFor();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: '电子表格模板' }).click();
    expect((await download).suggestedFilename()).toBe('人员名册模板.xlsx');

    const before = await userCount();
    const broken = await rosterXlsx([
      ['信阳市总工会', '甲联络员', 'browser.jia', '联络员', '13900000031', '阿里云', '是'],
      ['没有这个局', '乙某', 'browser.yi', '联络员', '', '', ''],
      ['信阳市总工会', '丙某', 'browser.bing', '组长', '123', '', ''],
    ]);
    await page.setInputFiles('#roster-file', { name: '名册.xlsx', mimeType: XLSX, buffer: Buffer.from(broken) });
    await page.getByRole('button', { name: '预览检查' }).click();
    await page.getByText('共 3 处问题').waitFor();
    expect(await page.locator('tr[data-problem-row="3"]').innerText()).toContain('本辖区没有成员单位「没有这个局」');
    const row4 = await page.locator('tr[data-problem-row="4"]').allInnerTexts();
    expect(row4.join('\n')).toContain('角色须为「联络员」或「单位负责人」');
    expect(row4.join('\n')).toContain('手机号码格式不正确');
    expect(await page.locator('tr[data-problem-row="2"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: '确认导入' }).count()).toBe(0);
    expect(await userCount()).toBe(before);

    const fixed = await rosterXlsx([
      ['信阳市总工会', '甲联络员', 'browser.jia', '联络员', '13900000031', '阿里云', '是'],
      ['信阳市总工会', '丙某', 'browser.bing', '单位负责人', '13900000032', '', '是'],
    ]);
    await page.setInputFiles('#roster-file', { name: '名册-修改后.xlsx', mimeType: XLSX, buffer: Buffer.from(fixed) });
    await page.getByRole('button', { name: '预览检查' }).click();
    await page.getByText('检查通过：共 2 人，新建 2 个账号，更新 0 个账号。').waitFor();
    expect(await userCount()).toBe(before);
    await page.getByRole('button', { name: '确认导入' }).click();
    await page.getByText('已导入：共 2 人，新建 2 个账号').waitFor();
    const password = await page.locator('tr', { hasText: 'browser.jia' }).locator('td').nth(1).innerText();
    expect(await userCount()).toBe(before + 2);
    const [jia] = await server.services.db.select().from(users).where(eq(users.username, 'browser.jia'));
    expect(jia!.displayName).toBe('甲联络员');
    expect(await server.login('browser.jia', password.trim())).toBeTruthy();
    expect(problems).toEqual([]);
  }, 120_000);
});

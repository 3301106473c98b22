/**
 * 专项整治 in Chromium: the office opens a campaign with a task for one unit on the 联席会议 page;
 * the unit's liaison reports completion on the phone; the desk's account shows it done on time.
 */
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch } from './browser.js';

const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
const local = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
let server: TestServer;
let browser: Browser;
let office: Page;
const problems: string[][] = [];
let union: { id: string; name: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  const duty = await server.login('duty');
  const listed = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
  const id = await unitIdByName(server, duty, 'xinyang', '总工会');
  union = listed.find((u: any) => u.id === id);
  const context = await signedInContext(browser, server, 'commander', { width: 1366, height: 900 });
  context.setDefaultTimeout(8000);
  office = await context.newPage();
  problems.push(watch(office));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a special campaign', () => {
  it('is opened on the desk, completed on the phone, and shown done on the desk', async () => {
    await office.goto(`${server.url}/meetings`);
    await office.getByRole('button', { name: '发起联合行动' }).click();
    await office.getByLabel('行动类型').selectOption('special_rectification');
    await office.getByLabel('行动名称').fill('尘毒危害专项整治');
    await office.getByLabel('开始日期').fill(day(0));
    await office.getByLabel('结束日期').fill(day(30));
    await office.getByLabel('行动范围（重点行业、领域）').fill('矿山、冶金、建材行业粉尘危害');
    await office.locator('#ct-unit-0').selectOption(union.id);
    await office.locator('#ct-task-0').fill('组织职工开展职业病防治宣传');
    await office.locator('#ct-due-0').fill(local(48));
    await office.getByRole('button', { name: '发起行动' }).click();
    const row = office.locator(`li.campaign tr[data-unit="${union.id}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-timeliness')).toBe('open');

    const context = await browser.newContext(phone);
    context.setDefaultTimeout(8000);
    expect((await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${union.id}`, password: DEMO_PASSWORD } })).status()).toBe(200);
    const liaison = await context.newPage();
    problems.push(watch(liaison));
    await liaison.goto(`${server.url}/m`);
    await liaison.getByText('● 在线').waitFor();
    const card = liaison.locator('article[data-kind="campaign_task"]');
    await card.getByText('组织职工开展职业病防治宣传').waitFor();
    await card.getByLabel('任务进展').fill('宣传覆盖30家企业，已完成');
    await card.getByLabel('本单位任务已完成').check();
    await card.getByRole('button', { name: '报告完成' }).click();
    await card.waitFor({ state: 'detached' });

    await office.locator(`li.campaign tr[data-unit="${union.id}"][data-timeliness="on_time"]`, { hasText: '宣传覆盖30家企业' }).waitFor();
    expect(problems.flat()).toEqual([]);
  });
});

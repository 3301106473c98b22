/**
 * 简报 and 年度报送 in Debian Chromium (信阳 三(四), 四(三)), with an injected clock: the office
 * publishes a bulletin to 总工会 and 人社局 from the desk; 总工会's liaison reads it on the phone; the
 * office sees, live, that 总工会 has read it and 人社局 has not. On 1 December the annual round
 * opens; 总工会 files from the phone; after 15 January (local) 人社局, still silent, is chased on the
 * ladder to a 督办 alert, and the desk's 年度报送 shows who filed and who did not.
 */
import { and, eq } from 'drizzle-orm';
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standingRequests } from '../../src/db/schema.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, LAPTOP, signedInContext, watch } from './browser.js';

// 1 December 2026, 10:00 in 信阳: the 2027 round opens with the engine's next pass.
const START = new Date('2026-12-01T02:00:00.000Z');
const TITLE = '2026年第12期职业病防治工作简报';

let server: TestServer;
let browser: Browser;
let phone: Page;
let desk: Page;
let union: string;
let hrss: string;
const problems: string[][] = [];

async function phoneFor(unitId: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  context.setDefaultTimeout(8000);
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${unitId}`, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  problems.push(watch(page));
  return { context, page };
}

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  browser = await launchChromium();
  const deskContext = await signedInContext(browser, server, 'commander', LAPTOP);
  deskContext.setDefaultTimeout(8000);
  desk = await deskContext.newPage();
  problems.push(watch(desk));
  phone = (await phoneFor(union)).page;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a bulletin read by one unit and not another; the 15 January deadline', () => {
  it('the office drafts and publishes a bulletin to 总工会 and 人社局 from the desk', async () => {
    await desk.goto(`${server.url}/bulletins`);
    await desk.getByRole('button', { name: '起草简报' }).click();
    await desk.getByLabel('类别').selectOption({ label: '日常工作简报' });
    await desk.getByLabel('标题').fill(TITLE);
    await desk.getByLabel('正文').fill('一、全市开展职业病防治法宣传周活动。\n二、尘肺病专项整治进展。');
    await desk.getByLabel('全体成员单位').uncheck();
    await desk.getByLabel('信阳市总工会').check();
    await desk.getByLabel('信阳市人力资源和社会保障局').check();
    await desk.getByRole('button', { name: '保存草稿' }).click();
    await desk.getByRole('heading', { name: TITLE }).waitFor();
    await desk.getByRole('button', { name: '发布' }).click();
    await desk.getByRole('heading', { name: '阅读情况：已读 0 / 2' }).waitFor();
  });

  it('总工会 reads it on the phone; the office sees, live, who has read it and who has not', async () => {
    await phone.goto(`${server.url}/m#info`);
    await phone.getByRole('tab', { name: /简报与报送/ }).click();
    const card = phone.locator('[data-waiting="bulletin"]', { hasText: TITLE });
    await card.getByRole('button', { name: '阅读' }).click();
    // The receipt, or the reason it failed (said on the page), whichever comes first.
    await phone.getByText(/本单位已读/).or(phone.getByRole('alert')).first().waitFor({ timeout: 15_000 });
    expect(await phone.getByRole('alert').allInnerTexts()).toEqual([]);
    await phone.getByText(/本单位已读/).waitFor();
    await desk.getByRole('heading', { name: '阅读情况：已读 1 / 2' }).waitFor();
    expect(await desk.locator(`tr[data-unit-id="${union}"]`).getAttribute('data-read')).toBe('yes');
    expect(await desk.locator(`tr[data-unit-id="${hrss}"]`).getAttribute('data-read')).toBe('no');
    await expect(desk.locator(`tr[data-unit-id="${union}"]`).innerText()).resolves.toContain('已读');
    await expect(desk.locator(`tr[data-unit-id="${hrss}"]`).innerText()).resolves.toContain('未读');
  });

  it('the annual round opens on 1 December; 总工会 files from the phone; 人社局 is chased after 15 January', async () => {
    await server.engine.tick();
    // The unit's inbox lists it with the rest of what waits for the unit, by deadline.
    await phone.goto(`${server.url}/m`);
    const card = phone.locator('[data-kind="annual_submission"]');
    await expect(card.innerText()).resolves.toContain('2027年度报送');
    await card.getByRole('link', { name: '填写年度报送' }).click();
    await phone.getByRole('button', { name: '填写年度报送' }).click();
    await phone.getByLabel('上年度工作总结').fill('2026年开展职业病防治法宣传周活动12场，参与职工5000人。');
    await phone.getByLabel('本年度重点工作计划').fill('2027年继续推动尘肺病患者工伤保险扩面。');
    await phone.getByLabel('议题建议（每行一条）').fill('尘肺病患者救治救助\n职业健康保护行动');
    await phone.getByRole('button', { name: '提交年度报送' }).click();
    await phone.getByRole('heading', { name: /待办 0 项/ }).waitFor();
    await phone.getByRole('tab', { name: /通知/ }).click();
    await phone.locator('[data-kind="annual_submission"]').waitFor({ state: 'detached' });

    // 16 January 2027 past the ladder's last step: 人社局 has not filed.
    const book = (await server.services.rulebooks.current('xinyang'))!;
    server.clock!.now = new Date(new Date('2027-01-15T16:00:00.000Z').getTime() + (book.escalationMinutes.commander.general + 1) * 60_000);
    await server.engine.tick();
    await server.engine.tick();
    const [late] = await server.services.db
      .select()
      .from(standingRequests)
      .where(and(eq(standingRequests.kind, 'annual_submission'), eq(standingRequests.unitId, hrss)));
    expect(late).toMatchObject({ state: 'pending', escalationStep: 3 });
    const alerts = (await server.request('GET', '/api/v1/alerts', { token: await server.login('commander') })).body.alerts;
    expect(alerts.some((a: any) => a.kind === 'standing_overdue' && a.unitId === hrss)).toBe(true);

    // The desk, in a session opened after the clock moved: who filed, who did not.
    const office = await (await signedInContext(browser, server, 'commander', LAPTOP)).newPage();
    problems.push(watch(office));
    await office.goto(`${server.url}/bulletins/annual?year=2027`);
    await office.getByRole('heading', { name: '2027年度报送' }).waitFor();
    expect(await office.locator(`tr[data-unit-id="${union}"]`).getAttribute('data-standing')).toBe('on_time');
    expect(await office.locator(`tr[data-unit-id="${hrss}"]`).getAttribute('data-standing')).toBe('missing');
    await expect(office.locator(`tr[data-unit-id="${hrss}"]`).innerText()).resolves.toContain('未报送');
    expect(problems.flat()).toEqual([]);
  });
});

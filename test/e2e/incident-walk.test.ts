/**
 * One incident walked as the three users would, in Chromium: the duty officer files the 初报 on
 * the desk; liaisons acknowledge on their phones (/m); one unit declines with a reason; the
 * commander reassigns it to another unit on the board; that unit acknowledges; a 续报 and then a
 * 终报 are filed, the 终报 closing the incident; and the phones show 已结案 with nothing left to do.
 * The desk and board are checked at 1920×1080 and 1366×768, the phones at 412×915 and 360×640.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { LAPTOP, launchChromium, signedInContext, WALL, watch, within, type Viewport } from './browser.js';
import { fillReport } from './duty-form.js';

const SMALL_PHONE: Viewport = { width: 360, height: 640 };
const PHONE: Viewport = { width: 412, height: 915 };
const TITLE = '浉河区化工厂硫化氢中毒事故（全程）';

let server: TestServer;
let browser: Browser;
let desk: Page;
let board: Page;
const problems: string[][] = [];
let filed: { id: string; ref: string; notifications: { id: string; unitId: string; unitName: string }[] };
let union: string;
let hrss: string;
let market: string;
const phones: Record<string, Page> = {};

async function phoneFor(unitId: string, viewport: Viewport): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  context.setDefaultTimeout(8000);
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${unitId}`, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  problems.push(watch(page));
  await page.goto(`${server.url}/m`);
  await page.getByRole('heading', { name: /待签收/ }).waitFor();
  await page.getByText('● 在线').waitFor({ timeout: 15_000 });
  return page;
}

/** Nothing sticks out sideways: the page fits the screen's width. */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1);
}

/** The element is on screen as the page first shows it, without scrolling. */
async function onScreen(page: Page, selector: ReturnType<Page['locator']>): Promise<boolean> {
  const box = await selector.boundingBox();
  const viewport = page.viewportSize()!;
  const scrolled = await page.evaluate(() => window.scrollY);
  return !!box && scrolled === 0 && box.y >= 0 && box.y + box.height <= viewport.height && box.x >= 0 && box.x + box.width <= viewport.width;
}

const card = (page: Page) => page.locator('article', { hasText: TITLE });
const gridRow = (unitId: string) => board.locator(`[data-incident-id="${filed.id}"] tr[data-unit-id="${unitId}"]`);

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  market = await unitIdByName(server, duty, 'xinyang', '市场监督管理局');
  desk = await (await signedInContext(browser, server, 'duty', LAPTOP)).newPage();
  problems.push(watch(desk));
  board = await (await signedInContext(browser, server, 'commander', WALL)).newPage();
  problems.push(watch(board));
  await board.goto(`${server.url}/board`);
  await board.locator('[data-link="online"]').waitFor({ timeout: 15_000 });
  phones.union = await phoneFor(union, SMALL_PHONE);
  phones.hrss = await phoneFor(hrss, PHONE);
  phones.market = await phoneFor(market, SMALL_PHONE);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('one incident from 初报 to 终报, as the three users see it', () => {
  it('the duty officer files the 初报 on the desk (1366×768); the board (1920×1080) shows it with its units', async () => {
    await desk.goto(`${server.url}/duty`);
    await fillReport(desk, { title: TITLE });
    await desk.locator('aside.preview tr', { hasText: '总工会' }).waitFor();
    expect(await fitsWidth(desk)).toBe(true);
    const response = desk.waitForResponse((r) => r.url().endsWith('/api/v1/incidents') && r.request().method() === 'POST');
    await desk.getByRole('button', { name: /提交初报/ }).click();
    const answer = await response;
    expect(answer.status()).toBe(201);
    filed = await answer.json();
    expect(filed.notifications.map((n) => n.unitId)).toEqual(expect.arrayContaining([union, hrss]));
    expect(filed.notifications.some((n) => n.unitId === market)).toBe(false);
    await desk.getByText(`初报已提交：${filed.ref}`).waitFor();

    await within(15_000, 'every notified unit on the board', async () => (await board.locator(`[data-incident-id="${filed.id}"] tr[data-unit-id]`).count()) === filed.notifications.length);
    await board.getByRole('heading', { name: TITLE }).waitFor();
    expect(await fitsWidth(board)).toBe(true);
  });

  it('a liaison acknowledges on a 360×640 phone: the 签收 button is on screen without scrolling', async () => {
    const page = phones.union!;
    await card(page).waitFor({ timeout: 15_000 });
    const ack = card(page).getByRole('button', { name: '签收', exact: true });
    expect(await onScreen(page, ack)).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await ack.click();
    await card(page).getByText('✓ 已签收').waitFor();
    await within(15_000, 'the acknowledgement on the board', async () => (await gridRow(union).getAttribute('data-state')) === 'acknowledged');
  });

  it('another unit declines on a 412×915 phone with a quick-pick reason', async () => {
    const page = phones.hrss!;
    await card(page).waitFor({ timeout: 15_000 });
    expect(await onScreen(page, card(page).getByRole('button', { name: '签收', exact: true }))).toBe(true);
    expect(await fitsWidth(page)).toBe(true);
    await card(page).getByRole('button', { name: '退回…' }).click();
    await card(page).getByRole('button', { name: '不属于本单位职责' }).click();
    await card(page).getByRole('button', { name: '确认退回' }).click();
    await card(page).getByText('已退回：不属于本单位职责').waitFor();
    await card(page).getByText('等待指挥长处理').waitFor();
    await within(15_000, 'the decline on the board', async () => (await gridRow(hrss).getAttribute('data-state')) === 'declined');
  });

  it('the commander reassigns the declined duty on the board; the unit it goes to acknowledges on its phone', async () => {
    const item = board.locator('.commander-panel li[data-kind="declined"]', { hasText: '不属于本单位职责' });
    await item.waitFor({ timeout: 15_000 });
    await item.getByRole('button', { name: '处理退回' }).click();
    await item.getByRole('radio', { name: '改派其他单位' }).check();
    await item.getByLabel('改派给').selectOption(market);
    await item.getByLabel('改派理由').fill('涉事企业无照经营，由市场监管局配合处置');
    await item.getByRole('button', { name: '改派并通知' }).click();
    await item.waitFor({ state: 'detached' });
    await within(15_000, 'the reassigned unit on the board', () => gridRow(market).isVisible());

    // The declining unit sees the commander's decision, not who took its place.
    await card(phones.hrss!).locator('.decline-outcome', { hasText: '已改派其他单位承办：涉事企业无照经营，由市场监管局配合处置' }).waitFor({ timeout: 15_000 });

    const page = phones.market!;
    await card(page).waitFor({ timeout: 15_000 });
    const ack = card(page).getByRole('button', { name: '签收', exact: true });
    expect(await onScreen(page, ack)).toBe(true);
    await ack.click();
    await card(page).getByText('✓ 已签收').waitFor();
    await within(15_000, 'the reassigned unit’s acknowledgement on the board', async () => (await gridRow(market).getAttribute('data-state')) === 'acknowledged');
  });

  it('the duty officer files a 续报 on the desk; the phones say what changed', async () => {
    await desk.goto(`${server.url}/duty/incidents/${filed.id}`);
    await desk.getByRole('link', { name: '续报' }).click();
    await desk.waitForURL(`**/duty/incidents/${filed.id}/report?kind=follow_up`);
    await desk.getByLabel('急性病例').fill('5');
    await desk.getByRole('button', { name: '提交续报' }).click();
    await desk.waitForURL(`**/duty/incidents/${filed.id}?filed=follow_up`);
    await desk.locator('.incident-view-head').getByText('续报 第2版').waitFor();
    expect(await fitsWidth(desk)).toBe(true);
    await card(phones.union!).getByText(/续报·第2版/).first().waitFor({ timeout: 15_000 });
  });

  it('the commander files the 终报 on the desk, which closes the incident; the phones show 已结案 and ask for nothing', async () => {
    const page = await (await signedInContext(browser, server, 'commander', LAPTOP)).newPage();
    problems.push(watch(page));
    await page.goto(`${server.url}/duty/incidents/${filed.id}/report?kind=final`);
    await page.getByLabel('标题').waitFor();
    // Upward reports not yet on record keep the incident open; the commander closes with a reason.
    const override = page.getByLabel('强制结案理由');
    if (await override.isVisible().catch(() => false)) await override.fill('现场处置完毕，上报材料另行补录');
    const response = page.waitForResponse((r) => r.url().includes(`/api/v1/incidents/${filed.id}/reports`) && r.request().method() === 'POST');
    await page.getByRole('button', { name: '提交终报' }).click();
    let answer = await response;
    if (answer.status() === 409) {
      // The server named what is still open: the commander closes over it with a reason.
      await override.fill('现场处置完毕，上报材料另行补录');
      const retry = page.waitForResponse((r) => r.url().includes(`/api/v1/incidents/${filed.id}/reports`) && r.request().method() === 'POST');
      await page.getByRole('button', { name: '提交终报' }).click();
      answer = await retry;
    }
    expect(answer.status()).toBe(201);
    await page.waitForURL(`**/duty/incidents/${filed.id}?filed=final`);
    await page.locator('.incident-view-head').getByText(/结案/).first().waitFor();
    expect(await fitsWidth(page)).toBe(true);
    const detail = await server.request('GET', `/api/v1/incidents/${filed.id}`, { token: await server.login('commander') });
    expect(detail.body.incident.status).toBe('closed');

    for (const [name, phone] of Object.entries(phones)) {
      await card(phone).getByText('已结案 · 无需签收或退回').first().waitFor({ timeout: 15_000 });
      expect(await card(phone).getByRole('button', { name: '签收', exact: true }).count(), name).toBe(0);
      expect(await card(phone).getByRole('button', { name: '退回…' }).count(), name).toBe(0);
      await phone.getByRole('heading', { name: '待签收 0 件' }).waitFor();
      expect(await fitsWidth(phone), name).toBe(true);
    }
  });

  it('the board shows the outcome at 1920×1080 and at 1366×768, and nothing on any page went wrong', async () => {
    for (const viewport of [WALL, LAPTOP]) {
      await board.setViewportSize(viewport);
      await board.reload();
      await board.locator('[data-link="online"]').waitFor({ timeout: 15_000 });
      expect(await fitsWidth(board)).toBe(true);
    }
    expect(problems.flat()).toEqual([]);
  });
});

/**
 * The liaison's phone page at 360×640 and 412×915 in Chromium: one tap of 签收 or 退回 posts one
 * request (not a second one from the outbox); the 签收 button shows without scrolling; the inbox
 * reads by deadline with drills apart; 退回 offers common reasons; the commander's decision on a
 * decline comes back to the unit (not which unit took its place); a 续报 reads as 续报·第N版 with what changed, on one card; the
 * 终报 shows 已结案 and asks for nothing; the reporter's phone is a tel: link; the header's
 * buttons stay on one line.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, watch, within } from './browser.js';

let server: TestServer;
let browser: Browser;
let duty: string;
let commander: string;
let union: string;
let market: string;

async function phone(viewport: { width: number; height: number }, username: string): Promise<{ context: BrowserContext; page: Page; posts: string[]; problems: string[] }> {
  const context = await browser.newContext({ viewport, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  context.setDefaultTimeout(8000);
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  const problems = watch(page);
  const posts: string[] = [];
  page.on('request', (r) => {
    const m = /\/api\/v1\/notifications\/([^/]+)\/(acknowledge|decline)$/.exec(r.url());
    if (m && r.method() === 'POST') posts.push(`${m[2]} ${m[1]}`);
  });
  await page.goto(`${server.url}/m`);
  await page.getByRole('heading', { name: /待签收/ }).waitFor();
  return { context, page, posts, problems };
}

async function file(title: string, overrides: Record<string, unknown> = {}) {
  const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title, ...overrides }) });
  expect(res.status).toBe(201);
  return res.body as { id: string; notifications: { id: string; unitId: string }[] };
}

const outboxEmpty = (page: Page) => within(15_000, 'the outbox is empty', () => page.evaluate(() => (localStorage.getItem('lianfang.m.outbox') ?? '[]') === '[]'));

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  commander = await server.login('commander');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  market = await unitIdByName(server, duty, 'xinyang', '市场监督');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the phone page at 360×640', () => {
  let page: Page;
  let posts: string[];
  let problems: string[];
  const card = (title: string) => page.locator('article', { hasText: title });

  beforeAll(async () => {
    ({ page, posts, problems } = await phone({ width: 360, height: 640 }, `liaison.${union}`));
  });

  it('shows the 签收 button without scrolling, and one tap posts exactly one acknowledgement', async () => {
    const filed = await file('一次签收一次请求');
    await card('一次签收一次请求').waitFor();
    const button = card('一次签收一次请求').getByRole('button', { name: '签收', exact: true });
    const box = (await button.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(640);
    await button.click();
    await card('一次签收一次请求').getByText('✓ 已签收').waitFor();
    await outboxEmpty(page);
    const id = filed.notifications.find((n) => n.unitId === union)!.id;
    expect(posts.filter((p) => p.endsWith(id))).toEqual([`acknowledge ${id}`]);
  });

  it('退回 with a quick-pick reason posts one decline; the commander’s reassignment comes back with who and why', async () => {
    const filed = await file('一次退回一次请求');
    const id = filed.notifications.find((n) => n.unitId === union)!.id;
    await card('一次退回一次请求').getByRole('button', { name: '退回…' }).click();
    await card('一次退回一次请求').getByRole('button', { name: '不属于本单位职责' }).click();
    await expect(card('一次退回一次请求').getByLabel(/退回理由/).inputValue()).resolves.toBe('不属于本单位职责');
    await card('一次退回一次请求').getByRole('button', { name: '确认退回' }).click();
    await card('一次退回一次请求').getByText('已退回：不属于本单位职责').waitFor();
    await outboxEmpty(page);
    expect(posts.filter((p) => p.endsWith(id))).toEqual([`decline ${id}`]);
    expect(await page.locator('.message').count()).toBe(0);

    const resolved = await server.request('POST', `/api/v1/notifications/${id}/resolve-decline`, {
      token: commander,
      body: { action: 'reassign', unitId: market, reason: '无照经营，由市场监管局查处' },
    });
    expect(resolved.status).toBe(200);
    // The unit learns the answer and why, not which unit took its place (src/contract/events.ts).
    await card('一次退回一次请求')
      .getByText('已改派其他单位承办：无照经营，由市场监管局查处')
      .waitFor()
      .catch(async (err) => {
        throw new Error(`${err.message}\ncard says: ${await card('一次退回一次请求').textContent()}`);
      });
    await expect(card('一次退回一次请求').textContent()).resolves.toContain('指挥长');
    await expect(card('一次退回一次请求').textContent()).resolves.not.toContain('市场监督管理局');
    // After a reload the decision is still told, from the inbox itself.
    await page.reload();
    await card('一次退回一次请求').getByText('已改派其他单位承办：无照经营，由市场监管局查处').waitFor();
    await expect(card('一次退回一次请求').textContent()).resolves.not.toContain('市场监督管理局');
  });

  it('orders what awaits the unit by deadline, sets drills apart, and links the reporter’s phone', async () => {
    await file('先到期的事故');
    await file('后到期的事故');
    await file('演练事故', { drill: true });
    await card('后到期的事故').waitFor();
    await card('演练事故').waitFor();
    const titles = await page.locator('article h2').allTextContents();
    expect(titles.findIndex((t) => t.includes('先到期的事故'))).toBeLessThan(titles.findIndex((t) => t.includes('后到期的事故')));
    // Drills come after every real incident, under their own heading.
    expect(titles.at(-1)).toContain('演练事故');
    await expect(page.locator('section.drills').getByRole('heading', { name: '【演练】', exact: true }).count()).resolves.toBe(1);
    await card('先到期的事故').getByText('事故经过与已采取措施').click();
    await expect(card('先到期的事故').locator('a[href^="tel:"]').getAttribute('href')).resolves.toBe('tel:0376-1234567'.replace('-', ''));
  });

  it('a 续报 reads as 续报·第2版 with what changed, on the same card; the 终报 shows 已结案 and asks for nothing', async () => {
    const filed = await file('续报变化');
    await card('续报变化').waitFor();
    const changed = { ...xinyangReport({ title: '续报变化' }), kind: 'follow_up', casualties: { exposed: 8, acuteCases: 5, severeCases: 1, deaths: 1, anthraxCases: 0 } };
    expect((await server.request('POST', `/api/v1/incidents/${filed.id}/reports`, { token: duty, body: changed })).status).toBe(201);
    await card('续报变化').getByText(/续报·第2版/).waitFor();
    const note = await card('续报变化').locator('.revision').textContent();
    expect(note).toContain('急性病例 3→5');
    expect(note).toContain('死亡 0→1');
    await expect(card('续报变化').count()).resolves.toBe(1);

    const final = { ...changed, kind: 'final', closeOverride: { reason: '处置完毕' } };
    expect((await server.request('POST', `/api/v1/incidents/${filed.id}/reports`, { token: commander, body: final })).status).toBe(201);
    await card('续报变化').getByText('已结案').waitFor();
    await expect(card('续报变化').getByRole('button', { name: '签收', exact: true }).count()).resolves.toBe(0);
    await expect(card('续报变化').getByRole('button', { name: '退回…' }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});

describe('the phone page at 412×915', () => {
  it('keeps the header’s buttons on one line', async () => {
    const { page, context } = await phone({ width: 412, height: 915 }, `liaison.${union}`);
    // What the header shows: its buttons and 更多 (the menu's own items open below it).
    const boxes = await page.locator('header.bar button:visible, header.bar summary').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: r.top, height: r.height })));
    expect(boxes.length).toBeGreaterThan(1);
    for (const b of boxes) {
      expect(Math.abs(b.top - boxes[0]!.top)).toBeLessThan(2);
      // One line of text: a wrapped label would double the button's height.
      expect(b.height).toBeLessThan(48);
    }
    await context.close();
  });
});

/**
 * A shared phone: logging out of /m leaves nothing of the person readable for the next one —
 * inbox, tasks, identity, the service worker's API copies and the offline outbox (sent first;
 * discarded only with consent). And the login page never follows `next` off the site.
 */
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, within } from './browser.js';
import { chooseFromPhoneMenu } from '../support/phone-menu.js';

let server: TestServer;
let browser: Browser;
let duty: string;
let union: string;
let propaganda: string;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  propaganda = await unitIdByName(server, duty, 'xinyang', '宣传部');
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phone(username: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
  context.setDefaultTimeout(8000);
  await signIn(context, username);
  const page = await context.newPage();
  await page.goto(`${server.url}/m`);
  await page.getByRole('heading', { name: /待签收/ }).waitFor();
  return { context, page };
}

async function signIn(context: BrowserContext, username: string) {
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD }, headers: { origin: server.url } });
  expect(login.status()).toBe(200);
}

async function file(title: string) {
  const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }) });
  expect(res.status).toBe(201);
  return res.body as { id: string; notifications: { id: string; unitId: string; state: string }[] };
}

async function stateOf(incidentId: string) {
  const res = await server.request('GET', `/api/v1/incidents/${incidentId}`, { token: duty });
  return res.body.notifications.find((n: any) => n.unitId === union && n.state !== 'superseded').state as string;
}

/** Everything of the person this page's origin keeps, as a reader of the phone would find it. */
const kept = (page: Page) =>
  page.evaluate(async () => {
    const storage = Object.keys(localStorage).filter((k) => k.startsWith('lianfang.'));
    const cached: string[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) if (new URL(req.url).pathname.startsWith('/api/')) cached.push(`${name} ${req.url}`);
    }
    return { storage, cached };
  });

const card = (page: Page, title: string) => page.locator('article', { hasText: title });

describe('logging out of the phone page', () => {
  it('keeps nothing of the person: storage, the service worker’s API copies and the session are gone', async () => {
    const { context, page } = await phone(`liaison.${union}`);
    const filed = await file('共用手机登出');
    await card(page, '共用手机登出').waitFor();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await card(page, '共用手机登出').waitFor();
    expect((await kept(page)).storage.length).toBeGreaterThan(0);
    expect((await kept(page)).cached.length).toBeGreaterThan(0);

    await chooseFromPhoneMenu(page, '退出');
    await page.waitForURL(/\/login/);
    const left = await kept(page);
    expect(left).toEqual({ storage: [], cached: [] });
    // The session is over on the server too.
    expect((await context.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(401);
    // With no network the phone page shows nothing of the person.
    await context.setOffline(true);
    await page.goto(`${server.url}/m`).catch(() => {});
    expect(await page.content()).not.toContain('共用手机登出');
    await context.setOffline(false);
    expect(await stateOf(filed.id)).toBe('pending');
    await context.close();
  });

  it('an action that cannot be sent is discarded only with the person’s consent', async () => {
    const { context, page } = await phone(`liaison.${union}`);
    const filed = await file('未发送的签收');
    await card(page, '未发送的签收').waitFor();
    // The server cannot be reached for acknowledgements (the rest of the network works).
    await context.route('**/api/v1/notifications/*/acknowledge', (route) => route.abort('internetdisconnected'));
    await card(page, '未发送的签收').getByRole('button', { name: '签收' }).click();
    await card(page, '未发送的签收').getByText('离线暂存').waitFor();

    await chooseFromPhoneMenu(page, '退出');
    const dialog = page.getByRole('alertdialog', { name: /还有1项签收或退回未发送/ });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '暂不退出' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(page.url()).toContain('/m');
    expect((await kept(page)).storage).toContain('lianfang.m.outbox');

    await chooseFromPhoneMenu(page, '退出');
    await dialog.getByRole('button', { name: '放弃未发送的操作并退出' }).click();
    await page.waitForURL(/\/login/);
    expect(await kept(page)).toEqual({ storage: [], cached: [] });
    expect(await stateOf(filed.id)).toBe('pending');
    await context.close();
  });

  it('when the network lets it, the queued acknowledgement is sent before the session ends', async () => {
    const { context, page } = await phone(`liaison.${union}`);
    const filed = await file('登出前发送');
    await card(page, '登出前发送').waitFor();
    let blocked = true;
    await context.route('**/api/v1/notifications/*/acknowledge', (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
    await card(page, '登出前发送').getByRole('button', { name: '签收' }).click();
    await card(page, '登出前发送').getByText('离线暂存').waitFor();
    blocked = false;
    await chooseFromPhoneMenu(page, '退出');
    await page.waitForURL(/\/login/);
    expect(await stateOf(filed.id)).toBe('acknowledged');
    await context.close();
  });

  it('someone else’s session on the same phone never sees or sends the previous person’s data', async () => {
    const { context, page } = await phone(`liaison.${union}`);
    const filed = await file('前一位联络员');
    await card(page, '前一位联络员').waitFor();
    await context.route('**/api/v1/notifications/*/acknowledge', (route) => route.abort('internetdisconnected'));
    await card(page, '前一位联络员').getByRole('button', { name: '签收' }).click();
    await card(page, '前一位联络员').getByText('离线暂存').waitFor();
    await context.unroute('**/api/v1/notifications/*/acknowledge');
    // The first person's session ends without 退出 (it expired, or was revoked); the next person logs in.
    await page.close();
    await context.clearCookies();
    await signIn(context, `liaison.${propaganda}`);
    const next = await context.newPage();
    await next.goto(`${server.url}/m`);
    await next.getByRole('heading', { name: /待签收/ }).waitFor();
    await next.getByText('● 在线').waitFor({ timeout: 15_000 });
    expect(await next.content()).not.toContain('前一位联络员');
    expect((await kept(next)).storage).not.toContain('lianfang.m.outbox');
    expect(await stateOf(filed.id)).toBe('pending');
    await context.close();
  });
});

describe('the login page', () => {
  for (const next of ['/%5Cevil.example', '/%09/evil.example'])
    it(`after login, next=${next} stays on this site`, async () => {
      const context = await browser.newContext({ locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto(`${server.url}/login?next=${next}`);
      await page.getByLabel('用户名').fill('commander');
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      // A navigation off the site would fail here (no such host); record where it was sent instead.
      const targets: string[] = [];
      page.on('framenavigated', (f) => f === page.mainFrame() && targets.push(f.url()));
      await page.getByRole('button', { name: '登录' }).click();
      await within(15_000, 'the page navigates after login', async () => targets.find((u) => !u.includes('/login')) ?? null);
      expect(new URL(page.url()).origin).toBe(new URL(server.url).origin);
      expect(new URL(page.url()).pathname).toBe('/board');
      await context.close();
    });
});

/**
 * The liaison's phone page (/m) in Debian Chromium with phone emulation: a notification arrives
 * live and is acknowledged with one tap; an acknowledgement made offline is kept and sent once
 * when the network returns; the page reloads offline from its service worker; and a Web Push,
 * verified and decrypted by a local push service, is shown by the service worker whose 签收
 * action acknowledges over the push channel.
 */
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { FakePushService, LOCAL_PUSH_SERVICE } from '../support/fake-push-service.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, watch, within } from './browser.js';
import { chooseFromPhoneMenu } from '../support/phone-menu.js';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let push: FakePushService;
let duty: string;
let union: string;
let problems: string[];

async function notificationState(incidentId: string) {
  const res = await server.request('GET', `/api/v1/incidents/${incidentId}`, { token: duty });
  return res.body.notifications.find((n: any) => n.unitId === union && n.state !== 'superseded');
}

async function file(title: string) {
  const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }) });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

const card = (title: string) => page.locator('article', { hasText: title });

beforeAll(async () => {
  push = new FakePushService();
  await push.start();
  server = await startTestServer({ pushEndpoints: LOCAL_PUSH_SERVICE });
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  browser = await launchChromium();
  context = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'allow' });
  context.setDefaultTimeout(8000);
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${union}`, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  await context.grantPermissions(['notifications'], { origin: server.url });
  // Chromium cannot reach a real push service here: only subscribe() is stubbed, with keys the test owns.
  const sub = push.subscribe('phone');
  await context.addInitScript((s: { endpoint: string; keys: { p256dh: string; auth: string } }) => {
    PushManager.prototype.subscribe = async function () {
      return { endpoint: s.endpoint, toJSON: () => ({ endpoint: s.endpoint, keys: s.keys }) } as unknown as PushSubscription;
    };
    PushManager.prototype.getSubscription = async () => null;
  }, { endpoint: sub.endpoint, keys: sub.keys });
  page = await context.newPage();
  problems = watch(page);
  await page.goto(`${server.url}/m`);
  await page.getByRole('heading', { name: /待签收/ }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await push?.stop();
});

describe('the liaison’s phone page', () => {
  it('shows a new notification live, with why this unit, and acknowledges it with one tap', async () => {
    const filed = await file('手机实时签收');
    await card('手机实时签收').waitFor();
    await expect(card('手机实时签收').textContent()).resolves.toContain('依法参与职业病危害事故的调查处理');
    await card('手机实时签收').getByLabel('备注（可选）').fill('已派员赶赴现场');
    await card('手机实时签收').getByRole('button', { name: '签收' }).click();
    await card('手机实时签收').getByText('✓ 已签收').waitFor();
    const n = await notificationState(filed.id);
    expect(n).toMatchObject({ state: 'acknowledged', acknowledgementNote: '已派员赶赴现场' });
    expect(n.firstReadAt).not.toBeNull();
  });

  it('keeps an acknowledgement made offline and sends it exactly once when the network returns', async () => {
    const filed = await file('离线签收');
    const { id } = await notificationState(filed.id);
    // Every acknowledgement of this notification the server answered (a post that failed offline reached nobody).
    const answered: number[] = [];
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith(`/api/v1/notifications/${id}/acknowledge`)) answered.push(r.status());
    });
    await card('离线签收').waitFor();
    await context.setOffline(true);
    await card('离线签收').getByRole('button', { name: '签收' }).click();
    await card('离线签收').getByText('离线暂存').waitFor();
    expect((await notificationState(filed.id)).state).toBe('pending');
    await context.setOffline(false);
    await within(15_000, 'the queued acknowledgement reaches the server', async () => (await notificationState(filed.id)).state === 'acknowledged');
    await card('离线签收').getByText('✓ 已签收').waitFor();
    // The outbox is the only sender: once it is empty, nothing more will be posted.
    await within(15_000, 'the outbox is empty', () => page.evaluate(() => (localStorage.getItem('lianfang.m.outbox') ?? '[]') === '[]'));
    expect(answered).toEqual([200]);
    // One acknowledgement of this unit's notification on the record (the commission's own unit stands acknowledged at filing).
    const events = await server.request('GET', `/api/v1/incidents/${filed.id}/events`, { token: duty });
    expect(events.body.events.filter((e: any) => e.type === 'notification.acknowledged' && e.data.notification.id === id)).toHaveLength(1);
  });

  it('reloads with no network from its service worker', async () => {
    await page.evaluate(() => navigator.serviceWorker.ready);
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: /待签收/ }).waitFor();
    await page.getByText('离线签收').first().waitFor();
    await context.setOffline(false);
    await page.reload();
    await page.getByText('● 在线').waitFor({ timeout: 15_000 });
  });

  it('adds an SMS number for this liaison, refuses a malformed one with the reason, and says at once that no SMS provider is configured here', async () => {
    await chooseFromPhoneMenu(page, '渠道');
    await page.getByLabel('短信接收手机号').fill('12345');
    await page.getByRole('button', { name: '添加手机号' }).click();
    await page.getByRole('alert').filter({ hasText: '手机号' }).waitFor();
    await page.getByLabel('短信接收手机号').fill('13812345678');
    await page.getByRole('button', { name: '添加手机号' }).click();
    await page.getByText(/短信：\+\*+5678/).waitFor();
    // This server has no SMS provider: the number is kept, and the liaison is told it cannot receive SMS yet.
    await page.getByRole('alert').filter({ hasText: '已保存，但无法发送：短信服务未配置，无法发送短信' }).waitFor();
    await page.locator('.channels li', { hasText: '5678' }).getByText('⚠ 无法发送：短信服务未配置').waitFor();
    await page.getByRole('button', { name: '关闭' }).click();
  });

  it('turns on Web Push; the pushed notification’s 签收 action acknowledges over the push channel', async () => {
    await page.getByRole('button', { name: '开启推送' }).click();
    await page.getByText('推送已开启').waitFor().catch(async (err) => {
      throw new Error(`${err.message}\npage says: ${await page.locator('.message').textContent().catch(() => '')}`);
    });
    const filed = await file('推送签收');
    const received = await within(15_000, 'the push reaches the push service', async () => push.received.find((r) => r.payload.title?.includes('推送签收')));
    expect(push.rejected).toEqual([]);

    const cdp = await context.newCDPSession(page);
    const registrationId = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const found = registrations.find((r: { scopeURL: string; isDeleted: boolean }) => r.scopeURL.startsWith(server.url) && !r.isDeleted);
        if (found) resolve(found.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId: await registrationId, data: JSON.stringify(received.payload) });
    const worker = context.serviceWorkers()[0]!;
    const titles = await within(15_000, 'the service worker shows the notification', async () => {
      const list = await worker.evaluate(() => (self as any).registration.getNotifications().then((ns: Notification[]) => ns.map((n) => n.title)));
      return list.some((t: string) => t.includes('推送签收')) ? list : null;
    });
    expect(titles.join()).toContain('推送签收');
    await worker.evaluate((url: string) => (self as any).acknowledgeFromNotification(url), received.payload.acknowledgeUrl);
    await within(15_000, 'acknowledged over the push channel', async () => (await notificationState(filed.id)).state === 'acknowledged');
    expect((await notificationState(filed.id)).acknowledgedVia).toBe('web_push');
    await card('推送签收').getByText('✓ 已签收').waitFor();
    expect(problems).toEqual([]);
  });
});

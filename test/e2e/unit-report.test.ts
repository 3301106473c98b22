/**
 * 信阳 三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」 in Debian Chromium: the
 * 总工会 liaison reports an accident from the phone page (/m); the duty officer's desk shows it at
 * once as an alert naming the unit and confirms it there; the phone shows the answer with the
 * incident's number.
 */
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { developerWords } from '../support/words.js';
import { launchChromium, LAPTOP, signedInContext, watch } from './browser.js';

const TITLE = '总工会获悉：某陶瓷厂工人一氧化碳中毒';

let server: TestServer;
let browser: Browser;
let phoneContext: BrowserContext;
let deskContext: BrowserContext;
let phone: Page;
let desk: Page;
let union: string;
let phoneProblems: string[];
let deskProblems: string[];

beforeAll(async () => {
  server = await startTestServer();
  union = await unitIdByName(server, await server.login('duty'), 'xinyang', '总工会');
  browser = await launchChromium();
  phoneContext = await browser.newContext({ ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  phoneContext.setDefaultTimeout(8000);
  const login = await phoneContext.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${union}`, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  deskContext = await signedInContext(browser, server, 'duty', LAPTOP);
  deskContext.setDefaultTimeout(8000);
  phone = await phoneContext.newPage();
  desk = await deskContext.newPage();
  phoneProblems = watch(phone);
  deskProblems = watch(desk);
  await desk.goto(`${server.url}/duty/incidents`);
  await desk.getByRole('link', { name: '事故列表' }).waitFor();
  await phone.goto(`${server.url}/m`);
  await phone.getByRole('heading', { name: /待签收/ }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('三(四)2 「其他部门如遇…及时向有关单位通报」: a liaison reports from the phone, the duty officer confirms on the desk', () => {
  it('the liaison files the report from /m', async () => {
    await phone.getByRole('tab', { name: '报告事故' }).click();
    await phone.getByLabel('事故标题').fill(TITLE);
    await phone.getByLabel('事发地址').fill('信阳市平桥区陶瓷园1号');
    await phone.getByLabel('用人单位名称').fill('信阳某陶瓷有限公司');
    await phone.getByLabel('行业').selectOption({ label: '陶瓷' });
    await phone.getByLabel('所有制').selectOption({ label: '私营' });
    await phone.getByLabel('是否持照经营').selectOption({ label: '持照' });
    await phone.getByLabel('劳动关系').selectOption({ label: '可以确定' });
    await phone.getByLabel('危害类别').selectOption({ label: '急性职业中毒' });
    await phone.getByLabel('致害物（可选）').fill('一氧化碳');
    await phone.getByLabel('急性病例数').fill('2');
    await phone.getByLabel('事故经过').fill('窑炉检修时两名工人出现头晕、恶心，已送医。');
    await phone.getByLabel('报告人电话').fill('0376-7654321');
    await phone.getByRole('button', { name: '报告卫生健康委' }).click();
    await phone.getByText('已报告卫生健康委，等待确认').waitFor();
    await phone.locator('article', { hasText: TITLE }).getByText('待卫健委确认').waitFor();
    // Every word of the form and its answers is Chinese.
    const text = await phone.locator('[role="tabpanel"]').evaluate((el) => {
      const clone = el.cloneNode(true) as HTMLElement;
      clone.querySelectorAll('[data-literal]').forEach((x) => x.remove());
      return `${clone.innerText} ${[...clone.querySelectorAll('option')].map((o) => o.textContent).join(' ')}`;
    });
    expect(developerWords(text)).toEqual([]);
  });

  it('the desk shows it at once as an alert naming the unit, and nothing is routed yet', async () => {
    const alert = desk.getByRole('alert').filter({ hasText: TITLE });
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toMatch(/总工会.*报告/);
    await expect(alert.textContent()).resolves.toContain('一氧化碳');
    const incidents = await server.request('GET', '/api/v1/incidents', { token: await server.login('duty') });
    expect(incidents.body.incidents).toEqual([]);
  });

  it('the duty officer confirms it; it becomes a 初报 whose clocks run from the filing, and the phone shows the answer', async () => {
    await desk.getByRole('alert').filter({ hasText: TITLE }).getByRole('button', { name: '确认为事故' }).click();
    await desk.getByText(/已确认.*事故编号/).waitFor();
    const duty = await server.login('duty');
    const [incident] = (await server.request('GET', '/api/v1/incidents', { token: duty })).body.incidents;
    expect(incident.title).toBe(TITLE);
    const [report] = (await server.request('GET', '/api/v1/unit-reports', { token: duty })).body.reports;
    expect(report).toMatchObject({ state: 'confirmed', incidentId: incident.id });
    expect(incident.receivedAt).toBe(report.filedAt);
    const card = phone.locator('article', { hasText: TITLE });
    await card.getByText(`已确认为事故，事故编号 ${incident.ref}`).waitFor();
    await phone.getByText(/已确认为事故/).first().waitFor();
  });

  it('left nothing broken in either page', () => {
    expect([...phoneProblems, ...deskProblems]).toEqual([]);
  });
});

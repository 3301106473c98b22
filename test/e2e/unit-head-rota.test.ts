/**
 * A unit head keeps its own unit's 值班表: from the phone page's 值班表 link (in the page, not the
 * header) to the unit's week, where they add a shift; they see and edit no other unit's rota, and
 * a liaison's phone page has no such link.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName } from '../support/reports.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { launchChromium, newContext, signedInContext, watch } from './browser.js';

const PHONE = { width: 360, height: 640 };
let server: TestServer;
let browser: Browser;
let union: string;
let other: string;

beforeAll(async () => {
  // 10:00 on Wednesday 2026-11-25 in 信阳.
  [server, browser] = await Promise.all([startTestServer({ fixedClock: new Date('2026-11-25T02:00:00Z'), manualEngine: true }), launchChromium()]);
  const admin = await server.login('admin');
  union = await unitIdByName(server, admin, 'xinyang', '总工会');
  other = await unitIdByName(server, admin, 'xinyang', '应急管理');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a unit head’s 值班表', () => {
  it('opens from /m, shows only the own unit, and a shift added there is saved', async () => {
    const page = await (await signedInContext(browser, server, `head.${union}`, PHONE)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/m`);
    const link = page.locator('main, body').getByRole('link', { name: /值班表/ });
    await link.waitFor();
    expect(await page.locator('header').getByRole('link', { name: /值班表/ }).count()).toBe(0);
    // The link itself fits the 360 px phone (the header's own width is the header's business).
    const box = (await link.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await link.click();
    await page.waitForURL('**/admin/rota');
    await page.getByRole('heading', { name: /总工会 值班表/ }).waitFor();
    // Their own unit only: no overview of the jurisdiction's units.
    expect(await page.locator('table.rota-overview').count()).toBe(0);

    await page.locator('#rota-p-start').fill('08:00');
    await page.locator('#rota-p-end').fill('20:00');
    await page.getByRole('button', { name: '添加排班' }).click();
    await page.getByText('已保存：排班规则').waitFor();
    await page.locator('.rota-day[data-date="2026-11-25"]').getByText('08:00–20:00').waitFor();
    const head = await server.login(`head.${union}`);
    const saved = await server.request('GET', `/api/v1/rota/units/${union}`, { token: head });
    expect(saved.body.rota.patterns).toEqual([expect.objectContaining({ kind: 'daily', startTime: '08:00', endTime: '20:00' })]);

    // Another unit's rota stays out of reach: the page shows the own unit whatever it is asked, the API answers 404 (not its to see).
    await page.goto(`${server.url}/admin/rota?unit=${other}`);
    await page.getByRole('heading', { name: /总工会 值班表/ }).waitFor();
    expect((await server.request('PUT', `/api/v1/rota/units/${other}`, { token: head, body: { rota: saved.body.rota } })).status).toBe(404);
    expect(problems).toEqual([]);
  });

  it('a link to the 值班表 opened signed out comes back to it after the login', async () => {
    const page = await (await newContext(browser, PHONE)).newPage();
    await page.goto(`${server.url}/admin/rota`);
    await page.waitForURL('**/login**');
    await page.getByLabel('用户名').fill(`head.${union}`);
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/admin/rota');
    await page.getByRole('heading', { name: /总工会 值班表/ }).waitFor();
  });

  it('a liaison’s phone page has no 值班表 link', async () => {
    const page = await (await signedInContext(browser, server, `liaison.${union}`, PHONE)).newPage();
    await page.goto(`${server.url}/m`);
    await page.getByRole('tab', { name: /通知/ }).waitFor();
    expect(await page.getByRole('link', { name: /值班表/ }).count()).toBe(0);
  });
});

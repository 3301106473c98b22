/**
 * The wall board as a commander uses it on a 1920×1080 display: the summary strip, three
 * incidents on one screen as compact rows that open on demand, a new incident announcing itself
 * in the page title until seen, filters and search, one-tap calling of a late unit, the map link,
 * and receipts folded in the timeline.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { xinyangReport } from '../support/reports.js';
import { launchChromium, signedInContext, watch, WALL, within } from './browser.js';

const MINUTE = 60_000;
let server: TestServer;
let browser: Browser;
let duty: string;
const ids: string[] = [];

beforeAll(async () => {
  // An hour back: every acknowledgement deadline has passed by the time the board looks.
  [server, browser] = await Promise.all([startTestServer({ fixedClock: new Date(Date.now() - 60 * MINUTE), manualEngine: true }), launchChromium()]);
  duty = await server.login('duty');
  for (const [title, employer] of [
    ['浉河区某化工厂硫化氢中毒事故', '信阳某化工有限公司'],
    ['平桥区某电镀厂氰化物中毒事故', '平桥某电镀有限公司'],
    ['羊山新区某工地职业性中暑事件', '信阳某建设工程有限公司'],
  ]) {
    const res = await server.request('POST', '/api/v1/incidents', {
      token: duty,
      body: xinyangReport({ title, employer: { name: employer, industry: 'chemical', ownership: 'private', licensed: true, laborRelation: 'determined' } }),
    });
    expect(res.status).toBe(201);
    ids.push(res.body.id);
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the wall board', () => {
  it('shows the strip, three incidents on one 1920×1080 screen, opens one on demand, and a new one announces itself', async () => {
    const page = await (await signedInContext(browser, server, 'commander', WALL)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/board`);
    await page.locator('[data-link="online"]').waitFor();
    const strip = page.locator('.summary-strip');
    expect(await strip.locator('[data-summary="open"] .summary-value').innerText()).toBe('3');
    expect(Number(await strip.locator('[data-summary="late"] .summary-value').innerText())).toBeGreaterThan(0);
    expect(await strip.locator('[data-summary="nearest"]').innerText()).toMatch(/已超时 \d+|剩余 \d/);

    // Compact rows: all three fit on the screen, none open.
    for (const id of ids) {
      const box = await page.locator(`article[data-incident-id="${id}"]`).boundingBox();
      expect(box!.y + box!.height, id).toBeLessThanOrEqual(WALL.height);
      expect(await page.locator(`article[data-incident-id="${id}"]`).getAttribute('data-expanded')).toBe('false');
    }
    const first = page.locator(`article[data-incident-id="${ids[0]}"]`);
    await first.getByRole('button', { name: '展开详情' }).click();
    await first.locator('table.unit-grid').waitFor();
    // A late unit offers its people's numbers; the address opens the map.
    const tel = first.locator('tr[data-deadline="overdue"] a[href^="tel:"]').first();
    expect(await tel.getAttribute('href')).toMatch(/^tel:1\d{10}$/);
    expect(await first.locator('a.map-link').getAttribute('href')).toBe(`https://uri.amap.com/search?keyword=${encodeURIComponent('信阳市浉河区工业园路1号 五星街道')}`);
    expect(await first.locator('a[href^="tel:"]', { hasText: '王值班' }).getAttribute('href')).toBe('tel:03761234567');

    // Search by enterprise, then by severity; clearing brings all back.
    await page.getByLabel('搜索').fill('电镀');
    await within(15_000, 'one incident shown', async () => (await page.locator('article[data-incident-id]').count()) === 1);
    expect(await page.locator('article[data-incident-id]').getAttribute('data-incident-id')).toBe(ids[1]);
    await page.getByRole('button', { name: '清除筛选' }).click();
    await page.getByLabel('性质').selectOption('drill');
    await page.locator('.board-empty', { hasText: '没有符合筛选条件的事故' }).waitFor();
    await page.getByRole('button', { name: '清除筛选' }).click();

    // A new incident: the title says so until someone touches the page.
    expect(await page.title()).toBe('联防指挥看板');
    const fourth = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '新县某矿山粉尘事故' }) });
    expect(fourth.status).toBe(201);
    await within(10_000, 'the title announces it', async () => (await page.title()) === '(1) 新事故 — 联防指挥看板');
    await page.locator('.new-incident-banner', { hasText: '新县某矿山粉尘事故' }).waitFor();
    await page.getByRole('button', { name: '知道了' }).click();
    await within(15_000, 'the title is back', async () => (await page.title()) === '联防指挥看板');
    expect(problems).toEqual([]);
  });

  it('folds delivery and read receipts in the timeline', async () => {
    const filed = await server.request('GET', `/api/v1/incidents/${ids[0]}`, { token: duty });
    // A member unit's, not the commission's own (which stands acknowledged at filing).
    const n = filed.body.notifications.find((x: any) => x.state !== 'acknowledged');
    const liaison = await server.login(`liaison.${n.unitId}`);
    await server.request('POST', `/api/v1/notifications/${n.id}/read`, { token: liaison });
    await server.request('POST', `/api/v1/notifications/${n.id}/acknowledge`, { token: liaison, body: {} });
    const page = await (await signedInContext(browser, server, 'commander', WALL)).newPage();
    await page.goto(`${server.url}/board`);
    const card = page.locator(`article[data-incident-id="${ids[0]}"]`);
    await card.getByRole('button', { name: '展开详情' }).click();
    const timeline = card.locator('section.timeline');
    await timeline.locator('li[data-type="notification.acknowledged"]', { hasText: n.unitName }).waitFor();
    expect(await timeline.locator(':scope > ol > li[data-type="notification.read"]').count()).toBe(0);
    const folded = timeline.locator('details.timeline-receipts');
    expect(await folded.locator('summary').innerText()).toMatch(/送达与已读回执（\d+条）/);
    expect(await folded.locator('li[data-type="notification.read"]').isVisible()).toBe(false);
    await folded.locator('summary').click();
    expect(await folded.locator('li[data-type="notification.read"]').isVisible()).toBe(true);
  });
});

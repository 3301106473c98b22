/**
 * A board with more open incidents than a wall can show (a drill day): the most urgent fifty are
 * drawn, the rest wait behind 显示更多 with their count, and the board keeps updating live.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch, WALL } from './browser.js';

const OPEN = 120;
let server: TestServer;
let browser: Browser;
let duty: string;

async function file(n: number, receivedAt = '2026-11-23T08:40:00+08:00'): Promise<string> {
  const res = await server.request('POST', '/api/v1/incidents', {
    token: duty,
    body: xinyangReport({
      title: `第${n}号演练点某厂硫化氢中毒事故`,
      receivedAt,
      employer: { name: `信阳第${n}化工有限公司`, industry: 'chemical', ownership: 'private', licensed: true, laborRelation: 'determined' },
    }),
  });
  expect(res.status).toBe(201);
  return res.body.id;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ manualEngine: true }), launchChromium()]);
  duty = await server.login('duty');
  for (let n = 1; n <= OPEN; n++) await file(n);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const rows = (page: Page) => page.locator('main.board-main [data-incident-id]');

describe('a board with many open incidents', () => {
  it('draws the first fifty, says how many more there are, shows them on demand, and still updates live', async () => {
    const page = await (await signedInContext(browser, server, 'commander', WALL)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/board`);
    await page.getByText(`还有 ${OPEN - 50} 起未显示`).waitFor();
    expect(await rows(page).count()).toBe(50);

    await page.getByRole('button', { name: '显示更多' }).click();
    await page.getByText(`还有 ${OPEN - 100} 起未显示`).waitFor();
    expect(await rows(page).count()).toBe(100);

    // A new report arrives while the board is paged: it is drawn (newest first) and the count grows.
    const id = await file(OPEN + 1, '2026-11-23T09:40:00+08:00');
    await page.locator(`main.board-main [data-incident-id="${id}"]`).waitFor();
    await page.getByText(`还有 ${OPEN + 1 - 100} 起未显示`).waitFor();
    expect(await rows(page).count()).toBe(100);
    expect(problems).toEqual([]);
  });
});

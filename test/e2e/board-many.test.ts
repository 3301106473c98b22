/**
 * A board with more open incidents than a wall can show (a drill day): the most urgent fifty are
 * drawn, the rest wait behind 显示更多 with their count, and the board keeps updating live. Past
 * the 200 the snapshot carries, the board says how many it left out instead of hiding them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch, WALL } from './browser.js';

const OPEN = 205;
const LOADED = 200;
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
    // Two hundred incidents in full are a large first read (speed is the bench's business, not this test's).
    await page.getByText(`还有 ${LOADED - 50} 起未显示`).waitFor({ timeout: 60_000 });
    expect(await rows(page).count()).toBe(50);
    await page.getByText(`另有 ${OPEN - LOADED} 起处置中的事故未载入大屏`).waitFor();

    await page.getByRole('button', { name: '显示更多' }).click();
    await page.getByText(`还有 ${LOADED - 100} 起未显示`).waitFor();
    expect(await rows(page).count()).toBe(100);

    // A new report arrives while the board is paged: it is drawn (newest first) and the count grows.
    const id = await file(OPEN + 1, '2026-11-23T09:40:00+08:00');
    await page.locator(`main.board-main [data-incident-id="${id}"]`).waitFor();
    await page.getByText(`还有 ${LOADED + 1 - 100} 起未显示`).waitFor();
    expect(await rows(page).count()).toBe(100);
    expect(problems).toEqual([]);
  });

  it('sends the most urgent in the snapshot: a major incident filed first comes before two hundred newer general ones', async () => {
    const commander = await server.login('commander');
    const before = (await server.request('GET', '/api/v1/board?jurisdictionId=xinyang', { token: commander })).body;
    const major = await server.request('POST', '/api/v1/incidents', {
      token: duty,
      body: xinyangReport({
        title: '某矿井一氧化碳中毒事故',
        receivedAt: '2026-11-22T08:40:00+08:00',
        occurredAt: '2026-11-22T08:10:00+08:00',
        employer: { name: '信阳某矿业有限公司', industry: 'chemical', ownership: 'private', licensed: true, laborRelation: 'determined' },
        casualties: { exposed: 30, acuteCases: 25, severeCases: 12, deaths: 2, anthraxCases: 0 },
      }),
    });
    expect(major.status).toBe(201);
    expect(major.body.severity).not.toBe('general');
    const board = (await server.request('GET', '/api/v1/board?jurisdictionId=xinyang', { token: commander })).body;
    expect(board.openTotal).toBe(before.openTotal + 1);
    expect(board.incidents).toHaveLength(LOADED);
    expect(board.incidents[0].incident.id).toBe(major.body.id);
  });
});

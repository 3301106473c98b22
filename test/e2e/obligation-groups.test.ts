/**
 * The board groups upward-reporting clocks by recipient (one heading per government body, not one
 * per regime), and one recorded report to a body meets its twins too (all picked by default).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch, within } from './browser.js';

let server: TestServer;
let browser: Browser;
let board: Page;
let duty: string;
let problems: string[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  duty = await server.login('duty');
  board = await (await signedInContext(browser, server, 'commander')).newPage();
  problems = watch(board);
  await board.goto(`${server.url}/board`);
  await board.locator('[data-link="online"]').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('upward-reporting clocks on the board', () => {
  it('are grouped by recipient, and one report to a body meets its twins', async () => {
    const iso = (t: Date) => t.toISOString().replace('Z', '+00:00');
    const receivedAt = new Date(Date.now() - 5 * 60_000);
    const body = xinyangReport({
      title: '多项义务同一对象',
      receivedAt: iso(receivedAt),
      occurredAt: iso(new Date(receivedAt.getTime() - 10 * 60_000)),
      casualties: { exposed: 30, acuteCases: 12, severeCases: 3, deaths: 1, anthraxCases: 0 },
    });
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body });
    expect(filed.status).toBe(201);
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${filed.body.id}/obligations`, { token: duty })).body;
    const recipients = [...new Set(obligations.map((o: any) => o.recipient.name))];
    expect(recipients.length).toBeLessThan(obligations.length);
    const card = board.locator(`.obligations[data-incident-id="${filed.body.id}"]`);
    await within(15_000, 'every obligation on the board', async () => (await card.locator('[data-obligation-id]').count()) === obligations.length);
    await expect(card.locator('.obligation-group').count()).resolves.toBe(recipients.length);

    const twins = obligations.filter((o: any) => o.recipient.name === obligations.find((x: any) => obligations.filter((y: any) => y.recipient.name === x.recipient.name && !y.informational).length > 1).recipient.name && !o.informational);
    const item = card.locator(`[data-obligation-id="${twins[0].id}"]`);
    await item.getByRole('button', { name: /记录上报/ }).click();
    await item.getByLabel('上报方式').selectOption('phone');
    const boxes = item.locator('.obligation-covers input[type="checkbox"]');
    await expect(boxes.count()).resolves.toBe(twins.length - 1);
    await item.getByRole('button', { name: '确认已上报' }).click();
    for (const t of twins) await within(15_000, `obligation ${t.id} shown submitted`, async () => (await card.locator(`[data-obligation-id="${t.id}"]`).getAttribute('data-state')) === 'submitted');
    const after = (await server.request('GET', `/api/v1/incidents/${filed.body.id}/obligations`, { token: duty })).body.obligations;
    for (const t of twins) expect(after.find((o: any) => o.id === t.id).state).toBe('submitted');
    expect(problems).toEqual([]);
  });
});

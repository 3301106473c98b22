/**
 * The rota on /admin: the administrator sees which units need a rota seen to, opens a unit's week,
 * adds a night shift and a day shift for its liaison from the calendar's forms, sees them in the
 * week, hands one shift to the unit head with a swap, and the flag for that unit goes away.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName } from '../support/reports.js';
import { launchChromium, signedInContext, watch } from './browser.js';

let server: TestServer;
let browser: Browser;
let union: string;

beforeAll(async () => {
  // 10:00 on Wednesday 2026-11-25 in 信阳.
  [server, browser] = await Promise.all([startTestServer({ fixedClock: new Date('2026-11-25T02:00:00Z'), manualEngine: true }), launchChromium()]);
  union = await unitIdByName(server, await server.login('admin'), 'xinyang', '总工会');
  // Only a day shift so far: the nights are gaps and the unit is flagged.
  const head = await server.login(`head.${union}`);
  const liaison = (await server.request('GET', '/api/v1/auth/me', { token: await server.login(`liaison.${union}`) })).body.id;
  const saved = await server.request('PUT', `/api/v1/rota/units/${union}`, {
    token: head,
    body: { rota: { patterns: [{ id: 'day', userId: liaison, kind: 'daily', startTime: '08:00', endTime: '20:00', from: '2026-11-01' }] } },
  });
  expect(saved.status).toBe(200);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the rota calendar on /admin', () => {
  it('shows the flags and the week, adds a night shift, swaps a shift, and the flag clears', async () => {
    const page = await (await signedInContext(browser, server, 'admin')).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/admin/rota?j=xinyang`);
    const flags = page.locator('.rota-flags');
    await flags.waitFor();
    expect(await flags.innerText()).toContain('总工会');
    expect(await flags.innerText()).toContain('未来7天有');

    await flags.getByRole('button', { name: /总工会/ }).click();
    const week = page.getByRole('table', { name: '本周排班' });
    await week.waitFor();
    expect(await page.locator('.rota-week-bar').innerText()).toContain('2026-11-23 至 2026-11-29');
    const wednesday = page.locator('.rota-day[data-date="2026-11-25"]');
    expect(await wednesday.innerText()).toContain('08:00–20:00');
    expect(await wednesday.innerText()).not.toContain('20:00–08:00');

    // A night shift for the same liaison, every day from this Monday.
    await page.getByLabel('开始', { exact: true }).first().fill('20:00');
    await page.getByLabel('结束（早于开始即跨夜）').fill('08:00');
    await page.getByRole('button', { name: '添加排班' }).click();
    await page.getByText('已保存：排班规则').waitFor();
    await wednesday.getByText('20:00–08:00').waitFor();
    await page.locator('.rota-flags').waitFor({ state: 'detached' });

    // The unit head takes Wednesday's night shift.
    await wednesday.getByRole('combobox', { name: /11-25 20:00/ }).selectOption({ label: (await headName()) });
    await page.getByText(/已保存：11-25 20:00换班给/).waitFor();
    const swapped = wednesday.locator('.rota-shift-swap');
    await swapped.waitFor();
    expect(await swapped.innerText()).toContain('换班');
    expect(await page.locator('.rota-rules').innerText()).toContain('换班：11-25 20:00');

    // Next week's calendar shows the rota repeating.
    await page.getByRole('button', { name: '下一周' }).click();
    await page.locator('.rota-day[data-date="2026-12-02"]').getByText('20:00–08:00').waitFor();
    expect(problems).toEqual([]);
  });
});

async function headName(): Promise<string> {
  const me = await server.request('GET', '/api/v1/auth/me', { token: await server.login(`head.${union}`) });
  return me.body.displayName;
}

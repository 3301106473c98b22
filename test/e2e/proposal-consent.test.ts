/**
 * 征求意见 in Chromium: the office puts a proposal to two units on the 联席会议 page; one agrees and
 * one objects with the reason on their phones; the office refers the disagreement to the
 * government and records its decision.
 */
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch } from './browser.js';

const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
const local = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
let server: TestServer;
let browser: Browser;
let office: Page;
const problems: string[][] = [];
const units: Record<'union' | 'eco', { id: string; shortName: string }> = {} as never;

async function phoneOf(unitId: string): Promise<Page> {
  const context = await browser.newContext(phone);
  context.setDefaultTimeout(8000);
  expect((await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${unitId}`, password: DEMO_PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  problems.push(watch(page));
  await page.goto(`${server.url}/m`);
  await page.getByText('● 在线').waitFor();
  return page;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  const duty = await server.login('duty');
  const listed = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
  for (const [k, part] of [['union', '总工会'], ['eco', '生态环境']] as const) {
    const id = await unitIdByName(server, duty, 'xinyang', part);
    units[k] = listed.find((u: any) => u.id === id);
  }
  const context = await signedInContext(browser, server, 'commander', { width: 1366, height: 900 });
  context.setDefaultTimeout(8000);
  office = await context.newPage();
  problems.push(watch(office));
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a proposal referred to the government', () => {
  it('is proposed on the desk, answered on two phones, referred and decided', async () => {
    await office.goto(`${server.url}/meetings`);
    await office.getByRole('button', { name: '发起征求意见' }).click();
    await office.getByLabel('事项类型').selectOption('campaign');
    await office.getByLabel('事项名称').fill('联合开展尘毒危害专项整治');
    await office.getByLabel('答复时限').fill(local(24));
    await office.getByLabel('事项内容').fill('拟由卫健委牵头，总工会、生态环境局配合开展专项整治。');
    for (const u of Object.values(units)) await office.locator('.unit-picks').getByLabel(u.shortName, { exact: true }).check();
    await office.getByRole('button', { name: '发出征求意见' }).click();
    await office.locator('li.proposal[data-state="consulting"]').waitFor();

    const union = await phoneOf(units.union.id);
    await union.locator('article[data-kind="proposal_consent"]').getByRole('button', { name: '同意', exact: true }).click();
    await union.locator('article[data-kind="proposal_consent"]').waitFor({ state: 'detached' });
    const eco = await phoneOf(units.eco.id);
    const card = eco.locator('article[data-kind="proposal_consent"]');
    await card.getByText('阅读事项全文').click();
    await card.getByText('拟由卫健委牵头').waitFor();
    await card.getByRole('button', { name: '不同意', exact: true }).click();
    await card.getByLabel('不同意的理由').fill('放射源部分应由生态环境局另行牵头');
    await card.getByRole('button', { name: '提交意见' }).click();
    await card.waitFor({ state: 'detached' });

    const item = office.locator('li.proposal[data-state="disagreed"]');
    await item.waitFor();
    // Each unit's answer, the objection with its reason (read when the state changes).
    await item.locator('li[data-state]').filter({ hasText: '放射源部分应由生态环境局另行牵头' }).waitFor();
    await item.getByLabel('报请市政府决定（各方意见和理由）').fill('生态环境局认为放射源部分应另行牵头，总工会同意');
    await item.getByRole('button', { name: '报请市政府决定' }).click();
    const referred = office.locator('li.proposal[data-state="referred"]');
    await referred.getByLabel('市政府决定').fill('同意联合整治，放射源部分由生态环境局牵头');
    await referred.getByRole('button', { name: '记录市政府决定' }).click();
    await office.locator('li.proposal[data-state="decided"]', { hasText: '市政府决定：同意联合整治' }).waitFor();
    expect(problems.flat()).toEqual([]);
  });
});

/**
 * A member unit's own bulletin, in Chromium on phones (信阳 三(四) 「各成员单位…互通信息」): 人社局's
 * liaison writes one to 总工会 and 财政局, reads the draft once more and publishes it; 总工会 reads
 * it; 人社局 opens its bulletin and sees 总工会 has read it and 财政局 has not.
 */
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, watch } from './browser.js';

const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
const TITLE = '劳务派遣单位职业健康检查情况通报';
let server: TestServer;
let browser: Browser;
const problems: string[][] = [];
const unit: Record<'union' | 'hrss' | 'finance', string> = {} as never;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  const duty = await server.login('duty');
  for (const [k, part] of [['union', '总工会'], ['hrss', '人力资源'], ['finance', '财政']] as const) unit[k] = await unitIdByName(server, duty, 'xinyang', part);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phoneOf(unitId: string): Promise<Page> {
  const context = await browser.newContext(phone);
  context.setDefaultTimeout(8000);
  expect((await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${unitId}`, password: DEMO_PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  problems.push(watch(page));
  await page.goto(`${server.url}/m#info`);
  await page.getByText('● 在线').waitFor();
  return page;
}

describe('a member unit’s own bulletin', () => {
  it('is published from the phone and its reading followed unit by unit', async () => {
    const hrss = await phoneOf(unit.hrss);
    await hrss.getByRole('button', { name: '发布本单位简报' }).click();
    const form = hrss.getByRole('form', { name: '起草简报' });
    await form.getByLabel('标题').fill(TITLE);
    await form.getByLabel('正文').fill('本月检查劳务派遣单位15家。\n发现问题3个，已责令整改。');
    await form.getByLabel('全体成员单位').uncheck();
    await form.getByLabel(/总工会/).check();
    await form.getByLabel(/财政/).check();
    await form.getByRole('button', { name: '保存草稿' }).click();
    const draft = hrss.locator('.unit-bulletin [data-draft]');
    await draft.getByText('发现问题3个，已责令整改。').waitFor();
    await draft.getByRole('button', { name: '发布' }).click();
    await draft.waitFor({ state: 'detached' });

    const union = await phoneOf(unit.union);
    const waiting = union.locator('article[data-waiting="bulletin"]', { hasText: TITLE });
    await waiting.getByRole('button', { name: '阅读' }).click();
    await union.getByText('本月检查劳务派遣单位15家。').waitFor();

    await hrss.reload();
    await hrss.getByText('● 在线').waitFor();
    await hrss.getByRole('button', { name: TITLE }).click();
    const receipts = hrss.getByRole('region', { name: '阅读回执' });
    await receipts.getByText('已读 1 / 2 个单位').waitFor();
    expect(await receipts.locator(`li[data-unit="${unit.union}"]`).getAttribute('data-read')).toBe('yes');
    expect(await receipts.locator(`li[data-unit="${unit.finance}"]`).getAttribute('data-read')).toBe('no');
    expect(problems.flat()).toEqual([]);
  });
});

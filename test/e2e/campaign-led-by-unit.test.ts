/**
 * A campaign a member unit leads, in Chromium on phones (信阳 三(三) 「或发起单位牵头」): 人社局's
 * liaison opens it from the phone menu, naming 总工会's task; 总工会's liaison reports completion
 * with a file; 人社局 sees it done on time with the file, then ends the campaign with a reason;
 * the office's 联席会议 page shows it ended, with the reason.
 */
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { chooseFromPhoneMenu } from '../support/phone-menu.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch } from './browser.js';

const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
const local = (hours: number) => new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);
const day = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
let server: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const problems: string[][] = [];
let union: string;
let hrss: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phoneOf(username: string): Promise<Page> {
  const context = await browser.newContext(phone);
  context.setDefaultTimeout(8000);
  contexts.push(context);
  expect((await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } })).status()).toBe(200);
  const page = await context.newPage();
  problems.push(watch(page));
  await page.goto(`${server.url}/m`);
  await page.getByText('● 在线').waitFor();
  return page;
}

describe('a campaign a member unit leads', () => {
  it('is opened on the lead’s phone, reported with a file by another unit, and ended by the lead', async () => {
    const lead = await phoneOf(`liaison.${hrss}`);
    await chooseFromPhoneMenu(lead, '发起联合行动');
    const form = lead.getByRole('form', { name: '发起联合行动' });
    await form.getByText('（本单位发起）').waitFor();
    await form.getByLabel('行动类型').selectOption('joint_enforcement');
    await form.getByLabel('行动名称').fill('劳务派遣用工职业健康联合检查');
    await form.getByLabel('开始日期').fill(day(0));
    await form.getByLabel('结束日期').fill(day(20));
    await form.getByLabel('行动范围（重点行业、领域）').fill('全市劳务派遣单位');
    await form.locator('#ct-task-0').fill('检查劳动合同中的职业病危害告知');
    await form.locator('#ct-due-0').fill(local(96));
    await form.getByRole('button', { name: '增加参与单位' }).click();
    await form.locator('#ct-unit-1').selectOption(union);
    await form.locator('#ct-task-1').fill('收集职工反映的问题');
    await form.locator('#ct-due-1').fill(local(48));
    await form.getByRole('button', { name: '发起行动' }).click();
    const led = lead.locator('.lead-campaigns li.campaign');
    await led.locator(`tr[data-unit="${union}"][data-timeliness="open"]`).waitFor();
    await led.locator(`tr[data-unit="${hrss}"]`).waitFor();

    const member = await phoneOf(`liaison.${union}`);
    const card = member.locator('article[data-kind="campaign_task"]');
    await card.getByText('收集职工反映的问题').waitFor();
    await card.getByLabel('任务进展').fill('已收集问题12条');
    await card.getByLabel('附件（照片、PDF、Word）').setInputFiles({ name: '问题清单.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 问题清单\n%%EOF\n') });
    await card.getByText('问题清单.pdf').waitFor();
    await card.getByLabel('本单位任务已完成').check();
    await card.getByRole('button', { name: '报告完成' }).click();
    await card.waitFor({ state: 'detached' });

    const done = led.locator(`tr[data-unit="${union}"][data-timeliness="on_time"]`);
    await done.getByRole('link', { name: /问题清单\.pdf/ }).waitFor();
    await led.getByRole('button', { name: '终止行动' }).click();
    await led.getByLabel('终止原因（将告知仍在办理的单位）').fill('市政府统一部署调整');
    await led.getByRole('button', { name: '确认终止' }).click();
    await led.getByText('原因：市政府统一部署调整').waitFor();
    expect(await led.getByRole('button', { name: '终止行动' }).count()).toBe(0);

    const context = await signedInContext(browser, server, 'commander', { width: 1366, height: 900 });
    contexts.push(context);
    const office = await context.newPage();
    problems.push(watch(office));
    await office.goto(`${server.url}/meetings`);
    const item = office.locator('li.campaign', { hasText: '劳务派遣用工职业健康联合检查' });
    await item.getByText('原因：市政府统一部署调整').waitFor();
    // Led by 人社局, not by the office.
    expect(await item.locator('.muted').first().textContent()).not.toContain('卫健委');
    expect(problems.flat()).toEqual([]);
  });
});

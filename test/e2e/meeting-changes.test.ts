/**
 * A meeting moved and then called off, in Chromium: the liaison opens the meeting's SMS link
 * (`/m?standing=<id>`) and lands on its card; the office moves the meeting to another room on the
 * 联席会议 page and the phone shows the new place at once; the office calls it off and the card
 * leaves the phone while the desk says why.
 */
import { devices, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch } from './browser.js';

const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
let server: TestServer;
let browser: Browser;
const problems: string[][] = [];
let union: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  union = await unitIdByName(server, await server.login('duty'), 'xinyang', '总工会');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a meeting moved, then called off', () => {
  it('the phone follows the office’s changes live', async () => {
    const convened = await server.request('POST', '/api/v1/meetings', {
      token: await server.login('commander'),
      body: { kind: 'topical', topic: '尘肺病防治专题会', startsAt: inHours(72), place: '市卫健委三楼会议室', agenda: ['议题一'], replyDueAt: inHours(24), invite: { unitIds: [union] } },
    });
    expect(convened.status).toBe(201);
    const meetingId = convened.body.meeting.id;
    const requestId = convened.body.requests[0].id;

    const phoneContext = await browser.newContext(phone);
    phoneContext.setDefaultTimeout(8000);
    expect((await phoneContext.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${union}`, password: DEMO_PASSWORD } })).status()).toBe(200);
    const liaison: Page = await phoneContext.newPage();
    problems.push(watch(liaison));
    // The SMS link opens the phone at the request's card, focused for the keyboard and screen reader.
    await liaison.goto(`${server.url}/m?standing=${requestId}`);
    const card = liaison.locator(`article[data-standing-id="${requestId}"]`);
    await card.and(liaison.locator('.linked')).waitFor();
    await liaison.waitForFunction((id) => document.activeElement?.getAttribute('data-standing-id') === id, requestId);
    await card.getByText('市卫健委三楼会议室').waitFor();
    // 全部待办 lists it with everything else waiting for the unit, by deadline.
    await liaison.locator('details.waiting-overview > summary').click();
    const entry = liaison.locator(`.waiting-overview li[data-waiting-key="s-${requestId}"]`);
    await entry.getByText('会议回执').waitFor();
    await entry.getByRole('button').click();
    await expect.poll(() => card.isVisible()).toBe(true);

    const deskContext = await signedInContext(browser, server, 'commander', { width: 1366, height: 900 });
    deskContext.setDefaultTimeout(8000);
    const office = await deskContext.newPage();
    problems.push(watch(office));
    await office.goto(`${server.url}/meetings?meeting=${meetingId}`);
    const detail = office.locator('section.meeting-detail');
    await detail.getByRole('button', { name: '改期 / 变更地点' }).click();
    const form = office.getByRole('form', { name: '会议变更' });
    await form.getByLabel('会议地点').fill('市政府第二会议室');
    await form.getByRole('button', { name: '通知变更' }).click();
    await form.locator('#mc-reason[aria-invalid="true"]').waitFor();
    await form.getByLabel('变更原因（将告知各受邀单位）').fill('三楼会议室检修');
    await form.getByRole('button', { name: '通知变更' }).click();
    await detail.getByText(/市政府第二会议室/).waitFor();
    await card.getByText('市政府第二会议室').waitFor();

    await detail.getByRole('button', { name: '取消会议' }).click();
    await office.getByLabel('取消原因（将告知各受邀单位）').fill('与市政府常务会冲突');
    await office.getByRole('button', { name: '确认取消会议' }).click();
    await detail.locator('[data-cancelled]', { hasText: '与市政府常务会冲突' }).waitFor();
    await card.waitFor({ state: 'detached' });
    expect(await detail.getByRole('button', { name: '起草纪要' }).count()).toBe(0);
    expect(problems.flat()).toEqual([]);
  });
});

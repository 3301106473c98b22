/**
 * Where a channel is configured it says when it cannot deliver, and where a unit is listed it
 * says when nothing reached it: /admin tells the admin at once that a robot on a host that is not
 * allowed cannot send, and lists a robot's last failure; the board's unit grid marks a unit whose
 * deliveries failed, with the reason on demand, and its task board a task whose assignment did; the
 * meetings page marks a unit a meeting notice never reached. On /m the unit's own people are one tap from a
 * call: who acknowledged, and the unit head when the unit is late.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkRobotAdapter } from '../../src/delivery/dingtalk-robot.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, WALL, watch, within } from './browser.js';
import { chooseFromPhoneMenu } from '../support/phone-menu.js';

let server: TestServer;
let browser: Browser;
let admin: Page;
let duty: string;
let union: string;
let quiet: { unitId: string; unitName: string };
const problems: string[][] = [];
const wecom = new RecordingAdapter('wecom');

beforeAll(async () => {
  // The filing clock is in the past, so every acknowledgement deadline has passed for the phones.
  [server, browser] = await Promise.all([
    startTestServer({ fixedClock: new Date('2026-11-23T01:00:00Z'), manualEngine: true, adapters: { dingtalk: new DingTalkRobotAdapter(), wecom } }),
    launchChromium(),
  ]);
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  admin = await (await signedInContext(browser, server, 'admin', WALL)).newPage();
  problems.push(watch(admin));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const unitRow = (unitId: string) => admin.locator(`.units-table tr[data-unit-id="${unitId}"]`);

describe('channels that cannot deliver', () => {
  it('/admin: a robot on a host that is not allowed is saved with the reason said at once', async () => {
    await admin.goto(`${server.url}/admin?j=xinyang`);
    const row = unitRow(union);
    await row.getByText('未配置群机器人').waitFor();
    await row.getByText('添加群机器人').click();
    await row.getByLabel('类型').selectOption('dingtalk');
    await row.getByLabel('机器人网址').fill('https://robot.example.com/send?access_token=abc');
    await row.getByRole('button', { name: '保存' }).click();
    await row.getByRole('alert').filter({ hasText: '已保存，但该群机器人无法发送：群机器人地址不是本系统允许的钉钉或企业微信地址' }).waitFor();
    await row.locator('[data-contact-point-id]', { hasText: '钉钉' }).getByText('⚠ 无法发送').waitFor();
  });

  it('a unit nothing reached is marked on the board with the reason on demand; /admin lists the robot’s last failure', async () => {
    // A unit with no one online whose only channel is a WeCom robot that refuses the message.
    quiet = { unitId: await unitIdByName(server, duty, 'xinyang', '人力资源'), unitName: '人力资源' };
    const robot = await server.request('POST', `/api/v1/units/${quiet.unitId}/robots`, {
      token: await server.login('admin'),
      body: { provider: 'wecom', webhook: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1', label: '值班群' },
    });
    expect(robot.status).toBe(201);
    expect(robot.body.contactPoint.cannotDeliver).toBeNull();
    wecom.script = Array.from({ length: 5 }, () => ({ ok: false as const, temporary: false, reason: '93000 invalid webhook url' }));

    const board = await (await signedInContext(browser, server, 'commander', WALL)).newPage();
    problems.push(watch(board));
    await board.goto(`${server.url}/board`);
    await board.locator('[data-link="online"]').waitFor({ timeout: 15_000 });
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '送达失败' }) });
    expect(filed.status).toBe(201);
    expect(filed.body.notifications.map((n: any) => n.unitId)).toContain(quiet.unitId);
    await server.engine.tick();

    const row = board.locator(`[data-incident-id="${filed.body.id}"] tr[data-unit-id="${quiet.unitId}"]`);
    await within(15_000, 'the unit marked as not reached', async () => (await row.getAttribute('data-delivery-failed')) === 'true');
    const mark = row.locator('details.delivery-failed');
    expect(await mark.locator('summary').innerText()).toContain('送达失败');
    expect(await mark.locator('li').isVisible()).toBe(false);
    await mark.locator('summary').click();
    expect(await mark.locator('li').first().innerText()).toContain('群机器人拒绝或无法接收消息');
    // Only units whose channels failed are marked: this one and the union, whose robot's host is not allowed.
    const marked = await board.locator(`[data-incident-id="${filed.body.id}"] tr[data-delivery-failed]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit-id')));
    expect(marked.sort()).toEqual([quiet.unitId, union].sort());
    expect(await board.locator(`[data-incident-id="${filed.body.id}"] tr[data-unit-id]`).count()).toBeGreaterThan(2);

    // A task for that unit whose assignment its robot refuses is marked on the task board until the unit accepts it.
    const task = await server.request('POST', `/api/v1/incidents/${filed.body.id}/tasks`, {
      token: await server.login('commander'),
      body: { unitId: quiet.unitId, role: 'support', title: '核查用工情况', description: '核查涉事企业劳动用工并反馈', dueAt: '2026-11-23T05:00:00.000Z' },
    });
    expect(task.status, JSON.stringify(task.body)).toBe(201);
    wecom.script = [{ ok: false, temporary: false, reason: '93000 invalid webhook url' }];
    await server.engine.tick();
    const taskRow = board.locator(`tr[data-task-id="${task.body.task.id}"]`);
    await within(15_000, 'the task marked as not reached', async () => (await taskRow.getAttribute('data-delivery-failed')) === 'true');
    await taskRow.locator('details.delivery-failed summary').click();
    expect(await taskRow.locator('details.delivery-failed li').first().innerText()).toContain('群机器人拒绝或无法接收消息');

    await admin.reload();
    await unitRow(quiet.unitId).locator('[data-contact-point-id]', { hasText: '值班群' }).getByText(/最近一次发送失败：.*对方服务拒绝了本次发送/).waitFor();
    expect(problems.flat()).toEqual([]);
  });
});

describe('/meetings: a unit a meeting notice never reached', () => {
  it('is marked on the replies table, live, with the reason on demand, until it answers', async () => {
    const office = await (await signedInContext(browser, server, 'commander', WALL)).newPage();
    problems.push(watch(office));
    const convened = await server.request('POST', '/api/v1/meetings', {
      token: await server.login('commander'),
      body: { kind: 'topical', topic: '送达失败的会议通知', startsAt: '2026-11-26T01:00:00.000Z', place: '市卫健委三楼会议室', agenda: ['议题'], replyDueAt: '2026-11-24T01:00:00.000Z', invite: { unitIds: [quiet.unitId] } },
    });
    expect(convened.status, JSON.stringify(convened.body)).toBe(201);
    await office.goto(`${server.url}/meetings?meeting=${convened.body.meeting.id}`);
    const row = office.locator(`table[data-table="replies"] tr[data-unit="${quiet.unitId}"]`);
    await row.waitFor();
    expect(await row.locator('details.delivery-failed').count()).toBe(0);

    // The unit's only channel, its WeCom robot, refuses the notice; the open page shows it without a reload.
    wecom.script = [{ ok: false, temporary: false, reason: '93000 invalid webhook url' }];
    await server.engine.tick();
    const mark = row.locator('details.delivery-failed');
    await mark.waitFor({ timeout: 15_000 });
    await mark.locator('summary').click();
    expect(await mark.locator('li').first().innerText()).toMatch(/群机器人：群机器人拒绝或无法接收消息/);

    // Once the unit has answered it plainly knows: the mark goes.
    const answered = await server.request('POST', `/api/v1/meetings/${convened.body.meeting.id}/reply`, { token: await server.login(`liaison.${quiet.unitId}`), body: { attendance: 'member', attendeeName: '李四' } });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    await within(15_000, 'the mark gone once the unit answered', async () => (await row.getAttribute('data-state')) === 'answered' && (await row.locator('details.delivery-failed').count()) === 0);
    expect(problems.flat()).toEqual([]);
  });
});

describe('/m: the unit’s own people one tap from a call', () => {
  it('shows the unit head’s numbers on a late card and the number of the liaison who acknowledged', async () => {
    const book = await server.request('GET', '/api/v1/jurisdictions/xinyang/phone-book', { token: duty });
    const people = book.body.units.find((u: any) => u.unitId === union).people;
    const head = people.find((p: any) => p.role === 'unit_head');
    const liaison = people.find((p: any) => p.role === 'liaison');
    expect(head && liaison).toBeTruthy();

    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    context.setDefaultTimeout(8000);
    expect((await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${union}`, password: 'lianfang-demo' } })).status()).toBe(200);
    const page = await context.newPage();
    problems.push(watch(page));
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '电话一键拨打' }) });
    expect(filed.status).toBe(201);
    await page.goto(`${server.url}/m`);
    const card = page.locator('article', { hasText: '电话一键拨打' });
    await card.getByText('已超时').waitFor();
    const headLine = card.locator('.head-phones');
    expect(await headLine.innerText()).toContain(head.displayName);
    expect(await headLine.locator('a[href^="tel:"]').getAttribute('href')).toBe(`tel:${head.phone.replace(/[^0-9+]/g, '')}`);

    await card.getByRole('button', { name: '签收', exact: true }).click();
    const done = card.locator('.done');
    await done.waitFor();
    expect(await done.innerText()).toContain(liaison.displayName);
    expect(await done.locator('a[href^="tel:"]').getAttribute('href')).toBe(`tel:${liaison.phone.replace(/[^0-9+]/g, '')}`);
    // Acknowledged: the card no longer asks anyone to call the head.
    expect(await card.locator('.head-phones').count()).toBe(0);
    // After a reload the inbox carries the numbers too.
    await page.reload();
    await page.locator('article', { hasText: '电话一键拨打' }).locator('.done a[href^="tel:"]').waitFor();
    expect(problems.flat()).toEqual([]);
  });
});

describe('/m: a push subscription the push service reported gone', () => {
  it('the channel page says this phone’s push subscription no longer works', async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
    context.setDefaultTimeout(8000);
    expect((await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${quiet.unitId}`, password: 'lianfang-demo' } })).status()).toBe(200);
    // The browser still holds a subscription; the server removed it when the push service answered 410.
    await context.addInitScript(() => {
      const registration = { pushManager: { getSubscription: async () => ({ endpoint: 'https://fcm.googleapis.com/fcm/send/gone-subscription' }) } };
      Object.defineProperty(navigator, 'serviceWorker', { value: { getRegistration: async () => registration, ready: new Promise(() => {}), register: async () => registration, addEventListener() {} }, configurable: true });
    });
    const page = await context.newPage();
    problems.push(watch(page));
    await page.goto(`${server.url}/m`);
    await page.getByRole('heading', { name: /待签收/ }).waitFor();
    await chooseFromPhoneMenu(page, '渠道');
    await page.getByRole('alert').filter({ hasText: '本机的推送订阅已失效' }).waitFor();
    expect(problems.flat()).toEqual([]);
  });
});

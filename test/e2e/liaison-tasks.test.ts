/**
 * Joint response tasks (联合处置) on the liaison's phone page (/m), in Debian Chromium with phone
 * emulation: a task the commander assigns appears live; the liaison accepts it, reports progress,
 * marks it blocked with a reason and done, and the server holds each step; the server's field
 * errors appear under the field; a task missed while offline arrives on reconnect; a task link
 * (`/?task=`) opens that task, through login too; and a drill says 【演练】 on every item.
 */
import { devices, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, watch, within } from './browser.js';

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let duty: string;
let commander: string;
let liaison: string;
let union: string;
let problems: string[];
let incidentId: string;

const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function file(title: string, drill = false): Promise<string> {
  const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title, drill }) });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function assign(incident: string, title: string, role: 'lead' | 'support' = 'lead'): Promise<string> {
  const res = await server.request('POST', `/api/v1/incidents/${incident}/tasks`, {
    token: commander,
    body: { unitId: union, role, title, description: `${title}：请组织人员参与调查并反馈`, dueAt: inHours(2) },
  });
  expect(res.status).toBe(201);
  return res.body.task.id;
}

/** The task as the server holds it, with the actions its history records. */
async function serverTask(id: string) {
  const res = await server.request('GET', `/api/v1/tasks/${id}`, { token: liaison });
  expect(res.status).toBe(200);
  return { ...res.body.task, actions: res.body.history.filter((e: any) => e.type === 'task.updated').map((e: any) => e.data.action) };
}

const taskCard = (id: string, on: Page = page): Locator => on.locator(`article[data-task-id="${id}"]`);
const tasksTab = (on: Page = page) => on.getByRole('tab', { name: /任务/ });

async function openTasks(): Promise<void> {
  await tasksTab().click();
  expect(await tasksTab().getAttribute('aria-selected')).toBe('true');
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  duty = await server.login('duty');
  commander = await server.login('commander');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  liaison = await server.login(`liaison.${union}`);
  incidentId = await file('手机任务事故');
  context = await browser.newContext(phone);
  context.setDefaultTimeout(8000);
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${union}`, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  page = await context.newPage();
  problems = watch(page);
  await page.goto(`${server.url}/m`);
  await page.getByRole('heading', { name: /待签收/ }).waitFor();
  await page.getByText('● 在线').waitFor();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('joint response tasks on the phone', () => {
  let taskId: string;

  it('shows a task the moment the commander assigns it, with no reload', async () => {
    await page.evaluate(() => ((window as any).__sameDocument = true));
    await openTasks();
    await page.getByText('暂无联合处置任务').waitFor();

    taskId = await assign(incidentId, '组织工会参与事故调查');
    const card = taskCard(taskId);
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('组织工会参与事故调查');
    expect(text).toContain('请组织人员参与调查并反馈');
    expect(text).toMatch(/所属事故：\S+ 手机任务事故/);
    expect(text).toContain('牵头');
    expect(text).toContain('状态：待接收');
    expect(text).toMatch(/办结时限 \d{2}-\d{2} \d{2}:\d{2}（剩 (1小时5\d分|2小时00分)）/);
    expect(text).not.toContain('【演练】');
    expect(await tasksTab().innerText()).toContain('待办 1');
    expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
  });

  it('says so on the inbox when a task arrives there, and the notice opens the task list', async () => {
    await page.getByRole('tab', { name: /通知/ }).click();
    const second = await assign(incidentId, '统计涉事职工工伤情况', 'support');
    await page.getByRole('status').filter({ hasText: '收到新任务：统计涉事职工工伤情况' }).waitFor();
    await page.getByRole('button', { name: '查看任务' }).click();
    expect(await taskCard(second).innerText()).toContain('配合');
    expect(await tasksTab().innerText()).toContain('待办 2');
    // The commander closes it: the card follows live and the count drops.
    const closed = await server.request('POST', `/api/v1/tasks/${second}/close`, { token: commander, body: { reason: '已由人社局统一统计' } });
    expect(closed.status).toBe(200);
    await taskCard(second).getByText('状态：已关闭').waitFor();
    expect(await taskCard(second).innerText()).toContain('已由人社局统一统计');
    expect(await taskCard(second).getByRole('button').count()).toBe(0);
    expect(await tasksTab().innerText()).toContain('待办 1');
  });

  it('accepts with one tap', async () => {
    const card = taskCard(taskId);
    expect(await card.getByRole('button', { name: /进展/ }).count()).toBe(0);
    await card.getByRole('button', { name: '接收' }).click();
    await card.getByText('状态：办理中').waitFor();
    const task = await serverTask(taskId);
    expect(task).toMatchObject({ state: 'accepted', acceptedBy: expect.any(String) });
    expect(task.actions).toEqual(['accept']);
    expect(await card.getByRole('button', { name: '接收' }).count()).toBe(0);
  });

  it('reports progress; an empty note gets the server’s reason under the field and changes nothing', async () => {
    const card = taskCard(taskId);
    await card.getByRole('button', { name: /进展/ }).click();
    const note = card.getByLabel('进展情况（必填）');
    expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);
    await card.getByRole('button', { name: '提交进展' }).click();
    const error = card.locator('.field-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('进展不能为空');
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await note.getAttribute('aria-describedby')).toBe(await error.getAttribute('id'));
    expect((await serverTask(taskId)).actions).toEqual(['accept']);

    await note.fill('已派员到场，正在调查取证');
    await card.getByRole('button', { name: '提交进展' }).click();
    await card.getByText('最近反馈：已派员到场，正在调查取证').waitFor();
    const task = await serverTask(taskId);
    expect(task).toMatchObject({ state: 'accepted', lastNote: '已派员到场，正在调查取证' });
    expect(task.actions).toEqual(['accept', 'progress']);
  });

  it('marks it blocked only with a reason', async () => {
    const card = taskCard(taskId);
    await card.getByRole('button', { name: /受阻/ }).click();
    await card.getByRole('button', { name: '确认受阻' }).click();
    await card.locator('.field-error').waitFor();
    expect(await card.locator('.field-error').innerText()).toContain('请填写理由');
    expect((await serverTask(taskId)).state).toBe('accepted');

    await card.getByLabel('受阻原因（必填）').fill('企业拒绝提供用工名册');
    await card.getByRole('button', { name: '确认受阻' }).click();
    await card.getByText('状态：受阻').waitFor();
    expect(await card.innerText()).toContain('受阻原因：企业拒绝提供用工名册');
    const task = await serverTask(taskId);
    expect(task).toMatchObject({ state: 'blocked', blockedReason: '企业拒绝提供用工名册' });
    expect(task.actions).toEqual(['accept', 'progress', 'block']);
  });

  it('marks it done with a note; a done task offers nothing more', async () => {
    const card = taskCard(taskId);
    expect(await card.getByRole('button', { name: /接收|受阻/ }).count()).toBe(0);
    await card.getByRole('button', { name: /办结/ }).click();
    await card.getByLabel('办结说明（可选）').fill('调查材料已报送卫健委');
    await card.getByRole('button', { name: '确认办结' }).click();
    await card.getByText('状态：已完成').waitFor();
    expect(await card.innerText()).toMatch(/已办结 · \d{2}-\d{2} \d{2}:\d{2}/);
    expect(await card.getByRole('button').count()).toBe(0);
    const task = await serverTask(taskId);
    expect(task).toMatchObject({ state: 'done', lastNote: '调查材料已报送卫健委', doneAt: expect.any(String) });
    expect(task.actions).toEqual(['accept', 'progress', 'block', 'complete']);
    expect(await tasksTab().innerText()).toContain('待办 0');
  });

  it('catches up on reconnect with a task assigned while offline', async () => {
    await context.setOffline(true);
    await page.getByText('离线，重连中').waitFor();
    const missed = await assign(incidentId, '离线期间布置的任务');
    await new Promise((r) => setTimeout(r, 300));
    expect(await taskCard(missed).count()).toBe(0);
    await context.setOffline(false);
    await taskCard(missed).waitFor({ timeout: 15_000 });
    expect(await taskCard(missed).innerText()).toContain('状态：待接收');
  });

  it('opens the task a link names, from /?task= and through login', async () => {
    const linked = await assign(incidentId, '链接打开的任务');
    const other = await context.newPage();
    await other.goto(`${server.url}/?task=${linked}`);
    await other.waitForURL(`**/m?task=${linked}`);
    await taskCard(linked, other).waitFor();
    expect(await tasksTab(other).getAttribute('aria-selected')).toBe('true');
    expect(await taskCard(linked, other).evaluate((el) => el === document.activeElement)).toBe(true);
    await other.close();

    const signedOut = await browser.newContext(phone);
    const fresh = await signedOut.newPage();
    await fresh.goto(`${server.url}/?task=${linked}`);
    await fresh.waitForURL('**/login**');
    await fresh.getByLabel('用户名').fill(`liaison.${union}`);
    await fresh.getByLabel('密码').fill(DEMO_PASSWORD);
    await fresh.getByRole('button', { name: '登录' }).click();
    await fresh.waitForURL(`**/m?task=${linked}`);
    await taskCard(linked, fresh).waitFor();
    await signedOut.close();
  });

  it('marks every item of a drill 【演练】, and only those', async () => {
    await page.getByRole('tab', { name: /通知/ }).click();
    const drill = await file('硫化氢中毒应急演练', true);
    const drillCard = page.locator('article', { hasText: '硫化氢中毒应急演练' });
    await drillCard.waitFor();
    expect(await drillCard.getByRole('heading').innerText()).toMatch(/^【演练】\s*硫化氢中毒应急演练/);
    expect(await page.locator('article', { hasText: '手机任务事故' }).getByRole('heading').innerText()).not.toContain('【演练】');

    const drillTask = await assign(drill, '演练：组织现场调查');
    await openTasks();
    await taskCard(drillTask).waitFor();
    expect(await taskCard(drillTask).getByRole('heading').innerText()).toMatch(/^【演练】\s*演练：组织现场调查/);
    expect(await taskCard(taskId).getByRole('heading').innerText()).not.toContain('【演练】');
    expect(problems).toEqual([]);
  });
});

/**
 * Story 4: an admin sees member units with their people, the rulebook with its quoted clauses,
 * users and roles; adds a liaison and takes one off duty. And every role lands on its own page
 * and sees only what it may.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName } from '../support/reports.js';
import { launchChromium, newContext, signedInContext, watch } from './browser.js';

let server: TestServer;
let browser: Browser;
let union: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  union = await unitIdByName(server, await server.login('admin'), 'xinyang', '总工会');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function logInThroughThePage(username: string, path = '/'): Promise<Page> {
  const page = await (await newContext(browser)).newPage();
  await page.goto(`${server.url}${path}`);
  await page.waitForURL('**/login**');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  return page;
}

describe('admin', () => {
  it('sees member units with their liaisons and heads, the rulebook with quoted clauses, and users', async () => {
    const page = await logInThroughThePage('admin');
    const problems = watch(page);
    await page.waitForURL('**/admin');
    const unionRow = page.locator(`tr[data-unit-id="${union}"]`);
    await unionRow.waitFor();
    expect(await unionRow.innerText()).toContain('总工会');
    expect(await unionRow.locator(`li[data-username="liaison.${union}"]`).innerText()).toContain('联络员');
    expect(await unionRow.locator(`li[data-username="head.${union}"]`).innerText()).toContain('单位负责人');
    expect(await unionRow.innerText()).toContain('在岗联络员 1 人');

    await page.getByRole('link', { name: '规则库' }).click();
    await page.getByRole('heading', { name: /规则库 · 信阳市/ }).waitFor();
    const rule = page.locator('tr[data-rule-id]', { hasText: '总工会' }).first();
    expect(await rule.innerText()).toContain('依法参与职业病危害事故的调查处理');
    expect(await rule.innerText()).toContain('所有事故');
    expect(await page.locator('tr[data-rule-id]').count()).toBeGreaterThan(8);

    await page.getByRole('link', { name: '用户与角色' }).click();
    await page.locator('tr[data-username="commander"]').waitFor();
    expect(await page.locator('tr[data-username="commander"]').innerText()).toContain('指挥长');
    expect(problems).toEqual([]);
  });

  it('adds a liaison to a unit and takes a liaison off duty', async () => {
    const page = await (await signedInContext(browser, server, 'admin')).newPage();
    await page.goto(`${server.url}/admin`);
    await page.getByText('添加联络员 / 单位负责人').click();
    await page.getByLabel('成员单位', { exact: true }).selectOption(union);
    await page.getByLabel('姓名', { exact: true }).fill('李新联络');
    await page.getByLabel('用户名', { exact: true }).fill('li.union');
    await page.getByLabel(/^初始密码/).fill('short');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    expect(await page.locator('#add-password-err').innerText()).toContain('密码至少10位');
    await page.getByLabel(/^初始密码/).fill('a-good-password');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await page.getByText('已添加 李新联络（li.union）').waitFor();
    const unionRow = page.locator(`tr[data-unit-id="${union}"]`);
    await unionRow.locator('li[data-username="li.union"]').waitFor();
    await unionRow.getByText('在岗联络员 2 人').waitFor();

    const toggle = unionRow.locator(`li[data-username="liaison.${union}"]`).getByRole('button', { name: /在岗/ });
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await toggle.click();
    await unionRow.getByText('在岗联络员 1 人').waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await toggle.innerText()).toContain('不在岗');
    const people = await server.request('GET', `/api/v1/admin/users?unitId=${union}`, { token: await server.login('admin') });
    expect(people.body.users.find((u: any) => u.username === `liaison.${union}`).onDuty).toBe(false);
    expect(people.body.users.find((u: any) => u.username === 'li.union')).toMatchObject({ role: 'liaison', onDuty: true });
  });
});

describe('each role lands on its page and sees only what it may', () => {
  it('a duty officer lands on /duty, a commander on /board, a liaison on /m', async () => {
    const duty = await logInThroughThePage('duty');
    await duty.waitForURL('**/duty');
    const commander = await logInThroughThePage('commander');
    await commander.waitForURL('**/board');
    const liaison = await logInThroughThePage(`liaison.${union}`);
    await liaison.waitForURL('**/m');
    // The phone page is its own entry (m.html), not the desk app.
    expect(await liaison.title()).toContain('联络员');
    expect(await liaison.locator('.topbar').count()).toBe(0);
  });

  it('a page opened before login comes back after it', async () => {
    const page = await logInThroughThePage('commander', '/duty/incidents');
    await page.waitForURL('**/duty/incidents');
  });

  it('a liaison cannot open the desk pages, and the API refuses it too', async () => {
    const page = await (await signedInContext(browser, server, `liaison.${union}`)).newPage();
    for (const path of ['/board', '/duty', '/admin']) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { name: '无权访问此页面' }).waitFor();
    }
    expect((await page.request.get(`${server.url}/api/v1/board`)).status()).toBe(403);
  });

  it('a commander sees admin read-only; a duty officer cannot open it', async () => {
    const commander = await (await signedInContext(browser, server, 'commander')).newPage();
    await commander.goto(`${server.url}/admin`);
    await commander.locator(`tr[data-unit-id="${union}"]`).waitFor();
    await commander.getByText('只读').waitFor();
    expect(await commander.getByText('添加联络员 / 单位负责人').count()).toBe(0);
    expect(await commander.getByRole('button', { name: /在岗/ }).count()).toBe(0);
    const duty = await (await signedInContext(browser, server, 'duty')).newPage();
    await duty.goto(`${server.url}/admin`);
    await duty.getByRole('heading', { name: '无权访问此页面' }).waitFor();
  });

  it('logging out ends the session: the pages send you to log in again', async () => {
    const page = await (await signedInContext(browser, server, 'duty')).newPage();
    await page.goto(`${server.url}/duty`);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
    await page.goto(`${server.url}/board`);
    await page.waitForURL('**/login?next=%2Fboard');
    expect((await page.request.get(`${server.url}/api/v1/auth/me`)).status()).toBe(401);
  });
});

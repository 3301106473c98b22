/**
 * After an administrator's reset, the person logs in with the one-time password and the web app
 * shows the change form (with the policy beside the field) before anything else; the weak choice is
 * refused on its field, a good one lands them on their page. The admin page marks demo accounts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD_RULE } from '../../src/domain/password-policy.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, newContext, signedInContext, watch } from './browser.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a reset password', () => {
  it('must be changed at the next login, in the browser, before the person’s page opens', async () => {
    const admin = await server.login('admin');
    const commanderId = (await server.request('GET', '/api/v1/admin/users?jurisdictionId=xinyang', { token: admin })).body.users.find((u: any) => u.username === 'commander').id;
    const reset = await server.request('POST', `/api/v1/admin/users/${commanderId}/reset-password`, { token: admin });
    expect(reset.status).toBe(200);

    const page = await (await newContext(browser)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('commander');
    await page.getByLabel('密码').fill(reset.body.oneTimePassword);
    await page.getByRole('button', { name: '登录' }).click();

    await page.getByRole('heading', { name: '修改密码' }).waitFor();
    expect(await page.getByText('管理员已为您重置密码').isVisible()).toBe(true);
    expect(await page.locator('#newPassword-rule').innerText()).toBe(PASSWORD_RULE);
    // The one-time password was just typed: it is not asked again.
    expect(await page.locator('#currentPassword').count()).toBe(0);

    await page.locator('#newPassword').fill('1234567890');
    await page.locator('#again').fill('1234567890');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.locator('#newPassword-err').waitFor();
    expect(await page.locator('#newPassword-err').innerText()).toContain('密码过于常见');
    expect(page.url()).toContain('/login');

    await page.locator('#newPassword').fill('信阳指挥长的新密码2026');
    await page.locator('#again').fill('信阳指挥长的新密码2026');
    await page.getByRole('button', { name: '保存新密码' }).click();
    await page.waitForURL('**/board', { waitUntil: 'commit' }).catch(async (err) => {
      throw new Error(`${err}\n${page.url()}\n${await page.locator('body').innerText()}`);
    });
    const login = await server.request('POST', '/api/v1/auth/login', { body: { username: 'commander', password: '信阳指挥长的新密码2026' } });
    expect(login.body.mustChangePassword).toBe(false);
    expect(problems).toEqual([]);
  });
});

describe('the admin page', () => {
  it('marks the demo accounts', async () => {
    const page = await (await signedInContext(browser, server, 'admin')).newPage();
    await page.goto(`${server.url}/admin/users?j=xinyang`);
    const row = page.locator('tr[data-username="duty"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('演示账号');
  });
});

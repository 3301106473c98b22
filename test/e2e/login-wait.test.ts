/** The login page, refused for too many attempts, says in Chinese how long to wait (from Retry-After). */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, newContext, watch } from './browser.js';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ manualEngine: true }), launchChromium()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the login page after too many attempts', () => {
  it('says how long to wait', async () => {
    const page = await (await newContext(browser)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/login`);
    await page.getByLabel('用户名').fill('duty');
    const statuses: number[] = [];
    let retryAfter = 0;
    page.on('response', (r) => r.url().endsWith('/api/v1/auth/login') && statuses.push(r.status()));
    for (let i = 0; statuses.at(-1) !== 429 && i < 10; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login'));
      await page.getByLabel('密码').fill(`wrong-${i}`);
      await page.getByRole('button', { name: '登录' }).click();
      const res = await answered;
      if (res.status() === 429) retryAfter = Number(res.headers()['retry-after']);
      await page.getByRole('button', { name: '登录' }).and(page.locator(':enabled')).waitFor();
    }
    expect(statuses.at(-1)).toBe(429);
    expect(retryAfter).toBeGreaterThan(0);
    const message = await page.getByRole('alert').innerText();
    expect(message).toMatch(/^登录尝试次数过多，请等待\d+(秒|分钟)后再试$/);
    const seconds = Number(message.match(/\d+/)![0]) * (message.includes('分钟') ? 60 : 1);
    expect(seconds).toBeGreaterThanOrEqual(retryAfter);
    expect(seconds - retryAfter).toBeLessThan(60);
    expect(problems).toEqual([]);
  });
});

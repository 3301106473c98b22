/**
 * Stories 1 and 3: the duty officer files a report through the form; the commander's board,
 * open in another browser, shows it and its units without reload (speed is measured by npm run bench); a liaison
 * acknowledges and the board shows who and when. Then the board loses its connection and
 * catches up by itself: an acknowledgement made while it was offline appears after reconnect.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { clockText, launchChromium, newContext, signedInContext, watch, within } from './browser.js';
import { fillReport } from './duty-form.js';

let server: TestServer;
let browser: Browser;
let board: Page;
let boardContext: BrowserContext;
let boardProblems: string[];
let liaisons: BrowserContext;
let filed: { id: string; ref: string; notifications: { id: string; unitId: string; unitName: string; role: string }[] };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  boardContext = await signedInContext(browser, server, 'commander');
  board = await boardContext.newPage();
  boardProblems = watch(board);
  await board.goto(`${server.url}/board`);
  await board.getByText('当前没有处置中的事故').waitFor();
  await board.locator('[data-link="online"]').waitFor();
  liaisons = await newContext(browser);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A liaison acts through the API from its own browser context (the phone page comes later). */
async function asLiaison(unitId: string, action: 'acknowledge' | 'decline', notificationId: string, body: object) {
  const login = await liaisons.request.post(`${server.url}/api/v1/auth/login`, { data: { username: `liaison.${unitId}`, password: DEMO_PASSWORD } });
  const { token } = await login.json();
  const res = await liaisons.request.post(`${server.url}/api/v1/notifications/${notificationId}/${action}`, { headers: { authorization: `Bearer ${token}` }, data: body });
  expect(res.status()).toBe(200);
  return (await res.json()).notification;
}

const row = (unitId: string) => board.locator(`[data-incident-id="${filed.id}"] tr[data-unit-id="${unitId}"]`);

describe('the live board', () => {
  it('shows a report filed through the duty form, with its units, without reload', async () => {
    const duty = await (await newContext(browser)).newPage();
    const dutyProblems = watch(duty);
    // The officer logs in through the login page and lands on the console.
    await duty.goto(`${server.url}/`);
    await duty.waitForURL('**/login');
    await duty.getByLabel('用户名').fill('duty');
    await duty.getByLabel('密码').fill(DEMO_PASSWORD);
    await duty.getByRole('button', { name: '登录' }).click();
    await duty.waitForURL('**/duty');

    await fillReport(duty, { title: '浉河区化工厂硫化氢中毒事故' });
    // The live preview comes first: severity, the regimes and the routing with quoted clauses.
    const preview = duty.locator('aside.preview');
    await preview.getByText('职业病危害事故').first().waitFor();
    await preview.locator('.severity', { hasText: '一般' }).waitFor();
    await preview.locator('tr', { hasText: '总工会' }).getByText('依法参与职业病危害事故的调查处理').waitFor();
    // The preview follows the typing; wait for the one of the whole form.
    await expect.poll(() => preview.locator('.routing-table tbody tr').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(4);

    const navigated = board.url();
    const response = duty.waitForResponse((r) => r.url().endsWith('/api/v1/incidents') && r.request().method() === 'POST');
    await duty.getByRole('button', { name: /提交初报/ }).click();
    const answer = await response;
    expect(answer.status()).toBe(201);
    filed = await answer.json();

    await within(15_000, 'the incident on the board', () => board.locator(`article[data-incident-id="${filed.id}"]`).isVisible());
    await within(15_000, 'every notified unit in the grid', async () => (await board.locator(`[data-incident-id="${filed.id}"] tr[data-unit-id]`).count()) === filed.notifications.length);
    expect(board.url()).toBe(navigated);
    for (const n of filed.notifications) expect(await row(n.unitId).locator('th').innerText()).toContain(n.unitName);
    await board.getByRole('heading', { name: '浉河区化工厂硫化氢中毒事故' }).waitFor();

    // The duty officer sees the incident it filed.
    await duty.waitForURL(`**/duty/incidents/${filed.id}?filed=initial`);
    await duty.getByText(`初报已提交：${filed.ref}`).waitFor();
    expect(dutyProblems).toEqual([]);
  });

  it('shows who acknowledged and when, live', async () => {
    const union = filed.notifications.find((n) => n.unitName.includes('总工会'))!;
    const acknowledged = await asLiaison(union.unitId, 'acknowledge', union.id, { note: '已派员赶赴现场' });
    await within(15_000, 'the acknowledgement on the board', async () => (await row(union.unitId).getAttribute('data-state')) === 'acknowledged');
    const cell = await row(union.unitId).locator('.ack-cell').innerText();
    expect(cell).toContain(acknowledged.acknowledgedByName);
    expect(cell).toContain(clockText(acknowledged.acknowledgedAt));
    expect(cell).toContain('已派员赶赴现场');
    expect(await row(union.unitId).locator('.state-cell').innerText()).toContain('已签收');
    // The timeline says it too.
    await board.locator(`[data-incident-id="${filed.id}"] .timeline li[data-type="notification.acknowledged"]`, { hasText: '总工会' }).waitFor();
  });

  it('shows a decline with its reason in the grid and in the panel for the commander', async () => {
    const hrss = filed.notifications.find((n) => n.unitName.includes('人力资源'))!;
    await asLiaison(hrss.unitId, 'decline', hrss.id, { reason: '本单位不涉及此次事故' });
    await within(15_000, 'the decline on the board', async () => (await row(hrss.unitId).getAttribute('data-state')) === 'declined');
    expect(await row(hrss.unitId).locator('.ack-cell').innerText()).toContain('本单位不涉及此次事故');
    const item = board.locator('.commander-panel li[data-kind="declined"]', { hasText: '本单位不涉及此次事故' });
    await item.waitFor();
    // The commander confirms the decline with a reason (reassigning is board-response's story); it leaves the panel.
    await item.getByRole('button', { name: '处理退回' }).click();
    await item.getByRole('radio', { name: '确认退回' }).check();
    await item.getByLabel('确认退回的理由').fill('已电话核实，人社局确不涉及');
    await item.getByRole('button', { name: '确认退回' }).click();
    await item.waitFor({ state: 'detached' });
    await board.locator(`[data-incident-id="${filed.id}"] .timeline li[data-type="alert.resolved"]`).waitFor();
    expect(await row(hrss.unitId).locator('.ack-cell').innerText()).toContain('指挥长已确认退回');
  });

  it('says it is offline when the connection drops, and catches up by itself after reconnect', async () => {
    // The commission's own unit is not asked to acknowledge what it filed.
    const pending = filed.notifications.filter((n) => !/总工会|人力资源|卫生健康/.test(n.unitName));
    const [whileOffline, whileKicked] = pending;
    expect(whileOffline && whileKicked).toBeTruthy();

    await boardContext.setOffline(true);
    await board.locator('[data-link="offline"]').waitFor({ timeout: 15_000 });
    expect(await board.locator('[data-link="offline"]').innerText()).toContain('离线');
    const acknowledged = await asLiaison(whileOffline!.unitId, 'acknowledge', whileOffline!.id, {});
    // Offline long enough for the reconnection backoff to grow (its next wait is up to 8 s by now).
    await board.waitForTimeout(2500);
    expect(await row(whileOffline!.unitId).getAttribute('data-state')).toBe('pending');

    // Back online, the board connects at once rather than waiting out the backoff.
    await boardContext.setOffline(false);
    await board.locator('[data-link="online"]').waitFor({ timeout: 5_000 });
    await within(15_000, 'the acknowledgement made while offline', async () => (await row(whileOffline!.unitId).getAttribute('data-state')) === 'acknowledged');
    expect(await row(whileOffline!.unitId).locator('.ack-cell').innerText()).toContain(acknowledged.acknowledgedByName);

    // The server drops the socket: the board reconnects and resumes, missing nothing.
    server.io.disconnectSockets(true);
    await asLiaison(whileKicked!.unitId, 'acknowledge', whileKicked!.id, {});
    await within(15_000, 'the acknowledgement made while disconnected', async () => (await row(whileKicked!.unitId).getAttribute('data-state')) === 'acknowledged');
    await board.locator('[data-link="online"]').waitFor({ timeout: 15_000 });
    // Each event applied once: one timeline line per acknowledgement (three by units, one the commission's own at filing).
    expect(await board.locator(`[data-incident-id="${filed.id}"] .timeline li[data-type="notification.acknowledged"]`).count()).toBe(4);
    expect(boardProblems).toEqual([]);
  });
});

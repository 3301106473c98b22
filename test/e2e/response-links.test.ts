/**
 * 逐级上报 on both boards, drills and the account on the duty console, and the 终报 that cannot
 * close: 信阳 is given a parent province (test/support/test-province.ts), so reporting to the
 * authority above makes the report arrive on the province's board; each board shows the link to
 * the other incident.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { installTestProvince, PROVINCE_PASSWORD } from '../support/test-province.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, LAPTOP, newContext, signedInContext, watch, within } from './browser.js';


let server: TestServer;
let browser: Browser;
let duty: string;
let cityBoard: Page;
let provinceBoard: Page;
let problems: string[];

const api = (method: string, path: string, token: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token, body });
const followUp = (kind: 'follow_up' | 'final', title: string, over: Record<string, unknown> = {}) => {
  const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title, ...over });
  return { ...facts, kind };
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  await installTestProvince(server, [{ username: 'commander.test_henan', displayName: '测试省指挥长', role: 'commander' }]);
  duty = await server.login('duty');
  cityBoard = await (await signedInContext(browser, server, 'commander')).newPage();
  problems = watch(cityBoard);
  const provinceContext = await newContext(browser);
  expect((await provinceContext.request.post(`${server.url}/api/v1/auth/login`, { data: { username: 'commander.test_henan', password: PROVINCE_PASSWORD } })).status()).toBe(200);
  provinceBoard = await provinceContext.newPage();
  await Promise.all([cityBoard.goto(`${server.url}/board`), provinceBoard.goto(`${server.url}/board`)]);
  await Promise.all([cityBoard.locator('[data-link="online"]').waitFor(), provinceBoard.locator('[data-link="online"]').waitFor()]);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('逐级上报 on both boards', () => {
  it('reporting up shows the link on the city’s card and the incoming incident, with where it came from, on the province’s board', async () => {
    const filed = await api('POST', '/incidents', duty, xinyangReport({ title: '羊山新区某厂一氧化碳中毒' }));
    const cityCard = cityBoard.locator(`article[data-incident-id="${filed.body.id}"]`);
    await cityCard.waitFor({ timeout: 15_000 });
    expect(await cityCard.locator('.incident-links').count()).toBe(0);

    const { obligations } = (await api('GET', `/incidents/${filed.body.id}/obligations`, duty)).body;
    const up = obligations.find((o: any) => o.key === 'ohs_general_superior_health');
    expect(up.recipient.jurisdictionId).toBe('test_henan');
    const submitted = await api('POST', `/incidents/${filed.body.id}/obligations/${up.id}/submit`, duty, { method: 'system' });
    expect(submitted.status).toBe(200);
    const upstreamId = submitted.body.obligation.upstreamIncidentId;
    const upstreamRef = (await api('GET', `/incidents/${upstreamId}`, await server.login('commander.test_henan', PROVINCE_PASSWORD))).body.incident.ref;

    const upLink = cityCard.locator(`.link-upstream[data-link-incident="${upstreamId}"]`);
    await upLink.waitFor({ timeout: 15_000 });
    expect(await upLink.innerText()).toMatch(new RegExp(`已逐级上报.*测试省.*${upstreamRef}`));

    const provinceCard = provinceBoard.locator(`article[data-incident-id="${upstreamId}"]`);
    await provinceCard.waitFor({ timeout: 15_000 });
    expect(await provinceCard.locator('h2').innerText()).toContain('【信阳市上报】羊山新区某厂一氧化碳中毒');
    const downLink = provinceCard.locator(`.link-downstream[data-link-incident="${filed.body.id}"]`);
    await downLink.waitFor({ timeout: 15_000 });
    expect(await downLink.innerText()).toMatch(new RegExp(`来自信阳市.*${filed.body.ref}`));
    expect(await downLink.innerText()).toContain('初报 第1版');

    // The city's 续报 reaches the province's card as the lower side's latest version.
    expect((await api('POST', `/incidents/${filed.body.id}/reports`, duty, followUp('follow_up', '羊山新区某厂一氧化碳中毒'))).status).toBe(201);
    await within(15_000, 'the 续报 on the province’s card', async () => (await downLink.innerText()).includes('续报 第2版'));
    expect(problems).toEqual([]);
  });
});

describe('the duty console', () => {
  let drillId: string;

  it('marks a drill 【演练】 in the list and on its page, and links its printable account and CSV', async () => {
    const drill = await api('POST', '/incidents', duty, xinyangReport({ title: '化工园区中毒应急演练', drill: true }));
    drillId = drill.body.id;
    const page = await (await signedInContext(browser, server, 'duty', LAPTOP)).newPage();
    await page.goto(`${server.url}/duty/incidents`);
    const row = page.locator(`tr[data-incident-id="${drillId}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('【演练】化工园区中毒应急演练');
    expect(await page.locator('tr[data-incident-id]:not([data-drill])').first().innerText()).not.toContain('【演练】');

    await row.getByRole('link', { name: '化工园区中毒应急演练' }).click();
    await page.locator('#incident-title').waitFor();
    expect(await page.locator('#incident-title').innerText()).toContain('【演练】');
    const print = await page.getByRole('link', { name: /事后报告/ }).getAttribute('href');
    const csv = await page.getByRole('link', { name: '导出电子表格' }).getAttribute('href');
    expect(print).toBe(`/api/v1/incidents/${drillId}/account?format=html`);
    expect(csv).toBe(`/api/v1/incidents/${drillId}/account?format=csv`);
    const html = await page.request.get(`${server.url}${print}`);
    expect(html.headers()['content-type']).toContain('text/html');
    expect(await html.text()).toContain('【演练】');
    const file = await page.request.get(`${server.url}${csv}`);
    expect(file.headers()['content-disposition']).toContain('attachment');
  });

  it('a 终报 with open items says why it cannot close; the duty officer is told to ask a commander, a commander closes with a reason', async () => {
    const dutyPage = await (await signedInContext(browser, server, 'duty', LAPTOP)).newPage();
    await dutyPage.goto(`${server.url}/duty/incidents/${drillId}/report?kind=final`);
    const dutyBlockers = dutyPage.locator('[data-close-blockers]');
    await dutyBlockers.waitFor();
    expect(await dutyBlockers.innerText()).toContain('请指挥长强制结案');
    expect(await dutyPage.getByLabel('强制结案理由').count()).toBe(0);

    const page = await (await signedInContext(browser, server, 'commander', LAPTOP)).newPage();
    const pageProblems = watch(page);
    await page.goto(`${server.url}/duty/incidents/${drillId}/report?kind=final`);
    const blockers = page.locator('[data-close-blockers]');
    await blockers.waitFor();
    const { obligations } = (await api('GET', `/incidents/${drillId}/obligations`, duty)).body;
    for (const o of obligations.filter((x: any) => !x.informational)) expect(await blockers.innerText()).toContain(`未上报：${o.recipient.name}`);

    // Without a reason the server refuses and says why; nothing is closed.
    const refused = page.waitForResponse((r) => r.url().endsWith(`/incidents/${drillId}/reports`));
    await page.getByRole('button', { name: '提交终报' }).click();
    expect((await refused).status()).toBe(409);
    await page.getByText('终报未能结案：还有未完成事项').waitFor();
    expect((await api('GET', `/incidents/${drillId}`, duty)).body.incident.status).toBe('open');

    await page.getByLabel('强制结案理由').fill('演练结束，上报环节不在本次演练范围');
    await page.getByRole('button', { name: '提交终报' }).click();
    await page.waitForURL(`**/duty/incidents/${drillId}?filed=final`);
    await page.getByText('指挥长强制结案：演练结束，上报环节不在本次演练范围').waitFor();
    const closed = (await api('GET', `/incidents/${drillId}`, duty)).body.incident;
    expect(closed).toMatchObject({ status: 'closed', closeOverrideReason: '演练结束，上报环节不在本次演练范围' });
    expect(pageProblems).toEqual([]);
  });
});

/**
 * Story 2: the duty form keeps its draft through a reload and a lost connection, shows each
 * problem next to its field, and never files twice — not on a double click, not on a retry
 * after the answer was lost. Also: 续报 starts from the current facts.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch } from './browser.js';
import { fillReport } from './duty-form.js';

let server: TestServer;
let browser: Browser;
let page: Page;
let problems: string[];
let duty: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  duty = await server.login('duty');
  page = await (await signedInContext(browser, server, 'duty')).newPage();
  problems = watch(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function incidentsTitled(title: string): Promise<any[]> {
  const res = await server.request('GET', '/api/v1/incidents?limit=500', { token: duty });
  return res.body.incidents.filter((i: any) => i.title === title);
}

const POST_INCIDENTS = (url: string, method: string) => url.endsWith('/api/v1/incidents') && method === 'POST';

describe('the duty console’s report form', () => {
  it('shows each problem next to its field, in the words of the shared schema', async () => {
    await page.goto(`${server.url}/duty`);
    await page.getByRole('button', { name: /提交初报/ }).click();
    await page.locator('.notice-error').waitFor();
    expect(await page.locator('#f-title-err').innerText()).toContain('标题不能为空');
    expect(await page.locator('#f-title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-industry-err').innerText()).toContain('行业代码无效');
    expect(await page.locator('#f-reporterPhone-err').innerText()).toContain('报告人电话格式不正确');
    // A wrong 统一社会信用代码 is caught before sending, by the same check digit rule as the server.
    await page.getByLabel('统一社会信用代码').fill('91411500MA44XXXX0X');
    await page.getByLabel('统一社会信用代码').blur();
    await page.locator('#f-creditCode-err').waitFor();
    await page.getByLabel('统一社会信用代码').fill('');
    // More severe cases than acute cases is refused with the schema's message.
    await page.getByLabel('急性病例').fill('1');
    await page.getByLabel('重症病例').fill('2');
    expect(await page.locator('#f-severeCases-err').innerText()).toContain('重症病例数不能多于急性病例数');
  });

  it('keeps the draft through a reload', async () => {
    await fillReport(page, { title: '草稿保留测试' });
    await page.reload();
    await page.getByLabel('标题').waitFor();
    expect(await page.getByLabel('标题').inputValue()).toBe('草稿保留测试');
    expect(await page.getByLabel('事故经过').inputValue()).toContain('硫化氢');
    expect(await page.getByLabel(/^行业/).inputValue()).toBe('chemical');
    expect(await page.getByLabel('急性病例').inputValue()).toBe('3');
    expect(await page.getByLabel('持照经营', { exact: true }).isChecked()).toBe(true);
    await page.getByText('已恢复上次未提交的草稿').waitFor();
  });

  it('keeps the draft when the network fails, and a retry after a lost answer files once', async () => {
    // 1. No connection: nothing is stored, the draft stays and the page says so.
    await page.route('**/api/v1/incidents', (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
    await page.getByRole('button', { name: /提交初报/ }).click();
    await page.locator('.notice-warn', { hasText: '草稿已保存在本机' }).waitFor();
    expect(await incidentsTitled('草稿保留测试')).toHaveLength(0);
    await page.unroute('**/api/v1/incidents');

    // 2. The server stores it but the answer is lost on the way back.
    await page.route('**/api/v1/incidents', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch();
      expect(answer.status()).toBe(201);
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: '重试提交' }).click();
    await page.locator('.notice-warn', { hasText: '重试不会重复报告' }).waitFor();
    expect(await incidentsTitled('草稿保留测试')).toHaveLength(1);
    await page.unroute('**/api/v1/incidents');

    // The draft survived (reload) and a retry finds the first submission instead of filing again.
    await page.reload();
    expect(await page.getByLabel('标题').inputValue()).toBe('草稿保留测试');
    const answer = page.waitForResponse((r) => POST_INCIDENTS(r.url(), r.request().method()));
    await page.getByRole('button', { name: /提交初报/ }).click();
    expect((await answer).headers()['idempotent-replayed']).toBe('true');
    await page.waitForURL('**/duty/incidents/**');
    expect(await incidentsTitled('草稿保留测试')).toHaveLength(1);

    // The draft is gone once filed.
    await page.goto(`${server.url}/duty`);
    expect(await page.getByLabel('标题').inputValue()).toBe('');
  });

  it('files once when the officer double-clicks submit', async () => {
    await fillReport(page, { title: '双击提交测试' });
    const posts: string[] = [];
    page.on('request', (r) => POST_INCIDENTS(r.url(), r.method()) && posts.push(r.headers()['idempotency-key'] ?? ''));
    await page.getByRole('button', { name: /提交初报/ }).dblclick();
    await page.waitForURL('**/duty/incidents/**');
    await page.waitForTimeout(300);
    expect(posts.length).toBeGreaterThanOrEqual(1);
    expect(new Set(posts).size).toBe(1);
    expect(await incidentsTitled('双击提交测试')).toHaveLength(1);
  });

  it('adds a unit and removes one, each with a written reason kept in the record', async () => {
    await page.goto(`${server.url}/duty`);
    await fillReport(page, { title: '增减单位测试' });
    const preview = page.locator('aside.preview');
    const unionRow = preview.locator('.routing-table tr', { hasText: '总工会' });
    await unionRow.waitFor();
    // Removing needs a reason.
    await unionRow.getByRole('button', { name: /移除/ }).click();
    await unionRow.getByRole('button', { name: '确认移除' }).click();
    await unionRow.getByText('请填写移除理由').waitFor();
    await unionRow.getByLabel(/移除 .* 的理由/).fill('总工会已在现场，由现场通报');
    await unionRow.getByRole('button', { name: '确认移除' }).click();
    await preview.locator('.excluded li', { hasText: '总工会已在现场' }).waitFor();
    await preview.locator('.routing-table tr', { hasText: '总工会' }).waitFor({ state: 'detached' });
    // Adding needs a unit and a reason.
    await preview.getByText('增加通知单位').click();
    await preview.getByLabel('成员单位').selectOption({ label: '信阳市市场监督管理局' });
    await preview.getByLabel('角色').selectOption('inform');
    await preview.getByRole('button', { name: '加入通知名单' }).click();
    await preview.getByText('请填写增加理由').waitFor();
    await preview.getByLabel('增加理由').fill('涉事企业营业执照信息待核实');
    await preview.getByRole('button', { name: '加入通知名单' }).click();
    await preview.locator('.routing-table tr', { hasText: '涉事企业营业执照信息待核实' }).waitFor();

    const answer = page.waitForResponse((r) => POST_INCIDENTS(r.url(), r.request().method()));
    await page.getByRole('button', { name: /提交初报/ }).click();
    const body = await (await answer).json();
    expect(body.excluded).toEqual([expect.objectContaining({ unitName: expect.stringContaining('总工会'), reason: '总工会已在现场，由现场通报' })]);
    expect(body.routing).toEqual(
      expect.arrayContaining([expect.objectContaining({ unitName: expect.stringContaining('市场监督'), role: 'inform', adjustment: { kind: 'added', reason: '涉事企业营业执照信息待核实' } })]),
    );
    expect(body.notifications.some((n: any) => n.unitName.includes('总工会'))).toBe(false);
  });

  it('starts a 续报 from the current facts and files it as version 2', async () => {
    const [incident] = await incidentsTitled('双击提交测试');
    await page.goto(`${server.url}/duty/incidents/${incident.id}`);
    await page.getByRole('link', { name: '续报' }).click();
    await page.waitForURL(`**/duty/incidents/${incident.id}/report?kind=follow_up`);
    expect(await page.getByLabel('标题').inputValue()).toBe('双击提交测试');
    expect(await page.getByLabel('急性病例').inputValue()).toBe('3');
    await page.getByLabel('死亡').fill('1');
    await page.locator('aside.preview .severity', { hasText: '重大' }).waitFor();
    await page.getByRole('button', { name: '提交续报' }).click();
    await page.waitForURL(`**/duty/incidents/${incident.id}?filed=follow_up`);
    await page.locator('.incident-view-head').getByText('续报 第2版').waitFor();
    await page.locator('.incident-view-head .severity', { hasText: '重大' }).waitFor();
  });

  it('lists incidents with filters by status, severity and text', async () => {
    await page.goto(`${server.url}/duty/incidents`);
    await page.locator('tr[data-incident-id]').first().waitFor();
    expect(await page.locator('tr[data-incident-id]').count()).toBe(3);
    await page.getByLabel('等级').selectOption('major');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-incident-id]').length === 1);
    expect(await page.locator('tr[data-incident-id]').innerText()).toContain('双击提交测试');
    await page.getByLabel('等级').selectOption('');
    await page.getByLabel('标题或编号').fill('草稿');
    await page.getByLabel('标题或编号').press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('tr[data-incident-id]').length === 1);
    expect(await page.locator('tr[data-incident-id]').innerText()).toContain('草稿保留测试');
    expect(problems).toEqual([]);
  });
});

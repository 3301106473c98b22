/**
 * The joint response on the commander's board (spec §3 steps 7–9): a report filed over HTTP shows
 * its upward-reporting clocks counting down; the commander records a submission through the board
 * (a missing document number is shown beside its field); a task assigned through the board
 * appears, and the unit's acceptance over HTTP shows without reload; a decline is resolved by
 * reassigning the duty to another unit, which the server then has notified. A drill says 【演练】.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch, within } from './browser.js';

let server: TestServer;
let browser: Browser;
let board: Page;
let problems: string[];
let duty: string;
let commander: string;
let commanderName: string;
let incident: { id: string; ref: string; notifications: { id: string; unitId: string; unitName: string; role: string }[] };
let card: Locator;

const api = (method: string, path: string, token: string, body?: unknown) => server.request(method, `/api/v1${path}`, { token, body });

/** "剩余 5:59:58" → seconds left. */
function secondsLeft(text: string): number {
  const m = text.match(/剩余 (?:(\d+):)?(\d{2}):(\d{2})/);
  if (!m) throw new Error(`no countdown in 「${text}」`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
  duty = await server.login('duty');
  commander = await server.login('commander');
  commanderName = (await api('GET', '/auth/me', commander)).body.displayName;
  board = await (await signedInContext(browser, server, 'commander')).newPage();
  problems = watch(board);
  await board.goto(`${server.url}/board`);
  await board.getByText('当前没有处置中的事故').waitFor();
  await board.locator('[data-link="online"]').waitFor();
  // Set once: if the page ever reloads, the marker is gone.
  await board.evaluate(() => ((window as unknown as { boardMarker: string }).boardMarker = 'loaded once'));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const notReloaded = async () => expect(await board.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe('loaded once');

describe('the joint response on the board', () => {
  it('shows the upward-reporting clocks of a report filed over HTTP, counting down from receipt', async () => {
    const receivedAt = new Date(Date.now() - 5 * 60_000);
    const iso = (t: Date) => t.toISOString().replace('Z', '+00:00');
    const filed = await api('POST', '/incidents', duty, xinyangReport({ title: '浉河区某化工厂硫化氢中毒事故', receivedAt: iso(receivedAt), occurredAt: iso(new Date(receivedAt.getTime() - 10 * 60_000)) }));
    expect(filed.status).toBe(201);
    incident = filed.body;
    card = board.locator(`article[data-incident-id="${incident.id}"]`);
    const { obligations } = (await api('GET', `/incidents/${incident.id}/obligations`, duty)).body;
    expect(obligations.length).toBeGreaterThanOrEqual(2);

    await within(15_000, 'every obligation on the board', async () => (await card.locator('[data-obligation-id]').count()) === obligations.length);
    for (const o of obligations) {
      const item = card.locator(`[data-obligation-id="${o.id}"]`);
      const text = await item.innerText();
      expect(text).toContain(o.recipient.name);
      expect(text).toContain(o.deadlineText);
      expect(await item.locator('cite').getAttribute('title')).toBe(o.citation);
      expect(await item.getAttribute('data-state')).toBe('due');
    }

    // 一般 → 6 hours from receipt (5 minutes ago) to the same-level government, in words and counting down.
    const government = obligations.find((o: any) => o.key === 'ohs_general_government');
    expect(government.deadlineText).toBe('6小时内');
    const clock = card.locator(`[data-obligation-id="${government.id}"] .obligation-clock`);
    const first = await clock.innerText();
    const expected = (Date.parse(government.dueAt) - Date.now()) / 1000;
    expect(Math.abs(secondsLeft(first) - expected)).toBeLessThan(5);
    expect(secondsLeft(first)).toBeLessThan(6 * 3600 - 5 * 60 + 5);
    await within(15_000, 'the clock to tick', async () => secondsLeft(await clock.innerText()) < secondsLeft(first));
    expect(await card.locator(`[data-obligation-id="${government.id}"]`).getAttribute('data-clock')).toBe('ok');
    await notReloaded();
  });

  it('records a submission through the board, shows a missing document number beside its field, then shows how, when and by whom', async () => {
    const { obligations } = (await api('GET', `/incidents/${incident.id}/obligations`, duty)).body;
    const o = obligations.find((x: any) => x.key === 'ohs_general_government');
    const item = card.locator(`[data-obligation-id="${o.id}"]`);
    await item.getByRole('button', { name: /记录上报/ }).click();
    await item.getByLabel('上报方式').selectOption('document');
    await item.getByRole('button', { name: '确认已上报' }).click();
    // The server's verdict, beside the field it concerns.
    const reference = item.getByLabel('文号');
    await within(15_000, 'the field error', async () => (await reference.getAttribute('aria-invalid')) === 'true');
    expect(await item.locator(`#ob-${o.id}-reference-err`).innerText()).toContain('书面报告须填写文号');
    expect((await api('GET', `/incidents/${incident.id}/obligations`, duty)).body.obligations.find((x: any) => x.id === o.id).state).toBe('due');

    await reference.fill('信卫〔2026〕12号');
    await item.getByRole('button', { name: '确认已上报' }).click();
    await within(15_000, 'the obligation shown submitted', async () => (await item.getAttribute('data-state')) === 'submitted');
    const text = await item.innerText();
    expect(text).toContain('已上报 · 按时');
    expect(text).toContain('书面文件');
    expect(text).toContain('信卫〔2026〕12号');
    expect(text).toContain(commanderName);
    expect(await card.locator('.obligations h3').innerText()).toContain(`已上报 1/${obligations.length}`);

    const after = (await api('GET', `/incidents/${incident.id}/obligations`, duty)).body.obligations.find((x: any) => x.id === o.id);
    expect(after.state).toBe('submitted');
    expect(after.submission).toMatchObject({ method: 'document', reference: '信卫〔2026〕12号', byName: commanderName, onTime: true });

    // The duty officer records another one over HTTP: the board shows it live.
    const other = obligations.find((x: any) => x.key === 'ohs_general_superior_health');
    expect((await api('POST', `/incidents/${incident.id}/obligations/${other.id}/submit`, duty, { method: 'fax', reference: '0376-6221234' })).status).toBe(200);
    const otherItem = card.locator(`[data-obligation-id="${other.id}"]`);
    await within(15_000, 'the duty officer’s submission on the board', async () => (await otherItem.getAttribute('data-state')) === 'submitted');
    expect(await otherItem.innerText()).toContain('0376-6221234');
    await notReloaded();
  });

  it('shows a task assigned through the board, and the unit’s acceptance made over HTTP live, without reload', async () => {
    const union = await unitIdByName(server, duty, 'xinyang', '总工会');
    const tasks = card.locator('section.tasks');
    await tasks.getByRole('button', { name: '布置任务' }).click();
    const form = tasks.getByRole('form', { name: '布置联合处置任务' });
    await form.getByLabel('承办单位').selectOption(union);
    await form.getByLabel('任务角色').selectOption('support');
    await form.getByLabel('任务名称').fill('派员参与事故调查');
    await form.getByLabel('任务内容').fill('派员赴现场参与事故调查处理，当日反馈情况。');
    await form.getByRole('button', { name: '布置并通知单位' }).click();

    const row = tasks.locator('tr[data-task-id]', { hasText: '派员参与事故调查' });
    await row.waitFor({ timeout: 15_000 });
    const { tasks: stored } = (await api('GET', `/incidents/${incident.id}/tasks`, commander)).body;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ unitId: union, role: 'support', title: '派员参与事故调查', state: 'open' });
    expect(await row.getAttribute('data-task-id')).toBe(stored[0].id);
    expect(await row.getAttribute('data-state')).toBe('open');
    expect(await row.locator('.task-state').innerText()).toContain('待接收');
    expect(await row.locator('.deadline').innerText()).toMatch(/剩余 \d+:\d{2}:\d{2}/);

    const liaison = await server.login(`liaison.${union}`);
    const accepted = await api('POST', `/tasks/${stored[0].id}/accept`, liaison, { note: '已派两名干部赶赴现场' });
    expect(accepted.status).toBe(200);
    await within(15_000, 'the acceptance on the board', async () => (await row.getAttribute('data-state')) === 'accepted');
    expect(await row.locator('.task-state').innerText()).toContain('办理中');
    expect(await row.locator('.task-note').innerText()).toContain('已派两名干部赶赴现场');
    await notReloaded();
  });

  it('assigns a task from the rulebook’s suggestions, hands it to another unit and closes it, each with a reason', async () => {
    const tasks = card.locator('section.tasks');
    await tasks.getByRole('button', { name: '布置任务' }).click();
    const form = tasks.getByRole('form', { name: '布置联合处置任务' });
    await form.getByLabel(/建议任务/).selectOption('rsj_labour_and_injury');
    expect(await form.getByLabel('任务名称').inputValue()).toBe('核查劳动用工和工伤保险参保情况');
    expect(await form.getByLabel('任务内容').inputValue()).toContain('依据：八(五)');
    await form.getByRole('button', { name: '布置并通知单位' }).click();
    const row = tasks.locator('tr[data-task-id]', { hasText: '核查劳动用工和工伤保险参保情况' });
    await row.waitFor({ timeout: 15_000 });
    const created = (await api('GET', `/incidents/${incident.id}/tasks`, commander)).body.tasks.find((t: any) => t.title === '核查劳动用工和工伤保险参保情况');
    expect(created).toMatchObject({ suggestionId: 'rsj_labour_and_injury', unitId: await unitIdByName(server, duty, 'xinyang', '人力资源'), role: 'support' });

    // Handed to another unit with the reason; the server agrees.
    const market = await unitIdByName(server, duty, 'xinyang', '市场监督管理局');
    await row.getByRole('button', { name: /改派/ }).click();
    const reassign = tasks.getByRole('form', { name: '改派任务「核查劳动用工和工伤保险参保情况」' });
    await reassign.getByLabel('改派给').selectOption(market);
    await reassign.getByLabel('改派理由').fill('涉事企业无照经营，由市场监管局核查');
    await reassign.getByRole('button', { name: '确认改派' }).click();
    await within(15_000, 'the task with its new unit', async () => (await row.locator('.task-unit').innerText()).includes('市场监管'));
    expect((await api('GET', `/tasks/${created.id}`, commander)).body.task).toMatchObject({ unitId: market, state: 'open', lastNote: '涉事企业无照经营，由市场监管局核查' });

    await row.getByRole('button', { name: /关闭/ }).click();
    const close = tasks.getByRole('form', { name: '关闭任务「核查劳动用工和工伤保险参保情况」' });
    await close.getByRole('button', { name: '确认关闭' }).click();
    expect(await close.locator('.field-error').innerText()).toContain('请填写关闭理由');
    await close.getByLabel('关闭理由').fill('已由市人社局日常监管处理');
    await close.getByRole('button', { name: '确认关闭' }).click();
    await within(15_000, 'the task closed', async () => (await row.getAttribute('data-state')) === 'closed');
    expect(await row.locator('.task-note').innerText()).toContain('已由市人社局日常监管处理');
    const after = (await api('GET', `/tasks/${created.id}`, commander)).body.task;
    expect(after).toMatchObject({ state: 'closed', closeReason: '已由市人社局日常监管处理' });
  });

  it('shows a decline made over HTTP in the panel; the commander reassigns the duty to another unit, which the server then has notified', async () => {
    const hrss = incident.notifications.find((n) => n.unitName.includes('人力资源'))!;
    const market = await unitIdByName(server, duty, 'xinyang', '市场监督管理局');
    expect(incident.notifications.some((n) => n.unitId === market)).toBe(false);
    const liaison = await server.login(`liaison.${hrss.unitId}`);
    expect((await api('POST', `/notifications/${hrss.id}/decline`, liaison, { reason: '该企业劳动关系不在本市' })).status).toBe(200);

    const item = board.locator('.commander-panel li[data-kind="declined"]', { hasText: '该企业劳动关系不在本市' });
    await item.waitFor({ timeout: 15_000 });
    await item.getByRole('button', { name: '处理退回' }).click();
    expect(await item.getByRole('radio', { name: '改派其他单位' }).isChecked()).toBe(true);
    // A unit already told of this version cannot be chosen.
    expect(await item.locator(`select option[value="${incident.notifications[0]!.unitId}"]`).count()).toBe(0);
    await item.getByLabel('改派给').selectOption(market);
    await item.getByLabel('改派理由').fill('涉事企业无照经营，由市场监管局配合处置');
    await item.getByRole('button', { name: '改派并通知' }).click();
    await item.waitFor({ state: 'detached', timeout: 15_000 });

    await within(15_000, 'the reassigned unit in the grid', () => card.locator(`tr[data-unit-id="${market}"][data-state="pending"]`).isVisible());
    expect(await card.locator(`tr[data-unit-id="${hrss.unitId}"] .ack-cell`).innerText()).toContain('指挥长已改派');

    const detail = (await api('GET', `/incidents/${incident.id}`, commander)).body;
    const declined = detail.notifications.find((n: any) => n.id === hrss.id);
    const reassigned = detail.notifications.find((n: any) => n.unitId === market);
    expect(reassigned).toMatchObject({ state: 'pending', reportVersion: 1 });
    expect(declined).toMatchObject({ declineResolution: 'reassigned', declineResolutionReason: '涉事企业无照经营，由市场监管局配合处置', reassignedTo: reassigned.id });
    const marketInbox = (await api('GET', '/inbox', await server.login(`liaison.${market}`))).body.notifications;
    expect(marketInbox.map((n: any) => n.id)).toContain(reassigned.id);
    const { alerts } = (await api('GET', '/alerts?open=true', commander)).body;
    expect(alerts.filter((a: any) => a.notificationId === hrss.id)).toEqual([]);
    await notReloaded();
  });

  it('marks a drill 【演练】 on its card', async () => {
    const drill = await api('POST', '/incidents', duty, xinyangReport({ title: '信阳市职业中毒应急演练', drill: true }));
    expect(drill.status).toBe(201);
    const drillCard = board.locator(`article[data-incident-id="${drill.body.id}"]`);
    await drillCard.waitFor({ timeout: 15_000 });
    expect(await drillCard.getAttribute('data-drill')).toBe('true');
    expect(await drillCard.locator('h2').innerText()).toContain('【演练】');
    expect(await drillCard.locator('.drill-banner').innerText()).toContain('不计入统计');
    expect(await card.locator('.drill-banner').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});

/**
 * The board and the duty console as people see them, with a live incident in every state: some
 * units acknowledged, one declined, one amber (past 75% of its time), one overdue and escalated.
 * The commission's own unit stands acknowledged at filing (it filed the report), so the overdue
 * unit is a supporting one (30 minutes for a 重大 incident, the unit head told 10 minutes later)
 * and the amber one is the unit a decline was reassigned to, a quarter of an hour after filing.
 * The server's clock starts 41 minutes in the past so the deadlines have run. Screenshots go to
 * test-results/screenshots; with UPDATE_SCREENSHOTS=1 they replace web/screenshots/*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { LAPTOP, launchChromium, signedInContext, watch, WALL } from './browser.js';
import { fillReport } from './duty-form.js';

const MINUTE = 60_000;
const dir = process.env.UPDATE_SCREENSHOTS ? 'web/screenshots' : 'test-results/screenshots';

let server: TestServer;
let browser: Browser;
let duty: string;

beforeAll(async () => {
  const start = new Date(Math.floor((Date.now() - 41 * MINUTE) / 1000) * 1000);
  [server, browser] = await Promise.all([startTestServer({ fixedClock: start, manualEngine: true }), launchChromium()]);
  duty = await server.login('duty');
  mkdirSync(dir, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const iso = (t: number) => new Date(t).toISOString();

async function liaison(unitId: string) {
  return server.login(`liaison.${unitId}`);
}

/**
 * The commander's side of the major incident: reports to the government on time (by phone) and
 * to the province late; the commission's own rescue task accepted with progress, the union's task
 * left to run overdue, the labour bureau's blocked. `later()` runs the steps due after the others.
 */
async function jointResponse(incidentId: string, tokens: Map<string, string>, units: { union: any; hrss: any; lead: any }) {
  const clock = server.clock!;
  const commander = await server.login('commander');
  const api = async (path: string, token: string, body: object, status = 200) => {
    const res = await server.request('POST', `/api/v1${path}`, { token, body });
    expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBe(status);
    return res.body;
  };
  const { obligations } = (await server.request('GET', `/api/v1/incidents/${incidentId}/obligations`, { token: commander })).body;
  const byKey = (key: string) => obligations.find((o: any) => o.key === key);
  await api(`/incidents/${incidentId}/obligations/${byKey('ohs_serious_government').id}/submit`, commander, { method: 'phone', reference: '市政府总值班室 张秘书' });
  const task = async (body: object) => (await api(`/incidents/${incidentId}/tasks`, commander, body, 201)).task.id as string;
  const tasks = {
    rescue: await task({ suggestionId: 'wjw_coordinate_rescue' }),
    investigation: await task({ unitId: units.union.unitId, role: 'support', title: '派员参与事故调查', description: '派员赴现场参与事故调查处理。', dueAt: iso(clock.now.getTime() + 13 * MINUTE) }),
    labour: await task({ suggestionId: 'rsj_labour_and_injury' }),
  };
  clock.advance(MINUTE);
  await api(`/tasks/${tasks.rescue}/accept`, tokens.get(units.lead.unitId)!, { note: '医疗救治组已出发' });
  return {
    tasks,
    async later() {
      await api(`/tasks/${tasks.rescue}/progress`, tokens.get(units.lead.unitId)!, { note: '4名重症患者已转入市中心医院救治' });
      await api(`/tasks/${tasks.labour}/block`, tokens.get(units.hrss.unitId)!, { reason: '企业拒绝提供劳动合同，需市场监管局配合' });
      clock.advance(3 * MINUTE);
      await api(`/incidents/${incidentId}/obligations/${byKey('ohs_serious_provincial_health').id}/submit`, commander, { method: 'fax', reference: '0376-6221234' });
    },
  };
}

describe('screenshots', () => {
  it('the board at 1920×1080 and 1366×768 with acknowledged, declined, amber and overdue units', async () => {
    const clock = server.clock!;
    const t0 = clock.now.getTime();
    const major = await server.request('POST', '/api/v1/incidents', {
      token: duty,
      body: xinyangReport({
        title: '浉河区某化工厂硫化氢中毒事故',
        occurredAt: iso(t0 - 40 * MINUTE).replace('Z', '+00:00'),
        receivedAt: iso(t0 - 10 * MINUTE).replace('Z', '+00:00'),
        casualties: { exposed: 20, acuteCases: 12, severeCases: 4, deaths: 1, anthraxCases: 0 },
        narrative: '清理污水池时多名工人吸入硫化氢出现中毒症状，1人经抢救无效死亡。',
      }),
    });
    expect(major.status).toBe(201);
    const unit = (part: string) => major.body.notifications.find((n: any) => n.unitName.includes(part));
    const lead = major.body.notifications.find((n: any) => n.role === 'lead');
    const union = unit('总工会');
    const hrss = unit('人力资源');
    const safety = unit('应急管理');
    const informs = major.body.notifications.filter((n: any) => n.role === 'inform');
    expect([lead, union, hrss, safety, informs[0], informs[1]].every(Boolean)).toBe(true);
    const market = await unitIdByName(server, duty, 'xinyang', '市场监督管理局');
    expect(major.body.notifications.some((n: any) => n.unitId === market)).toBe(false);

    // Deliveries over the app: the liaisons' sockets pick up what they missed.
    const tokens = new Map<string, string>();
    for (const n of major.body.notifications) tokens.set(n.unitId, await liaison(n.unitId));
    for (const n of [lead, union, hrss, safety, informs[0]]) {
      const socket = await server.connect(tokens.get(n.unitId)!);
      await socket.emitWithAck('resume', { afterSeq: 0 });
    }
    const act = (n: any, what: string, body?: object) => server.request('POST', `/api/v1/notifications/${n.id}/${what}`, { token: tokens.get(n.unitId)!, body });

    clock.advance(2 * MINUTE);
    await act(union, 'read');
    clock.advance(4 * MINUTE);
    expect((await act(union, 'acknowledge', { note: '已派员赶赴现场' })).status).toBe(200);
    clock.advance(3 * MINUTE);
    await act(hrss, 'read');
    clock.advance(3 * MINUTE);
    expect((await act(safety, 'decline', { reason: '该企业属省属企业，请转省应急管理厅' })).status).toBe(200);

    // The joint response: one report made on time, tasks in every state (see respond()).
    const respond = await jointResponse(major.body.id, tokens, { union, hrss, lead });

    clock.advance(2 * MINUTE);
    // An informed unit declines; the commander hands its duty to the market regulator as a supporting unit (it runs amber by the end).
    expect((await act(informs[1], 'decline', { reason: '本单位不涉及此类事故' })).status).toBe(200);
    const reassigned = await server.request('POST', `/api/v1/notifications/${informs[1].id}/resolve-decline`, {
      token: await server.login('commander'),
      body: { action: 'reassign', unitId: market, role: 'support', reason: '涉事企业营业执照信息待核实，由市场监管局配合' },
    });
    expect(reassigned.status, JSON.stringify(reassigned.body)).toBe(200);
    const general = await server.request('POST', '/api/v1/incidents', {
      token: duty,
      body: xinyangReport({
        title: '羊山新区某建筑工地职业性中暑事件',
        occurredAt: iso(clock.now.getTime() - 50 * MINUTE).replace('Z', '+00:00'),
        receivedAt: iso(clock.now.getTime() - MINUTE).replace('Z', '+00:00'),
        place: { address: '信阳市羊山新区新七大道某工地', township: '南京路街道' },
        employer: { name: '信阳某建设工程有限公司', industry: 'construction', ownership: 'private', licensed: true, laborRelation: 'determined' },
        settings: ['construction_site'],
        hazard: { category: 'heatstroke' },
        casualties: { exposed: 30, acuteCases: 2, severeCases: 0, deaths: 0, anthraxCases: 0 },
        narrative: '高温作业中两名工人出现中暑症状，已送医。',
      }),
    });
    expect(general.status).toBe(201);
    clock.advance(MINUTE);
    if (informs[0]) await act(informs[0], 'acknowledge');
    for (const n of general.body.notifications.slice(0, 2)) {
      clock.advance(2 * MINUTE);
      const token = tokens.get(n.unitId) ?? (await liaison(n.unitId));
      await server.request('POST', `/api/v1/notifications/${n.id}/acknowledge`, { token, body: {} });
    }

    await respond.later();
    // Back to the present: the labour bureau is overdue and climbs the ladder, as do the overdue task and report.
    clock.advance(t0 + 41 * MINUTE - clock.now.getTime());
    await server.engine.tick();

    const context = await signedInContext(browser, server, 'commander', WALL);
    const board = await context.newPage();
    const problems = watch(board);
    await board.goto(`${server.url}/board`);
    const card = board.locator(`article[data-incident-id="${major.body.id}"]`);
    await card.waitFor();
    await board.locator('[data-link="online"]').waitFor();
    const row = (n: any) => card.locator(`tr[data-unit-id="${n.unitId}"]`);
    // The commission's own unit stands acknowledged from filing and climbs no ladder.
    expect(await row(lead).getAttribute('data-state')).toBe('acknowledged');
    expect(await row(union).getAttribute('data-state')).toBe('acknowledged');
    expect(await row(safety).getAttribute('data-state')).toBe('declined');
    const amber = { unitId: market };
    expect(await row(amber).getAttribute('data-deadline')).toBe('warn');
    expect(await row(amber).locator('.deadline').innerText()).toContain('即将超时');
    expect(await row(hrss).getAttribute('data-deadline')).toBe('overdue');
    expect(await row(hrss).locator('.deadline').innerText()).toMatch(/超时 \d+分/);
    expect(await row(hrss).locator('.escalation-cell').innerText()).toContain('已通知负责人');
    await board.locator('.commander-panel li[data-kind="declined"]').waitFor();
    // The clocks: one reported on time, one reported late, one overdue; the tasks: on time, blocked, overdue.
    // One report to a body meets every open obligation to that body (the twins are covered by default).
    const obligation = (state: string) => card.locator(`[data-obligation-id][data-state="${state}"]`);
    const all = (await server.request('GET', `/api/v1/incidents/${major.body.id}/obligations`, { token: duty })).body.obligations;
    const reportedTo = new Set(all.filter((o: any) => ['ohs_serious_government', 'ohs_serious_provincial_health'].includes(o.key)).map((o: any) => o.recipient.name));
    expect(reportedTo.size).toBe(2);
    const submitted = all.filter((o: any) => o.state === 'submitted');
    expect(submitted.map((o: any) => o.id).sort()).toEqual(all.filter((o: any) => reportedTo.has(o.recipient.name)).map((o: any) => o.id).sort());
    expect(await obligation('submitted').count()).toBe(submitted.length);
    expect(await card.locator('[data-obligation-id][data-clock="late"]').innerText()).toContain('已上报 · 逾期');
    expect(await obligation('overdue').first().locator('.obligation-clock').innerText()).toMatch(/已超时 \d+分/);
    const task = (id: string) => card.locator(`tr[data-task-id="${id}"]`);
    expect(await task(respond.tasks.rescue).getAttribute('data-state')).toBe('accepted');
    expect(await task(respond.tasks.labour).getAttribute('data-state')).toBe('blocked');
    expect(await task(respond.tasks.investigation).getAttribute('data-clock')).toBe('overdue');
    await board.locator(`.commander-panel li[data-kind="task_blocked"][data-task-id="${respond.tasks.labour}"]`).locator('.alert-subject', { hasText: '任务「核查劳动用工和工伤保险参保情况」' }).waitFor();
    await board.waitForTimeout(300);
    await board.screenshot({ path: join(dir, 'board.png') });

    await board.setViewportSize(LAPTOP);
    await board.waitForTimeout(200);
    await board.screenshot({ path: join(dir, 'board-1366.png') });
    expect(problems).toEqual([]);
  });

  it('the duty console with a report being typed and its live preview', async () => {
    const page = await (await signedInContext(browser, server, 'duty', WALL)).newPage();
    const problems = watch(page);
    await page.goto(`${server.url}/duty`);
    await fillReport(page, { title: '平桥区某电镀厂氰化物中毒事故', acuteCases: 11, deaths: 2 });
    await page.getByRole('checkbox', { name: /媒体关注/ }).check();
    await page.locator('aside.preview .severity', { hasText: '重大' }).waitFor();
    await page.locator('aside.preview').getByText('突发公共卫生事件').first().waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(dir, 'duty.png') });
    expect(problems).toEqual([]);
  });
});

/**
 * 联席会议 end to end, in Debian Chromium: the office convenes a plenary on the desk; two units
 * answer on their phones (one sends a deputy, with the reason); the office drafts the minutes;
 * one unit asks for a change; the office revises; both agree; the office issues them (printable,
 * copied to the government). The agreed item's lead unit reports it done on the phone while its
 * supporting unit, silent, is chased on the ladder (engine with an injected clock) up to a 督办
 * alert that the commander's board names, and the board's strip counts it.
 */
import { devices, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { launchChromium, signedInContext, watch, within } from './browser.js';

const START = new Date();
const phone = { ...devices['Pixel 7'], locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' as const };
/** A datetime-local value `hours` after the start, in UTC+08:00. */
const local = (hours: number) => new Date(START.getTime() + hours * 3_600_000 + 8 * 3_600_000).toISOString().slice(0, 16);

let server: TestServer;
let browser: Browser;
let office: Page;
let unionPhone: Page;
let hrssPhone: Page;
let union: { id: string; name: string };
let hrss: { id: string; name: string };
let meetingId: string;
const problems: string[][] = [];

async function phoneOf(username: string): Promise<Page> {
  const context: BrowserContext = await browser.newContext(phone);
  context.setDefaultTimeout(8000);
  const login = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const page = await context.newPage();
  problems.push(watch(page));
  await page.goto(`${server.url}/m`);
  await page.getByText('● 在线').waitFor();
  return page;
}

const card = (page: Page, kind: string) => page.locator(`article[data-kind="${kind}"]`);
const reply = (unitId: string) => office.locator(`table[data-table="replies"] tr[data-unit="${unitId}"]`);

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer({ fixedClock: START, manualEngine: true }), launchChromium()]);
  const duty = await server.login('duty');
  const units = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
  const named = async (part: string) => {
    const id = await unitIdByName(server, duty, 'xinyang', part);
    return units.find((u: any) => u.id === id);
  };
  union = await named('总工会');
  hrss = await named('人力资源');
  const context = await signedInContext(browser, server, 'commander', { width: 1366, height: 900 });
  context.setDefaultTimeout(8000);
  office = await context.newPage();
  problems.push(watch(office));
  unionPhone = await phoneOf(`liaison.${union.id}`);
  hrssPhone = await phoneOf(`liaison.${hrss.id}`);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a plenary meeting, its minutes and an agreed item', () => {
  it('the office convenes a plenary from the 联席会议 page', async () => {
    await office.goto(`${server.url}/meetings`);
    await office.getByRole('link', { name: '联席会议' }).waitFor();
    await office.getByRole('button', { name: '召开会议' }).click();
    await office.getByLabel('会议议题').fill('2027年度职业病防治重点工作');
    await office.getByLabel('会议时间').fill(local(3));
    await office.getByLabel('会议地点').fill('市卫健委三楼会议室');
    await office.getByLabel('回执截止时间').fill(local(1));
    await office.getByLabel('议程（每行一项）').fill('通报全市职业病防治形势\n议定年度工作任务');
    await office.getByLabel('全体成员单位').uncheck();
    await office.getByLabel(union.name).check();
    await office.getByLabel(hrss.name).check();
    // The first answer is lost on the way back (the meeting is made, the browser sees a dropped
    // connection); clicking again sends the same Idempotency-Key and finds that meeting.
    let posts = 0;
    await office.route('**/api/v1/meetings', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      posts++;
      if (posts > 1) return route.fallback();
      await route.fetch();
      await route.abort('connectionreset');
    });
    await office.getByRole('button', { name: '发出会议通知' }).click();
    await within(15_000, 'the lost answer shown as an error', async () => posts === 1 && (await office.getByRole('button', { name: '发出会议通知' }).isEnabled()));
    await office.getByRole('button', { name: '发出会议通知' }).click();
    await office.locator('section.meeting-detail[data-stage="replies"]').waitFor();
    await office.unroute('**/api/v1/meetings');
    expect(posts).toBe(2);
    meetingId = (await office.locator('section.meeting-detail').getAttribute('data-meeting-id'))!;
    const meetings = (await server.request('GET', '/api/v1/meetings', { token: await server.login('commander') })).body.meetings;
    expect(meetings.map((m: any) => m.id)).toEqual([meetingId]);
    expect(await reply(union.id).getAttribute('data-state')).toBe('pending');
    expect(await reply(hrss.id).getAttribute('data-state')).toBe('pending');
    // 会议材料 for the invited units.
    await office.locator(`#material-${meetingId}`).setInputFiles({ name: '形势通报.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 材料\n%%EOF\n') });
    await office.locator('.meeting-files li', { hasText: '形势通报.pdf' }).waitFor();
  });

  it('two units answer on their phones, one sending a deputy with the reason; the office sees both live', async () => {
    const u = card(unionPhone, 'meeting_reply');
    await u.getByLabel('参会人员姓名').fill('张主席');
    await u.getByRole('button', { name: '提交回执' }).click();
    await u.waitFor({ state: 'detached' });

    const h = card(hrssPhone, 'meeting_reply');
    await h.getByLabel('委托他人参会').check();
    await h.getByLabel('参会人员姓名').fill('李副局长');
    await h.getByRole('button', { name: '提交回执' }).click();
    // The server names the missing reason under its field, and nothing is sent.
    await h.getByText('委托他人参会须说明理由').waitFor();
    await h.getByLabel('委托理由').fill('局长参加省厅会议');
    await h.getByRole('button', { name: '提交回执' }).click();
    await h.waitFor({ state: 'detached' });

    await within(15_000, 'both replies on the office page', async () => (await reply(union.id).getAttribute('data-state')) === 'answered' && (await reply(hrss.id).getAttribute('data-state')) === 'answered');
    expect(await reply(hrss.id).textContent()).toContain('李副局长（委托）');
    expect(await reply(hrss.id).textContent()).toContain('局长参加省厅会议');
  });

  it('the office drafts the minutes with an agreed item; one unit asks for a change, the other agrees', async () => {
    await office.getByRole('button', { name: '起草纪要' }).click();
    await office.getByLabel('纪要正文').fill('会议听取了全市职业病防治工作情况汇报，议定如下事项。');
    await office.getByLabel('会签截止时间').fill(local(4));
    await office.getByRole('button', { name: '添加议定事项' }).click();
    await office.getByLabel('事项1').fill('开展尘肺病工伤保险扩面专项行动');
    await office.getByLabel('牵头单位').selectOption(hrss.id);
    await office.locator('.supports').getByLabel(union.name.replace(/^信阳市/, ''), { exact: false }).first().check();
    await office.getByLabel('办结时限').fill(local(6));
    await office.getByRole('button', { name: '发参会单位征求意见' }).click();
    await office.locator('.minutes-version[data-version="1"][data-state="consulting"]').waitFor();

    const u = card(unionPhone, 'minutes_consent');
    await u.getByRole('button', { name: '提出修改意见' }).click();
    await u.getByLabel('修改意见').fill('请写明总工会配合开展职业健康达人评定');
    await u.getByRole('button', { name: '提交修改意见' }).click();
    await u.waitFor({ state: 'detached' });
    await card(hrssPhone, 'minutes_consent').getByRole('button', { name: '同意纪要' }).click();
    await card(hrssPhone, 'minutes_consent').waitFor({ state: 'detached' });
    await office.locator(`.minutes-version[data-version="1"] li[data-unit="${union.id}"][data-state="change_requested"]`).waitFor();
    expect(await office.locator('.minutes-version[data-version="1"]').textContent()).toContain('请写明总工会配合开展职业健康达人评定');
  });

  it('the office revises; both agree; the office issues the minutes, copied to the government, and prints them', async () => {
    await office.getByRole('button', { name: '修订纪要' }).click();
    await office.getByLabel('纪要正文').fill('会议听取了全市职业病防治工作情况汇报，议定如下事项。总工会配合开展“职业健康达人”评定。');
    await office.getByLabel('修订说明').fill('按总工会意见补充');
    await office.getByLabel('会签截止时间').fill(local(5));
    await office.getByRole('button', { name: '发出修订稿征求意见' }).click();
    await office.locator('.minutes-version[data-version="2"][data-state="consulting"]').waitFor();
    for (const p of [unionPhone, hrssPhone]) {
      await card(p, 'minutes_consent').getByRole('button', { name: '同意纪要' }).click();
      await card(p, 'minutes_consent').waitFor({ state: 'detached' });
    }
    await office.getByRole('button', { name: /印发纪要/ }).click();
    await office.locator('section.meeting-detail[data-stage="issued"]').waitFor();
    const print = await office.context().newPage();
    await print.goto(`${server.url}/api/v1/meetings/${meetingId}/minutes/print`);
    const text = await print.locator('body').textContent();
    expect(text).toContain('抄报：市政府办公室');
    expect(text).toContain('开展尘肺病工伤保险扩面专项行动');
    expect(text).toContain('李副局长（受委托）');
    expect(text).not.toContain('征求意见稿');
    await print.close();
  });

  it('the lead unit reports the item done on its phone; the silent supporting unit is chased up to a 督办 the board names', async () => {
    const lead = card(hrssPhone, 'agreed_item');
    await lead.getByLabel('落实情况').fill('已将23家重点企业职工纳入工伤保险');
    await lead.locator('input[type="file"]').setInputFiles({ name: '扩面台账.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% 台账\n%%EOF\n') });
    await lead.locator('.files li', { hasText: '扩面台账.pdf' }).waitFor();
    await lead.getByLabel('本单位承担部分已办结').check();
    await lead.getByRole('button', { name: '报告办结' }).click();
    await lead.waitFor({ state: 'detached' });
    await office.locator(`table[data-table="items"] tr[data-unit="${hrss.id}"][data-state="done"]`).waitFor();
    await office.locator('.meeting-files li', { hasText: '扩面台账.pdf' }).waitFor();

    // Past the item's date and the whole (gentlest) ladder: only the supporting unit is chased.
    // (Dates stay within the 12-hour sessions the pages were opened with.)
    const book = (await server.services.rulebooks.current('xinyang'))!;
    server.clock!.now = new Date(START.getTime() + 6 * 3_600_000 + (book.escalationMinutes.commander.general + 1) * 60_000);
    for (let i = 0; i < 3; i++) await server.engine.tick();
    await card(unionPhone, 'agreed_item').getByText('已逾期督办').waitFor();
    const alerts = (await server.request('GET', '/api/v1/alerts', { token: await server.login('commander') })).body.alerts;
    const chased = alerts.filter((a: any) => a.kind === 'standing_overdue');
    expect(chased.map((a: any) => a.unitId)).toEqual([union.id]);

    // The board, opened at that time: the alert names the item and links to the meeting; the strip counts it.
    const board = await office.context().newPage();
    await board.clock.setFixedTime(server.clock!.now);
    await board.goto(`${server.url}/board`);
    const alert = board.locator('li[data-kind="standing_overdue"]');
    await alert.waitFor();
    expect(await alert.locator('.alert-standing a').getAttribute('href')).toBe(`/meetings?meeting=${meetingId}`);
    expect(await alert.textContent()).toContain('开展尘肺病工伤保险扩面专项行动');
    expect(await board.locator('[data-summary="standing"] .summary-value').textContent()).toBe('1');
    await board.close();
    expect(problems.flat()).toEqual([]);
  });
});

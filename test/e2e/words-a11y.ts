/**
 * Every page as people see it, with real data, in Chromium at the sizes it is meant for: no
 * developer wording in the visible text (enum codes, English glosses, ISO hints) and no serious
 * or critical axe-core violation. Shared by the test files that each check a part of the pages
 * (the desk, the admin's and the phone's), so the two workers check them side by side.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { developerWords } from '../support/words.js';
import { LAPTOP, launchChromium, WALL, type Viewport } from './browser.js';

const PHONE: Viewport = { width: 412, height: 915 };
const SMALL_PHONE: Viewport = { width: 360, height: 640 };
const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
const MINUTE = 60_000;

let server: TestServer;
let browser: Browser;
let incidentId: string;
let liaisonUser: string;
let meetingId: string;

beforeAll(async () => {
  // The server's clock starts an hour back, so deadlines have passed by the time the pages look.
  [server, browser] = await Promise.all([startTestServer({ fixedClock: new Date(Date.now() - 60 * MINUTE), manualEngine: true }), launchChromium()]);
  const duty = await server.login('duty');
  const iso = (t: number) => new Date(t).toISOString().replace('Z', '+00:00');
  const t0 = server.clock!.now.getTime();
  const major = await server.request('POST', '/api/v1/incidents', {
    token: duty,
    body: xinyangReport({
      title: '浉河区某化工厂硫化氢中毒事故',
      occurredAt: iso(t0 - 30 * MINUTE),
      receivedAt: iso(t0 - 5 * MINUTE),
      casualties: { exposed: 20, acuteCases: 12, severeCases: 4, deaths: 1, anthraxCases: 0 },
      settings: ['construction_site'],
      place: { address: '信阳市浉河区工业园路1号', township: '五星街道', lat: 32.1234, lng: 114.0765 },
    }),
  });
  expect(major.status).toBe(201);
  incidentId = major.body.id;
  const n = major.body.notifications;
  const token = async (unitId: string) => server.login(`liaison.${unitId}`);
  await server.request('POST', `/api/v1/notifications/${n[1].id}/acknowledge`, { token: await token(n[1].unitId), body: { note: '已派员' } });
  await server.request('POST', `/api/v1/notifications/${n[2].id}/decline`, { token: await token(n[2].unitId), body: { reason: '不属于本单位职责' } });
  liaisonUser = `liaison.${n[0].unitId}`;
  // A member unit's report waiting for the commission (信阳 三(四)2): the desk and the board show it as an alert.
  const { receivedAt: _r, ...unitReport } = xinyangReport({ title: '市总工会获悉的中毒事故', occurredAt: iso(t0 - 20 * MINUTE) });
  const filedByUnit = await server.request('POST', '/api/v1/unit-reports', { token: await token(n[0].unitId), body: unitReport });
  expect(filedByUnit.status, JSON.stringify(filedByUnit.body)).toBe(201);
  await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '平桥区某建筑工地职业性中暑事件', drill: true, hazard: { category: 'heatstroke' } }) });
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452'.padEnd(120, '0'), 'hex');
  await fetch(`${server.url}/api/v1/incidents/${incidentId}/attachments?fileName=${encodeURIComponent('现场照片.png')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${duty}` },
    body: new Uint8Array(png),
  });
  // A meeting the office is collecting replies for, one unit having answered.
  const commander = await server.login('commander');
  const union = await unitIdByName(server, commander, 'xinyang', '总工会');
  const hrss = await unitIdByName(server, commander, 'xinyang', '人力资源');
  const convened = await server.request('POST', '/api/v1/meetings', {
    token: commander,
    body: { kind: 'plenary', topic: '年度重点工作', startsAt: iso(t0 + 72 * 60 * MINUTE), place: '市卫健委三楼会议室', agenda: ['议定年度任务'], replyDueAt: iso(t0 + 24 * 60 * MINUTE), invite: { unitIds: [union, hrss] } },
  });
  expect(convened.status, JSON.stringify(convened.body)).toBe(201);
  meetingId = convened.body.meeting.id;
  const replied = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: await server.login(`liaison.${hrss}`), body: { attendance: 'deputy', attendeeName: '李四', reason: '主要负责同志出差' } });
  expect(replied.status, JSON.stringify(replied.body)).toBe(200);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A context that may inject axe (the app's CSP forbids inline scripts, rightly). */
async function contextFor(username: string | null, viewport: Viewport): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block', bypassCSP: true });
  context.setDefaultTimeout(10_000);
  if (username) {
    const res = await context.request.post(`${server.url}/api/v1/auth/login`, { data: { username, password: DEMO_PASSWORD } });
    expect(res.status()).toBe(200);
  }
  return context;
}

/** Visible text, placeholders and accessible names, leaving out what is literally data (refs, user names, numbers). */
async function visibleWords(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('[data-literal],script,style,noscript')) continue;
      if (!el.checkVisibility()) continue;
      parts.push(node.textContent ?? '');
    }
    for (const el of document.querySelectorAll<HTMLElement>('[placeholder],[aria-label],[title]')) {
      if (el.closest('[data-literal]') || !el.checkVisibility()) continue;
      parts.push(el.getAttribute('placeholder') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
    }
    return parts.join(' ');
  });
}

/** Where an offending word is shown, to say what to fix. */
async function whereIs(page: Page, words: string[]): Promise<string[]> {
  return page.evaluate(
    (ws) =>
      ws.map((w) => {
        const el = [...document.querySelectorAll<HTMLElement>('body *')].reverse().find((e) => (e.textContent ?? '').includes(w) || [...e.attributes].some((a) => a.value.includes(w) && a.name !== 'class' && a.name !== 'id'));
        return `${w}: ${el?.outerHTML.slice(0, 300) ?? '?'}`;
      }),
    words,
  );
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical').map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
  return violations;
}

export type PageGroup = 'desk' | 'admin' | 'phone';

const PAGES: { name: string; group: PageGroup; user: string | null; path: () => string; ready: string; sizes: Viewport[] }[] = [
  { name: '/login', group: 'desk', user: null, path: () => '/login', ready: 'form.login-card', sizes: [WALL, LAPTOP, PHONE, SMALL_PHONE] },
  { name: '/duty', group: 'desk', user: 'duty', path: () => '/duty', ready: 'main', sizes: [WALL, LAPTOP] },
  { name: '/duty incident', group: 'desk', user: 'duty', path: () => `/duty/incidents/${incidentId}`, ready: '.attachment-list', sizes: [WALL, LAPTOP] },
  { name: '/board', group: 'desk', user: 'commander', path: () => '/board', ready: '.summary-strip', sizes: [WALL, LAPTOP] },
  { name: '/admin units', group: 'admin', user: 'admin', path: () => '/admin', ready: '.units-table', sizes: [WALL, LAPTOP] },
  { name: '/admin rulebook', group: 'admin', user: 'admin', path: () => '/admin/rulebook', ready: 'main table', sizes: [WALL] },
  { name: '/admin users', group: 'admin', user: 'admin', path: () => '/admin/users', ready: 'main table', sizes: [WALL] },
  { name: '/admin service accounts', group: 'admin', user: 'admin', path: () => '/admin/service-accounts', ready: 'main form', sizes: [WALL] },
  { name: '/login change password', group: 'phone', user: 'duty', path: () => '/login?change=1', ready: '#newPassword', sizes: [LAPTOP, PHONE] },
  { name: '/admin rota', group: 'admin', user: 'admin', path: () => '/admin/rota', ready: '.rota-calendar', sizes: [WALL, LAPTOP] },
  { name: '/admin versions', group: 'admin', user: 'admin', path: () => '/admin/versions', ready: 'main table', sizes: [WALL] },
  { name: '/admin member changes', group: 'admin', user: 'admin', path: () => '/admin/changes', ready: '#changes-title', sizes: [WALL] },
  { name: '/admin roster import', group: 'admin', user: 'admin', path: () => '/admin/import', ready: '#roster-file', sizes: [WALL] },
  { name: '/bulletins', group: 'desk', user: 'commander', path: () => '/bulletins', ready: '#bulletins-h', sizes: [WALL, LAPTOP] },
  { name: '/bulletins annual', group: 'desk', user: 'commander', path: () => '/bulletins/annual', ready: 'main table', sizes: [WALL, LAPTOP] },
  { name: '/meetings', group: 'desk', user: 'commander', path: () => `/meetings?meeting=${meetingId}`, ready: 'table[data-table="replies"] tr[data-state="answered"]', sizes: [WALL, LAPTOP] },
  { name: '/bulletins report', group: 'desk', user: 'commander', path: () => '/bulletins/report', ready: 'main table', sizes: [WALL] },
  { name: '/m 简报与报送', group: 'phone', user: 'liaison', path: () => '/m#info', ready: '#info-h', sizes: [PHONE] },
  { name: '/m', group: 'phone', user: 'liaison', path: () => '/m', ready: '#app *', sizes: [PHONE, SMALL_PHONE] },
  // A unit head's own 值班表, opened from /m: it must read and work on the phone too.
  { name: '/admin rota (unit head)', group: 'phone', user: 'head', path: () => '/admin/rota', ready: '.rota-calendar', sizes: [SMALL_PHONE, LAPTOP] },
];

/** One test per page of the group and size it is meant for. */
export function checkPages(group: PageGroup): void {
  for (const p of PAGES.filter((x) => x.group === group))
    for (const size of p.sizes)
      it(`${p.name} at ${size.width}×${size.height}`, async () => {
        const context = await contextFor(p.user === 'liaison' ? liaisonUser : p.user === 'head' ? liaisonUser.replace(/^liaison\./, 'head.') : p.user, size);
        try {
          const page = await context.newPage();
          const consoleErrors: string[] = [];
          page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
          page.on('pageerror', (e) => consoleErrors.push(e.message));
          await page.goto(`${server.url}${p.path()}`);
          await page.locator(p.ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          const words = developerWords(await visibleWords(page));
          if (words.length) console.log(p.name, await whereIs(page, words.slice(0, 3)));
          expect(words, `${p.name}: Latin words shown`).toEqual([]);
          expect(await seriousViolations(page), `${p.name}: axe`).toEqual([]);
          if (p.name === '/login') expect(consoleErrors).toEqual([]);
        } finally {
          await context.close();
        }
      });
}

/** The login page says where the demo accounts are while demo data is on, and logs no error. */
export function checkLoginPage(): void {
  it('says where the demo accounts are while demo data is on, and logs no error on the way', async () => {
    const context = await contextFor(null, WALL);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: '演示账号' }).waitFor();
    expect(await page.locator('.demo-accounts').innerText()).toContain('演示账号见说明文件（README）');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    await context.close();
  });
}

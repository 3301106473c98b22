/**
 * The Workers tier as it runs: `wrangler dev --local` (workerd, offline) over a fresh database on
 * this machine's PostgreSQL, with no Node server at all. Through the worker a duty officer files a
 * report, one unit's liaison acknowledges, and the cron handler (triggered with wrangler's
 * /__scheduled) escalates the unit that stayed silent and sends its group robot the 催办 —
 * through the same engine code as Node. The desk pages and the API docs come from static assets.
 *
 * Time: workerd runs in its own process with the real clock, which a test cannot inject. So
 * "time passes" by moving the silent unit's acknowledgement deadline (and its ladder's next step)
 * one minute into the past in SQL: exactly the row the engine would see a minute after the deadline.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { prepareDatabase, startWranglerDev, type WranglerDev } from '../support/wrangler-dev.js';

// Hyperdrive's local mode connects to a PostgreSQL server over TCP; embedded PGlite has none.
const SKIP_REASON = 'needs DATABASE_URL: wrangler dev reaches the database through a Hyperdrive binding to a real PostgreSQL server';
if (!process.env.DATABASE_URL) console.warn(`test/workers/wrangler-dev.test.ts skipped: ${SKIP_REASON}`);

let database: TestDatabase;
let worker: WranglerDev;
let sql: postgres.Sql;
let robotServer: Server;
const robotPosts: { title: string; text: string }[] = [];

async function call(method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(worker.url + path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body };
}

async function login(username: string): Promise<string> {
  const res = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token;
}

/** Runs the worker's cron handler once, as Cloudflare's trigger would. */
async function runCron(): Promise<void> {
  const res = await fetch(`${worker.url}/__scheduled?cron=${encodeURIComponent('* * * * *')}`);
  expect(res.status, await res.clone().text()).toBe(200);
  await res.text();
}

describe.skipIf(!process.env.DATABASE_URL)(`the Workers tier under wrangler dev (${SKIP_REASON})`, () => {
  beforeAll(async () => {
    // A unit's group robot on this machine: answers like DingTalk and keeps what it was sent.
    robotServer = createServer((req, res) => {
      let raw = '';
      req.on('data', (d) => (raw += d));
      req.on('end', () => {
        const body = JSON.parse(raw);
        robotPosts.push({ title: body.markdown.title, text: body.markdown.text });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      });
    });
    await new Promise<void>((resolve) => robotServer.listen(0, '127.0.0.1', resolve));
    database = await createTestDatabase();
    await prepareDatabase(database.databaseUrl!);
    sql = postgres(database.databaseUrl!, { max: 2, onnotice: () => {} });
    worker = await startWranglerDev(database.databaseUrl!, { PUBLIC_URL: 'https://lianfang.example.gov.cn', DINGTALK_WEBHOOK_HOSTS: '127.0.0.1' });
  });

  afterAll(async () => {
    if (process.env.SHOW_WRANGLER_OUTPUT) console.log(worker?.output());
    await worker?.stop();
    await sql?.end();
    await database?.drop();
    await new Promise((resolve) => robotServer?.close(resolve));
  });

  let duty: string;
  let union: string;
  let hrss: string;
  let incidentId: string;
  let unionNotification: string;
  let hrssNotification: string;

  it('files a report and a liaison acknowledges, all through the worker', async () => {
    duty = await login('duty');
    union = await unitIdByName({ request: (m, p, o) => call(m, p, o) }, duty, 'xinyang', '总工会');
    hrss = await unitIdByName({ request: (m, p, o) => call(m, p, o) }, duty, 'xinyang', '人力资源');
    const robot = { provider: 'dingtalk', webhook: `http://127.0.0.1:${(robotServer.address() as AddressInfo).port}/robot/send?access_token=t`, secret: 'SEC-workers-robot' };
    expect((await call('POST', `/api/v1/units/${hrss}/robots`, { token: await login('commander'), body: robot })).status).toBe(201);
    // A phone for the silent unit's liaison: SMS is Node's to send.
    expect((await call('POST', '/api/v1/me/phones', { token: await login(`liaison.${hrss}`), body: { phone: '13800000003' } })).status).toBe(201);

    const filed = await call('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '边缘节点升级测试' }) });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    incidentId = filed.body.id;
    unionNotification = filed.body.notifications.find((n: any) => n.unitId === union).id;
    hrssNotification = filed.body.notifications.find((n: any) => n.unitId === hrss).id;

    const liaison = await login(`liaison.${union}`);
    const ack = await call('POST', `/api/v1/notifications/${unionNotification}/acknowledge`, { token: liaison, body: {} });
    expect(ack.status, JSON.stringify(ack.body)).toBe(200);
  });

  it('the cron sends the first notice to the group robot and escalates nothing before the deadline', async () => {
    await runCron();
    expect(robotPosts.map((p) => p.title).join('\n')).toContain('边缘节点升级测试');
    expect(robotPosts.every((p) => !p.title.includes('【催办】'))).toBe(true);
    // The unit link points at PUBLIC_URL, never at the worker's local address.
    expect(robotPosts[0]!.text).toContain('https://lianfang.example.gov.cn/g/');
    const events = (await call('GET', `/api/v1/incidents/${incidentId}/events`, { token: duty })).body.events;
    expect(events.filter((e: any) => e.type === 'notification.escalated')).toEqual([]);
  });

  it('after the deadline the cron escalates the silent unit only, once, even when two runs overlap', async () => {
    await sql`update notifications set ack_due_at = now() - interval '1 minute', next_escalation_at = now() - interval '1 minute' where id = ${hrssNotification}`;
    await Promise.all([runCron(), runCron()]);

    const events = (await call('GET', `/api/v1/incidents/${incidentId}/events`, { token: duty })).body.events;
    const steps = events.filter((e: any) => e.type === 'notification.escalated').map((e: any) => ({ unitId: e.data.unitId, step: e.data.step, text: e.data.text }));
    expect(steps).toEqual([{ unitId: hrss, step: 'resend', text: '逾期未签收，已向全部联络员重新发送' }]);
    // The board the commission watches shows it too.
    const [row] = await sql`select escalation_step from notifications where id = ${hrssNotification}`;
    expect(row!.escalation_step).toBe(1);
    // The 催办 went to the unit's group from the worker, exactly once.
    expect(robotPosts.filter((p) => p.title.includes('【催办】'))).toHaveLength(1);
  });

  it('leaves the deliveries only Node can send (Web Push, SMS) queued and untouched for the Node servers', async () => {
    const rows = await sql`
      select cp.provider, d.state, d.attempts, d.failure_reason from deliveries d
      join contact_points cp on cp.id = d.contact_point_id join notifications n on n.id = d.notification_id
      where n.incident_id = ${incidentId}`;
    const robot = rows.filter((r) => r.provider === 'dingtalk');
    expect(robot.map((r) => r.state)).toEqual(['sent', 'sent']);
    const others = rows.filter((r) => r.provider !== 'dingtalk');
    // The first notice and the 催办 to the liaison's phone.
    expect(others.length).toBeGreaterThanOrEqual(2);
    for (const r of others) expect({ provider: r.provider, state: r.state, attempts: r.attempts }).toEqual({ provider: r.provider, state: 'queued', attempts: 0 });
  });

  async function expectPageWithAssets(path: string, assetPattern: RegExp) {
    const page = await fetch(worker.url + path, { headers: { accept: 'text/html', 'sec-fetch-mode': 'navigate' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.some((a) => assetPattern.test(a)), `${path} references ${assets.join(', ')}`).toBe(true);
    for (const asset of assets) {
      const res = await fetch(worker.url + asset);
      expect(res.status, asset).toBe(200);
      expect(res.headers.get('content-type'), asset).toMatch(asset.endsWith('.css') ? /text\/css/ : /javascript/);
      expect((await res.text()).length, asset).toBeGreaterThan(0);
    }
    return html;
  }

  it('serves the desk app for its routes and the liaison page, with their scripts, from static assets', async () => {
    const board = await expectPageWithAssets('/board', /^\/assets\/main-.*\.js$/);
    expect(board).toContain('<div id="app">');
    for (const path of ['/duty', '/admin', '/login']) expect(await expectPageWithAssets(path, /^\/assets\/main-.*\.js$/)).toBe(board);
    const phone = await expectPageWithAssets('/m', /^\/assets\/m-.*\.js$/);
    expect(phone).not.toBe(board);
    expect(await expectPageWithAssets(`/m/${unionNotification}`, /^\/assets\/m-.*\.js$/)).toBe(phone);
  });

  it('serves /api/docs with its Swagger UI files, and the API stays JSON, not the app', async () => {
    const html = await expectPageWithAssets('/api/docs', /swagger-ui-bundle\.js$/);
    expect(html).toContain('/api/docs/assets/swagger-ui.css');
    const spec = await call('GET', '/api/v1/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.info.title).toContain('联防');
    const missing = await call('GET', '/api/v1/no-such-thing');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });
});

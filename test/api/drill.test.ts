/**
 * 演练: an exercise runs exactly like a real incident — clocks and escalation included — but every
 * message, page and export says 【演练】, and statistics of real incidents leave it out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T00:40:00.000Z');
let server: TestServer;
let sms: RecordingAdapter;
let duty: string;
let commander: string;
let union: string;
let unionLiaison: string;
let drillId: string;
let realId: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, manualEngine: true, adapters: { aliyun: sms } });
  duty = await server.login('duty');
  commander = await server.login('commander');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  unionLiaison = await server.login(`liaison.${union}`);
  expect((await server.request('POST', '/api/v1/me/phones', { token: unionLiaison, body: { phone: '13900000021' } })).status).toBe(201);
});
afterAll(async () => server?.close());

describe('an exercise (演练)', () => {
  it('is filed with drill: true and says so wherever the incident is shown', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '硫化氢中毒应急演练', drill: true }) });
    expect(filed.status).toBe(201);
    expect(filed.body.drill).toBe(true);
    drillId = filed.body.id;
    expect((await server.request('GET', `/api/v1/incidents/${drillId}`, { token: duty })).body.incident.drill).toBe(true);
    expect((await server.request('GET', '/api/v1/inbox', { token: unionLiaison })).body.notifications[0].incident.drill).toBe(true);
    const real = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '真实事故' }) });
    realId = real.body.id;
    expect(real.body.drill).toBe(false);
    const list = (await server.request('GET', '/api/v1/incidents', { token: duty })).body.incidents;
    expect(Object.fromEntries(list.map((i: any) => [i.id, i.drill]))).toEqual({ [drillId]: true, [realId]: false });
  });

  it('every message says 【演练】 first; the real incident’s do not', async () => {
    await server.engine.tick();
    const messages = sms.to('+8613900000021');
    const drill = messages.find((m) => m.message.title.includes('硫化氢中毒应急演练'))!.message;
    expect(drill.title.startsWith('【演练】')).toBe(true);
    expect(drill.shortText.startsWith('【演练】')).toBe(true);
    expect(drill.markdown).toContain('### 【演练】');
    expect(String(drill.pushPayload.title).startsWith('【演练】')).toBe(true);
    const real = messages.find((m) => m.message.title.includes('真实事故'))!.message;
    expect(real.title).not.toContain('【演练】');
    // The one-tap page says it too.
    const link = drill.shortText.match(/https?:\/\/[^/\s]+(\/a\/\S+)$/)![1]!;
    const page = await server.request('GET', link);
    expect(page.body).toContain('【演练】本事故为演练');
  });

  it('its clocks and escalation run as for real', async () => {
    server.clock!.advance(61 * 60_000);
    await server.engine.tick();
    const resend = sms.to('+8613900000021').filter((m) => m.message.title.includes('【催办】'));
    expect(resend.map((m) => m.message.title.startsWith('【演练】'))).toContain(true);
    expect(resend.map((m) => m.message.title.includes('真实事故'))).toContain(true);
    const obligations = (await server.request('GET', `/api/v1/incidents/${drillId}/obligations`, { token: duty })).body.obligations;
    expect(obligations.length).toBeGreaterThan(0);
  });

  it('a task of an exercise says 【演练】 in its messages', async () => {
    const task = await server.request('POST', `/api/v1/incidents/${drillId}/tasks`, { token: commander, body: { suggestionId: 'zgh_join_investigation' } });
    expect(task.status).toBe(201);
    await server.engine.tick();
    expect(sms.to('+8613900000021').some((m) => m.message.title.startsWith('【演练】【联合处置任务】'))).toBe(true);
  });

  it('its account, printed and exported, says it is an exercise', async () => {
    const account = (await server.request('GET', `/api/v1/incidents/${drillId}/account`, { token: duty })).body;
    expect(account.incident.drill).toBe(true);
    expect(account.note).toContain('【演练】');
    const html = (await server.request('GET', `/api/v1/incidents/${drillId}/account?format=html`, { token: duty })).body as string;
    expect(html).toContain('<title>【演练】事后报告');
    expect(html).toContain('class="drill"');
    const csv = (await server.request('GET', `/api/v1/incidents/${drillId}/account?format=csv`, { token: duty })).body as string;
    expect(csv.replace(/^\uFEFF/, '').split('\r\n')[0]).toContain('【演练】');
    const realCsv = (await server.request('GET', `/api/v1/incidents/${realId}/account?format=csv`, { token: duty })).body as string;
    expect(realCsv).not.toContain('【演练】');
  });

  it('statistics of real incidents leave it out', async () => {
    const stats = await server.request('GET', '/api/v1/statistics', { token: duty });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ jurisdictionId: 'xinyang', drillsExcluded: 1, incidents: { total: 1, bySeverity: { general: 1, major: 0, extraordinary: 0 } } });
    const realNotifications = (await server.request('GET', `/api/v1/incidents/${realId}`, { token: duty })).body.notifications.length;
    expect(stats.body.acknowledgements.total).toBe(realNotifications);
    // No member unit acknowledged the real incident; only the commission's own stands acknowledged by its filer.
    expect(stats.body.acknowledgements.onTime).toBe(1);
    expect((await server.request('GET', '/api/v1/statistics', { token: unionLiaison })).status).toBe(403);
    expect((await server.request('GET', '/api/v1/statistics?jurisdictionId=anji', { token: duty })).status).toBe(404);
  });
});

/** One-tap acknowledgement links: signed, expiring, bound to one notification and one person; repeats are harmless. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { actionLinks, users } from '../../src/db/schema.js';
import { createActionLinks } from '../../src/services/links/action-links.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let sms: RecordingAdapter;
let duty: string;
let union: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: new Date('2026-11-23T01:00:00Z'), adapters: { aliyun: sms }, manualEngine: true });
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  for (const [who, phone] of [[`liaison.${union}`, '13900000001'], [`head.${union}`, '13900000002']] as const) {
    const token = await server.login(who);
    expect((await server.request('POST', '/api/v1/me/phones', { token, body: { phone } })).status).toBe(201);
  }
});
afterAll(async () => server?.close());

async function fileAndGetLink(title: string) {
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }) });
  await server.engine.tick();
  const message = sms.sent.filter((s) => s.contact.address === '+8613900000001').find((s) => s.message.title.includes(title))!;
  const url = message.message.links[0]!.url;
  return { filed, url, path: new URL(url).pathname, notificationId: filed.body.notifications.find((n: any) => n.unitId === union).id as string };
}

describe('one-tap links', () => {
  it('opening the link (as a chat app’s preview does) shows the incident and why this unit, and records nothing', async () => {
    const { path, filed } = await fileAndGetLink('链接查看');
    const before = (await server.request('GET', `/api/v1/incidents/${filed.body.id}/events`, { token: duty })).body.events;
    for (const agent of ['WeChat-LinkPreview', 'DingTalk-Unfurl', 'Mozilla/5.0']) {
      const res = await fetch(server.url + path, { headers: { 'user-agent': agent } });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('链接查看');
      expect(html).toContain('依法参与职业病危害事故的调查处理');
      expect(html).toContain('签收 Acknowledge');
    }
    const detail = await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty });
    const n = detail.body.notifications.find((x: any) => x.unitId === union);
    expect(n).toMatchObject({ state: 'pending', firstReadAt: null });
    expect((await server.request('GET', `/api/v1/incidents/${filed.body.id}/events`, { token: duty })).body.events).toEqual(before);
    const [link] = await server.services.db.select().from(actionLinks).where(eq(actionLinks.id, path.slice(3).split('.')[0]!));
    expect(link).toMatchObject({ usedAt: null, useCount: 0 });
  });

  it('the person’s tap records the read and the 签收; tapping again is harmless and not counted as new use', async () => {
    const { path, filed } = await fileAndGetLink('链接一次');
    for (let i = 0; i < 3; i++)
      expect((await fetch(server.url + path, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    const n = (await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty })).body.notifications.find((x: any) => x.unitId === union);
    expect(n.state).toBe('acknowledged');
    expect(n.firstReadAt).not.toBeNull();
    const [link] = await server.services.db.select().from(actionLinks).where(eq(actionLinks.id, path.slice(3).split('.')[0]!));
    expect(link!.useCount).toBe(1);
    // The union's own events (the commission's notification stands acknowledged at filing).
    const ofUnion = (e: any) => (e.data.notification?.unitId ?? e.data.unitId) === union;
    const types = (await server.request('GET', `/api/v1/incidents/${filed.body.id}/events`, { token: duty })).body.events.filter(ofUnion).map((e: any) => e.type);
    expect(types.filter((t: string) => t === 'notification.read' || t === 'notification.acknowledged')).toEqual(['notification.read', 'notification.acknowledged']);
  });

  it('posting it acknowledges as the person it was made for, over the SMS channel, without logging in', async () => {
    const { path, filed } = await fileAndGetLink('链接签收');
    const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'note=%E5%B7%B2%E6%B4%BE%E5%91%98' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('签收成功');
    const detail = await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty });
    const n = detail.body.notifications.find((x: any) => x.unitId === union);
    expect(n).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'sms', acknowledgementNote: '已派员' });
    expect(n.acknowledgedByName).toContain('联络员');
  });

  it('using it twice, or after someone else acknowledged, is harmless and says so', async () => {
    const { path, notificationId } = await fileAndGetLink('链接重复');
    const head = await server.login(`head.${union}`);
    await server.request('POST', `/api/v1/notifications/${notificationId}/acknowledge`, { token: head, body: {} });
    const res = await fetch(server.url + path, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.alreadyAcknowledged).toBe(true);
    expect(body.notification.acknowledgedByName).toContain('负责人');
    const page = await fetch(server.url + path, { method: 'POST' });
    expect(await page.text()).toContain('无需重复操作');
    const events = await server.request('GET', `/api/v1/incidents/${body.notification.incidentId}/events`, { token: duty });
    expect(events.body.events.filter((e: any) => e.type === 'notification.acknowledged' && e.data.notification.id === notificationId)).toHaveLength(1);
  });

  it('a forged or altered token is refused', async () => {
    const { path } = await fileAndGetLink('链接伪造');
    const [id, mac] = path.slice(3).split('.');
    const altered = `/a/${id}.${mac!.startsWith('A') ? 'B' : 'A'}${mac!.slice(1)}`;
    expect((await fetch(server.url + altered)).status).toBe(404);
    expect((await fetch(server.url + altered, { method: 'POST' })).status).toBe(404);
    expect((await fetch(server.url + '/a/made-up.token')).status).toBe(404);
  });

  it('an expired link is refused', async () => {
    const { path } = await fileAndGetLink('链接过期');
    server.clock!.advance(73 * 3_600_000);
    const res = await fetch(server.url + path, { method: 'POST', headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    server.clock!.advance(-73 * 3_600_000);
  });

  it('thousands of links made in one instant (a large fan-out) each get their own id, and each works', async () => {
    const { notificationId } = await fileAndGetLink('链接批量');
    const [person] = await server.services.db.select({ id: users.id }).from(users).where(eq(users.username, `liaison.${union}`));
    const secret = server.services.links.secret;
    const tokens = await createActionLinks(server.services.db, secret, server.clock!.now, Array.from({ length: 5000 }, () => ({ notificationId, userId: person!.id, channel: 'web_push' as const })));
    expect(new Set(tokens).size).toBe(5000);
    expect((await fetch(`${server.url}/a/${tokens[4999]}`)).status).toBe(200);
  });
});

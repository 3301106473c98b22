/**
 * A unit's group robot gets one message per notification. Anyone in the group reads it, so it
 * carries no personal link: its unit link asks who is acknowledging and sends that person's own
 * link to that person's own phone.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { addLiaison } from '../support/users.js';

let server: TestServer;
let robot: RecordingAdapter;
let sms: RecordingAdapter;
let union: string;

beforeAll(async () => {
  robot = new RecordingAdapter('dingtalk');
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: new Date('2026-11-23T02:00:00Z'), adapters: { dingtalk: robot, aliyun: sms }, manualEngine: true });
  const commander = await server.login('commander');
  union = await unitIdByName(server, commander, 'xinyang', '总工会');
  const second = await addLiaison(server, 'liaison2.union', 'xinyang', union);
  // The second liaison is off duty when the report comes, so only the unit link can reach them.
  await server.request('POST', '/api/v1/me/phones', { token: second, body: { phone: '13900000077' } });
  const me = (await server.request('GET', '/api/v1/auth/me', { token: second })).body;
  const admin = await server.login('admin');
  expect((await server.request('PATCH', `/api/v1/admin/users/${me.id}`, { token: admin, body: { onDuty: false } })).status).toBe(200);
});
afterAll(async () => server?.close());

describe('group robots', () => {
  it('only the commission or an admin configures a unit’s robot; its liaison may not (403), another jurisdiction sees nothing (404)', async () => {
    const body = { provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=abc', secret: 'SEC-robot-secret' };
    const liaison = await server.login(`liaison.${union}`);
    expect((await server.request('POST', `/api/v1/units/${union}/robots`, { token: liaison, body })).status).toBe(403);
    const anji = await server.login('commander.anji');
    expect((await server.request('POST', `/api/v1/units/${union}/robots`, { token: anji, body })).status).toBe(404);
    const bad = await server.request('POST', `/api/v1/units/${union}/robots`, { token: await server.login('commander'), body: { ...body, webhook: 'not a url' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].field).toBe('webhook');
    const ok = await server.request('POST', `/api/v1/units/${union}/robots`, { token: await server.login('commander'), body });
    expect(ok.status).toBe(201);
    expect(JSON.stringify(ok.body)).not.toContain('SEC-robot-secret');
  });

  let unitLink: string;
  let incidentId: string;

  it('a report reaches the unit’s group with the unit link only: no personal link anyone in the group could use', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '机器人通知' }) });
    incidentId = filed.body.id;
    await server.engine.tick();
    const message = robot.sent.find((s) => s.message.title.includes('机器人通知'))!;
    expect(message.contact.secret.secret).toBe('SEC-robot-secret');
    expect(message.message.links).toHaveLength(1);
    expect(message.message.markdown).toContain('依法参与职业病危害事故的调查处理');
    expect(message.message.markdown).not.toMatch(/\/a\//);
    expect(message.message.markdown).toMatch(/\[签收（核实签收人身份）\]\(http:\/\/(?:localhost|127\.0\.0\.1):\d+\/g\//);
    unitLink = new URL(message.message.links[0]!.url).pathname;
    // The unit link is no personal link: it cannot acknowledge.
    const asPersonal = await fetch(server.url + unitLink.replace('/g/', '/a/'), { method: 'POST', headers: { accept: 'application/json' } });
    expect(asPersonal.status).toBe(404);
  });

  it('opening the unit link asks who is acknowledging and records nothing', async () => {
    const before = (await server.request('GET', `/api/v1/incidents/${incidentId}`, { token: await server.login('duty') })).body;
    const res = await fetch(server.url + unitLink);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('机器人通知');
    expect(html).toContain('liaison2.union');
    expect(html).toContain('发送签收链接到我的手机');
    expect(html).not.toContain('13900000077');
    const after = (await server.request('GET', `/api/v1/incidents/${incidentId}`, { token: await server.login('duty') })).body;
    expect(after.notifications).toEqual(before.notifications);
    expect(after.lastSeq).toBe(before.lastSeq);
  });

  it('picking a name sends that person’s own link to their own phone, once; it acknowledges only when they tap it', async () => {
    const db = server.services.db;
    const [person] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'liaison2.union'));
    const pick = () => fetch(server.url + unitLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `personId=${person!.id}` });
    const first = await pick();
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('已将liaison2.union本人的签收链接发送到其登记的手机短信或推送');
    await server.engine.tick();
    const sent = sms.to('+8613900000077').filter((s) => s.message.title.includes('机器人通知'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.message.shortText).toMatch(/签收：http:\/\/(?:localhost|127\.0\.0\.1):\d+\/a\//);
    // Asking again sends nothing new.
    expect(await (await pick()).text()).toContain('签收链接已发送过');
    await server.engine.tick();
    expect(sms.to('+8613900000077').filter((s) => s.message.title.includes('机器人通知'))).toHaveLength(1);
    const n = (await server.request('GET', `/api/v1/incidents/${incidentId}`, { token: await server.login('duty') })).body.notifications.find((x: any) => x.unitId === union);
    expect(n.state).toBe('pending');
    // The person's own link acknowledges as that person.
    const own = new URL(sent[0]!.message.links[0]!.url).pathname;
    const done = await fetch(server.url + own, { method: 'POST', headers: { accept: 'application/json' } });
    expect((await done.json()).notification).toMatchObject({ state: 'acknowledged', acknowledgedBy: person!.id });
  });

  it('a person of another unit cannot be picked, and a forged unit link is refused', async () => {
    const [other] = await server.services.db.select({ id: users.id }).from(users).where(eq(users.username, 'duty'));
    const res = await fetch(server.url + unitLink, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `personId=${other!.id}` });
    expect(res.status).toBe(422);
    const forged = unitLink.replace(/\.([\w-])/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`);
    expect((await fetch(server.url + forged)).status).toBe(404);
  });
});

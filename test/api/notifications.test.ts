import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';

let server: TestServer;
let duty: string;
let union: string;
let hrss: string;
let unionLiaison: string;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  unionLiaison = await server.login(`liaison.${union}`);
});
afterAll(async () => server?.close());

async function fileIncident(title: string) {
  const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }) });
  expect(res.status).toBe(201);
  return res.body;
}

const notificationFor = (incident: any, unitId: string) => incident.notifications.find((n: any) => n.unitId === unitId);

describe('the unit inbox (收件箱)', () => {
  it('lists the unit’s notifications with the incident and why this unit', async () => {
    const incident = await fileIncident('收件箱测试');
    const res = await server.request('GET', '/api/v1/inbox', { token: unionLiaison });
    expect(res.status).toBe(200);
    const item = res.body.notifications.find((n: any) => n.incidentId === incident.id);
    expect(item).toMatchObject({ unitId: union, role: 'support', state: 'pending' });
    expect(item.basis).toContain('依法参与职业病危害事故的调查处理');
    expect(item.incident).toMatchObject({ title: '收件箱测试', severity: 'general' });
    expect(res.body.lastSeq).toBeGreaterThan(0);
    expect(res.body.notifications.every((n: any) => n.unitId === union)).toBe(true);
  });

  it('the commission has no unit inbox (403)', async () => {
    expect((await server.request('GET', '/api/v1/inbox', { token: duty })).status).toBe(403);
  });
});

describe('acknowledging (签收)', () => {
  it('the first liaison acknowledges for the unit, with note and channel; a repeat is harmless and says who did it', async () => {
    const incident = await fileIncident('签收测试');
    const id = notificationFor(incident, union).id;
    const res = await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: unionLiaison, body: { note: '已派员赶赴现场' } });
    expect(res.status).toBe(200);
    expect(res.body.alreadyAcknowledged).toBe(false);
    expect(res.body.notification).toMatchObject({ state: 'acknowledged', acknowledgementNote: '已派员赶赴现场', acknowledgedVia: 'api' });
    const head = await server.login(`head.${union}`);
    const again = await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: head, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.alreadyAcknowledged).toBe(true);
    expect(again.body.notification.acknowledgedByName).toContain('联络员');
    // Other units are not affected (the commission's own unit stands acknowledged from filing: it filed the report).
    const detail = await server.request('GET', `/api/v1/incidents/${incident.id}`, { token: duty });
    const own = (await server.services.rulebooks.current('xinyang'))!.commissionUnitId;
    expect(detail.body.notifications.filter((n: any) => n.state === 'acknowledged' && n.unitId !== own).map((n: any) => n.unitId)).toEqual([union]);
  });

  it('two people tapping 签收 at the same moment produce exactly one acknowledgement event', async () => {
    const incident = await fileIncident('并发签收');
    const id = notificationFor(incident, union).id;
    const head = await server.login(`head.${union}`);
    const answers = await Promise.all([
      server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: unionLiaison, body: {} }),
      server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: head, body: {} }),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.filter((a) => !a.body.alreadyAcknowledged)).toHaveLength(1);
    const events = await server.request('GET', `/api/v1/incidents/${incident.id}/events`, { token: duty });
    expect(events.body.events.filter((e: any) => e.type === 'notification.acknowledged' && e.data.notification.id === id)).toHaveLength(1);
  });

  it('a commander may see but not acknowledge (403); another unit’s liaison gets 404; a made-up id gets 404', async () => {
    const incident = await fileIncident('签收权限');
    const id = notificationFor(incident, union).id;
    const commander = await server.login('commander');
    expect((await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: commander, body: {} })).status).toBe(403);
    const other = await server.login(`liaison.${hrss}`);
    expect((await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: other, body: {} })).status).toBe(404);
    expect((await server.request('POST', `/api/v1/notifications/ntf_doesnotexist/acknowledge`, { token: unionLiaison, body: {} })).status).toBe(404);
    const detail = await server.request('GET', `/api/v1/incidents/${incident.id}`, { token: duty });
    expect(notificationFor(detail.body, union).state).toBe('pending');
  });

  it('a note over 500 characters is a 422 on note and changes nothing', async () => {
    const incident = await fileIncident('备注过长');
    const id = notificationFor(incident, union).id;
    const res = await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: unionLiaison, body: { note: '长'.repeat(501) } });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('note');
    const detail = await server.request('GET', `/api/v1/incidents/${incident.id}`, { token: duty });
    expect(notificationFor(detail.body, union).state).toBe('pending');
  });
});

describe('declining (退回)', () => {
  it('a unit declines with its reason; it can then no longer acknowledge', async () => {
    const incident = await fileIncident('退回测试');
    const id = notificationFor(incident, hrss).id;
    const liaison = await server.login(`liaison.${hrss}`);
    const res = await server.request('POST', `/api/v1/notifications/${id}/decline`, { token: liaison, body: { reason: '用人单位不在本部门监管范围' } });
    expect(res.status).toBe(200);
    expect(res.body.notification).toMatchObject({ state: 'declined', declineReason: '用人单位不在本部门监管范围' });
    expect(res.body.alreadyDeclined).toBe(false);
    expect((await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: liaison, body: {} })).status).toBe(409);
  });

  it('the same decline sent again (its answer lost) is the one recorded; another reason is a 409', async () => {
    const incident = await fileIncident('退回重发');
    const id = notificationFor(incident, hrss).id;
    const liaison = await server.login(`liaison.${hrss}`);
    const body = { reason: '用人单位不在本部门监管范围' };
    const first = await server.request('POST', `/api/v1/notifications/${id}/decline`, { token: liaison, body });
    const declinedEvents = async () => (await server.services.db.select({ n: count() }).from(events).where(and(eq(events.type, 'notification.declined'), eq(events.incidentId, incident.id))))[0]!.n;
    const alerts = async () => (await server.request('GET', '/api/v1/alerts?open=true', { token: await server.login('commander') })).body.alerts.filter((a: any) => a.notificationId === id).length;
    expect([await declinedEvents(), await alerts()]).toEqual([1, 1]);
    // From another of the unit's phones too: the unit's decline, whoever sends it again.
    const again = await server.request('POST', `/api/v1/notifications/${id}/decline`, { token: await server.login(`liaison.${hrss}`), body: { reason: ` ${body.reason} ` } });
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ ...first.body, alreadyDeclined: true });
    expect([await declinedEvents(), await alerts()]).toEqual([1, 1]);
    const other = await server.request('POST', `/api/v1/notifications/${id}/decline`, { token: liaison, body: { reason: '另一个理由' } });
    expect(other.status).toBe(409);
    expect(other.body.detail).toContain('已退回');
  });

  it('a decline without a reason is a 422 on reason', async () => {
    const incident = await fileIncident('退回无理由');
    const liaison = await server.login(`liaison.${hrss}`);
    const res = await server.request('POST', `/api/v1/notifications/${notificationFor(incident, hrss).id}/decline`, { token: liaison, body: {} });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('reason');
  });

  it('an acknowledged notification cannot be declined (409)', async () => {
    const incident = await fileIncident('先签收后退回');
    const id = notificationFor(incident, union).id;
    await server.request('POST', `/api/v1/notifications/${id}/acknowledge`, { token: unionLiaison, body: {} });
    const res = await server.request('POST', `/api/v1/notifications/${id}/decline`, { token: unionLiaison, body: { reason: '改变主意' } });
    expect(res.status).toBe(409);
  });
});

describe('the timeline', () => {
  it('is append-only: the database refuses to alter or delete an event', async () => {
    const { events } = await import('../../src/db/schema.js');
    const { sql } = await import('drizzle-orm');
    await fileIncident('时间线');
    await expect(server.services.db.update(events).set({ type: 'tampered' }).where(sql`true`)).rejects.toThrow();
    await expect(server.services.db.delete(events).where(sql`true`)).rejects.toThrow();
  });
});


import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, notifications } from '../../src/db/schema.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { addLiaison } from '../support/users.js';

let server: TestServer;
let duty: string;
let union: string;
let propaganda: string;
let unionA: TestSocket;
let unionB: TestSocket;
let commander: TestSocket;
let propagandaSocket: TestSocket;
let anjiCommander: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  propaganda = await unitIdByName(server, duty, 'xinyang', '宣传部');
  unionA = await server.connect(await server.login(`liaison.${union}`));
  unionB = await server.connect(await addLiaison(server, 'liaison2.union', 'xinyang', union));
  commander = await server.connect(await server.login('commander'));
  propagandaSocket = await server.connect(await server.login(`liaison.${propaganda}`));
  anjiCommander = await server.connect(await server.login('commander.anji'));
});
afterAll(async () => server?.close());

const isNotificationFor = (incidentId: string) => (type: string, e: any) => type === 'notification.created' && e.incidentId === incidentId;

describe('fan-out over socket.io', () => {
  it('every connected liaison of a concerned unit receives the notification, and each delivery is recorded per person', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '实时通知' }) });
    const [a, b] = await Promise.all([unionA.waitFor(isNotificationFor(filed.body.id)), unionB.waitFor(isNotificationFor(filed.body.id))]);
    for (const envelope of [a, b]) {
      expect(envelope).toMatchObject({ type: 'notification.created', jurisdictionId: 'xinyang', incidentId: filed.body.id });
      expect(envelope.seq).toBeGreaterThan(0);
      expect(envelope.data.notification).toMatchObject({ unitId: union, role: 'support', state: 'pending' });
      expect(envelope.data.notification.basis).toContain('依法参与职业病危害事故的调查处理');
      expect(envelope.data.incident.title).toBe('实时通知');
    }
    const notificationId = a.data.notification.id;
    await expect.poll(async () => {
      const rows = await server.services.db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId));
      return rows.filter((r) => r.state === 'delivered' && r.channel === 'socket').length;
    }).toBe(2);
    const [n] = await server.services.db.select().from(notifications).where(eq(notifications.id, notificationId));
    expect(n!.firstDeliveredAt).not.toBeNull();
    await commander.waitFor((t, e) => t === 'notification.delivered' && e.data.notificationId === notificationId);
  });

  it('the commission sees the report; an unconcerned unit and another jurisdiction see nothing of it', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '可见范围' }) });
    const reported = await commander.waitFor((t, e) => t === 'incident.reported' && e.incidentId === filed.body.id);
    expect(reported.data.incident.routing.length).toBeGreaterThan(0);
    await unionA.waitFor(isNotificationFor(filed.body.id));
    // Everything up to this incident's events has been relayed by now; none reached the outsiders.
    expect(propagandaSocket.received.some((r) => r.envelope.incidentId === filed.body.id)).toBe(false);
    expect(anjiCommander.received.some((r) => r.envelope.incidentId === filed.body.id)).toBe(false);
    expect(unionA.received.some((r) => r.type === 'incident.reported')).toBe(false);
  });

  it('a liaison acknowledges over the socket; the unit’s other liaison and the commission see it live, other units do not', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '套接字签收' }) });
    const envelope = await unionA.waitFor(isNotificationFor(filed.body.id));
    const answer = await unionA.emitWithAck('notification.acknowledge', { notificationId: envelope.data.notification.id, note: '收到' });
    expect(answer.ok).toBe(true);
    expect(answer.notification).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'socket', acknowledgementNote: '收到' });
    const seenByB = await unionB.waitFor((t, e) => t === 'notification.acknowledged' && e.incidentId === filed.body.id);
    expect(seenByB.data.notification.acknowledgedByName).toContain('联络员');
    await commander.waitFor((t, e) => t === 'notification.acknowledged' && e.incidentId === filed.body.id);
    const again = await unionB.emitWithAck('notification.acknowledge', { notificationId: envelope.data.notification.id });
    expect(again).toMatchObject({ ok: true, alreadyAcknowledged: true });
  });

  it('socket actions are authorised like REST: a bad payload names the field, another unit’s notification is 404', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '套接字权限' }) });
    const envelope = await unionA.waitFor(isNotificationFor(filed.body.id));
    const bad = await unionA.emitWithAck('notification.acknowledge', { note: 5 });
    expect(bad.ok).toBe(false);
    expect(bad.error.status).toBe(422);
    expect(bad.error.errors.map((e: any) => e.field)).toEqual(expect.arrayContaining(['notificationId', 'note']));
    const foreign = await propagandaSocket.emitWithAck('notification.acknowledge', { notificationId: envelope.data.notification.id });
    expect(foreign).toMatchObject({ ok: false, error: { status: 404 } });
    const byCommander = await commander.emitWithAck('notification.acknowledge', { notificationId: envelope.data.notification.id });
    expect(byCommander).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('a connection without a valid token is refused', async () => {
    await expect(server.connect('not-a-session')).rejects.toThrow(/unauthorized/);
  });
});

describe('resume after a lost connection', () => {
  it('a reconnecting liaison gets exactly the events it missed that it may see, once', async () => {
    const token = await server.login(`liaison.${union}`);
    const first = await server.connect(token);
    const filed1 = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '断线前' }) });
    const seen = await first.waitFor(isNotificationFor(filed1.body.id));
    first.close();

    const missed1 = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '断线中一' }) });
    const missed2 = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '断线中二' }) });
    await unionA.waitFor(isNotificationFor(missed2.body.id));

    const second = await server.connect(token);
    const answer = await second.emitWithAck('resume', { afterSeq: seen.seq });
    expect(answer.ok).toBe(true);
    const seqs = answer.events.map((e: any) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(seqs.every((s: number) => s > seen.seq)).toBe(true);
    const created = answer.events.filter((e: any) => e.type === 'notification.created').map((e: any) => e.incidentId);
    expect(created).toEqual([missed1.body.id, missed2.body.id]);
    // Only this unit's events: no commission-only incident.reported, nothing for other units.
    expect(answer.events.every((e: any) => e.type !== 'incident.reported')).toBe(true);
    for (const e of answer.events) if (e.data.notification) expect(e.data.notification.unitId).toBe(union);
    // Nothing it missed arrives live as well.
    await new Promise((r) => setTimeout(r, 200));
    expect(second.received.filter((r) => r.type === 'notification.created')).toEqual([]);
    second.close();
  });

  it('a resume with a bad afterSeq names the field', async () => {
    const answer = await unionA.emitWithAck('resume', { afterSeq: 'yesterday' });
    expect(answer).toMatchObject({ ok: false, error: { status: 422 } });
    expect(answer.error.errors[0].field).toBe('afterSeq');
  });
});

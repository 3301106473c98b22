/**
 * Web Push end to end without internet: a liaison's browser subscription is registered through
 * the API; filing a report sends an encrypted push that a local push service verifies (VAPID)
 * and decrypts; the 签收 action's signed link acknowledges over the push channel.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPoints, deliveries } from '../../src/db/schema.js';
import { FakePushService, LOCAL_PUSH_SERVICE } from '../support/fake-push-service.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let push: FakePushService;
let duty: string;
let union: string;
let liaison: string;

beforeAll(async () => {
  push = new FakePushService();
  await push.start();
  server = await startTestServer({ fixedClock: new Date(), manualEngine: true, pushEndpoints: LOCAL_PUSH_SERVICE });
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  liaison = await server.login(`liaison.${union}`);
});
afterAll(async () => {
  await server?.close();
  await push?.stop();
});

async function register(sub: ReturnType<FakePushService['subscribe']>) {
  const res = await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint: sub.endpoint, keys: sub.keys } });
  expect(res.status).toBe(201);
  return res.body.contactPoint.id as string;
}

describe('Web Push', () => {
  it('the browser gets the VAPID public key without logging in', async () => {
    const res = await server.request('GET', '/api/v1/push/public-key');
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body.publicKey, 'base64url')).toHaveLength(65);
  });

  it('a filed report arrives as an encrypted, VAPID-signed push whose 签收 link acknowledges over the push channel', async () => {
    const sub = push.subscribe();
    await register(sub);
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '推送测试' }) });
    await server.engine.tick();
    expect(push.rejected).toEqual([]);
    const received = push.received.find((r) => r.subscriptionId === sub.id)!;
    expect(received.payload.title).toContain('推送测试');
    expect(received.headers.urgency).toBe('high');
    expect(received.headers['content-encoding']).toBe('aes128gcm');
    const notificationId = filed.body.notifications.find((n: any) => n.unitId === union).id;
    expect(received.payload.notificationId).toBe(notificationId);

    const [row] = await server.services.db.select().from(deliveries).where(eq(deliveries.notificationId, notificationId)).then((rows) => rows.filter((r) => r.channel === 'web_push'));
    expect(row).toMatchObject({ state: 'sent', attempts: 1 });

    // The service worker reports arrival, then the notification's 签收 action posts the link.
    const receipt = await fetch(`${received.payload.acknowledgeUrl}/receipt`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"stage":"delivered"}' });
    expect(receipt.status).toBe(204);
    const ack = await fetch(received.payload.acknowledgeUrl, { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' }, body: '{}' });
    expect(ack.status).toBe(200);
    const body = await ack.json();
    expect(body.notification).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'web_push' });
    const [after] = await server.services.db.select().from(deliveries).where(eq(deliveries.id, row!.id));
    expect(after!.deliveredAt).not.toBeNull();
  });

  it('a temporary failure is retried with backoff; the attempt and its reason are recorded', async () => {
    const sub = push.subscribe();
    const contactId = await register(sub);
    push.answers.set(sub.id, [503]);
    await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '重试推送' }) });
    await server.engine.tick();
    const [pending] = await server.services.db.select().from(deliveries).where(eq(deliveries.contactPointId, contactId));
    expect(pending).toMatchObject({ state: 'queued', attempts: 1 });
    expect(pending!.failureReason).toContain('503');
    expect(pending!.nextAttemptAt!.getTime()).toBeGreaterThan(server.clock!.now.getTime());
    server.clock!.advance(60_000);
    await server.engine.tick();
    const [done] = await server.services.db.select().from(deliveries).where(eq(deliveries.id, pending!.id));
    expect(done).toMatchObject({ state: 'sent', attempts: 2 });
    expect(push.received.some((r) => r.subscriptionId === sub.id && r.payload.title.includes('重试推送'))).toBe(true);
  });

  it('a subscription the push service reports gone (410) is removed and the delivery failed with the reason', async () => {
    const sub = push.subscribe();
    const contactId = await register(sub);
    push.answers.set(sub.id, [410]);
    await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '失效订阅' }) });
    await server.engine.tick();
    expect(await server.services.db.select().from(contactPoints).where(eq(contactPoints.id, contactId))).toEqual([]);
    const failed = (await server.services.db.select().from(deliveries).where(eq(deliveries.contactPointId, contactId)))[0]!;
    expect(failed.state).toBe('failed');
    expect(failed.failureReason).toContain('gone');
  });
});

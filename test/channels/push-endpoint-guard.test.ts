/**
 * A push subscription is a URL a user hands the server: it must not make the server request
 * internal addresses, at subscription time or (for a name) after DNS resolution at send time, and
 * what the user is told of a failure must not map the server's network.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPoints, deliveries, users } from '../../src/db/schema.js';
import { FAILURE_REASONS } from '../../src/domain/delivery-failures.js';
import { DEFAULT_PUSH_SERVICE_HOSTS } from '../../src/domain/push-endpoints.js';
import { FakePushService, LOCAL_PUSH_SERVICE } from '../support/fake-push-service.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const keys = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };

describe('at send time', () => {
  let server: TestServer;
  let duty: string;
  let liaison: string;
  let union: string;
  beforeAll(async () => {
    // The default list, plus a name an operator listed that resolves to loopback (as a hostile DNS answer would).
    server = await startTestServer({ fixedClock: new Date(), manualEngine: true, pushEndpoints: { hosts: [...DEFAULT_PUSH_SERVICE_HOSTS, 'localhost'] } });
    duty = await server.login('duty');
    union = await unitIdByName(server, duty, 'xinyang', '总工会');
    liaison = await server.login(`liaison.${union}`);
  });
  afterAll(async () => server?.close());

  it('refuses a subscription on loopback, a private or metadata address, plain http or an unknown host, naming the field', async () => {
    for (const endpoint of ['http://127.0.0.1:4000/push/1', 'https://127.0.0.1/push/1', 'https://169.254.169.254/latest/meta-data/', 'https://[::1]/x', 'https://10.0.0.5/x', 'http://fcm.googleapis.com/fcm/send/x', 'https://push.evil.example/x']) {
      const res = await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint, keys } });
      expect(res.status, endpoint).toBe(422);
      expect(res.body.errors[0].field).toBe('endpoint');
    }
    expect((await server.request('GET', '/api/v1/me/contact-points', { token: liaison })).body.contactPoints).toEqual([]);
  });

  it('accepts a browser push service', async () => {
    const res = await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint: 'https://fcm.googleapis.com/fcm/send/abc:APA91b', keys } });
    expect(res.status).toBe(201);
    // No internet here: take it away again before anything is sent.
    expect((await server.request('DELETE', `/api/v1/me/contact-points/${res.body.contactPoint.id}`, { token: liaison })).status).toBe(204);
  });

  it('a name that resolves to an internal address is never connected to, nor is an address stored before the rules', async () => {
    const sub = await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint: 'https://localhost:1/push/probe', keys } });
    // The name is allowed at subscription time; its port is not.
    expect(sub.status).toBe(422);
    const ok = await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint: 'https://localhost/push/probe', keys } });
    expect(ok.status).toBe(201);
    // And one stored before the rules (or written behind the API's back) is checked too.
    const [me] = await server.services.db.select({ id: users.id }).from(users).where(eq(users.username, `liaison.${union}`));
    await server.services.db.insert(contactPoints).values({ id: 'cpt_legacy_probe', userId: me!.id, channel: 'web_push', provider: 'webpush', address: 'http://127.0.0.1:5432/', secret: keys, createdAt: new Date() });
    await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '推送地址防护' }) });
    const sent = await until(async () => {
      await server.engine.tick();
      const rows = await server.services.db.select().from(deliveries).where(eq(deliveries.channel, 'web_push'));
      return rows.length === 2 && rows.every((d) => d.state === 'failed') ? rows : null;
    });
    for (const d of sent) expect(d.failureReason).toMatch(/^blocked/);
    // Never to be tried again: the subscriptions are dropped.
    expect((await server.request('GET', '/api/v1/me/contact-points', { token: liaison })).body.contactPoints).toEqual([]);
  });
});

describe('what the person is told', () => {
  let server: TestServer;
  let push: FakePushService;
  beforeAll(async () => {
    push = new FakePushService();
    await push.start();
    server = await startTestServer({ fixedClock: new Date(), manualEngine: true, pushEndpoints: LOCAL_PUSH_SERVICE });
  });
  afterAll(async () => {
    await server?.close();
    await push?.stop();
  });

  it('a refused connection or a refusal by the push service reads as plain words, never as ports or error codes', async () => {
    const duty = await server.login('duty');
    const union = await unitIdByName(server, duty, 'xinyang', '总工会');
    const liaison = await server.login(`liaison.${union}`);
    // A closed port on the server's own host (what a port scan would probe), and a push service that says 400.
    const closed = push.subscribe();
    const closedEndpoint = 'http://127.0.0.1:9/push/closed';
    expect((await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint: closedEndpoint, keys: closed.keys } })).status).toBe(201);
    const refusing = push.subscribe();
    push.answers.set(refusing.id, [400]);
    expect((await server.request('POST', '/api/v1/me/push-subscriptions', { token: liaison, body: { endpoint: refusing.endpoint, keys: refusing.keys } })).status).toBe(201);
    await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '失败原因' }) });
    const shown = await until(async () => {
      await server.engine.tick();
      const points = (await server.request('GET', '/api/v1/me/contact-points', { token: liaison })).body.contactPoints as any[];
      return points.length === 2 && points.every((p) => p.lastFailureReason) ? points : null;
    });
    expect(shown.find((p) => p.address === closedEndpoint).lastFailureReason).toBe(FAILURE_REASONS.unreachable);
    expect(shown.find((p) => p.address === refusing.endpoint).lastFailureReason).toBe(FAILURE_REASONS.refused);
    for (const p of shown) expect(p.lastFailureReason).not.toMatch(/ECONN|network|push|\d/);
  });
});

/** Waits for a condition the engine brings about (bounded; no guessed sleeps). */
async function until<T>(probe: () => Promise<T | null>, attempts = 50): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const found = await probe();
    if (found) return found;
    await new Promise((r) => setImmediate(r));
  }
  throw new Error('condition not reached');
}

/**
 * A socket that floods messages is slowed, not served: past a burst every message is answered 429
 * with how long to wait, does no work, and the socket may go on once the budget refills. The
 * budget's clock stands still unless the test moves it, so a slow machine refills nothing meanwhile.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { MESSAGE_BURST, MESSAGES_PER_SECOND } from '../../src/domain/message-budget.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';

let server: TestServer;
let liaison: TestSocket;
let notificationId: string;
/** The budget's milliseconds: they pass only when the test says so. */
let loadMs = 0;

beforeAll(async () => {
  server = await startTestServer({ loadClock: () => loadMs });
  const duty = await server.login('duty');
  const union = await unitIdByName(server, duty, 'xinyang', '总工会');
  liaison = await server.connect(await server.login(`liaison.${union}`));
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '消息频率' }) });
  const envelope = await liaison.waitFor((t, e) => t === 'notification.created' && e.incidentId === filed.body.id);
  notificationId = envelope.data.notification.id;
});
afterAll(async () => server?.close());

describe('a socket sending too many messages', () => {
  it('is answered 429 past the burst, and the refused acknowledgement changes nothing', async () => {
    const flood = await Promise.all(Array.from({ length: MESSAGE_BURST + 10 }, () => liaison.emitWithAck<any>('resume', { afterSeq: 0 })));
    const refused = flood.filter((a) => a.ok === false);
    expect(flood.filter((a) => a.ok !== false).length).toBe(MESSAGE_BURST);
    expect(refused.length).toBe(10);
    expect(refused[0].error).toMatchObject({ status: 429, type: 'rate_limited', retryAfterSeconds: 1 });
    expect(refused[0].error.detail).toContain('消息过于频繁');

    const ack = await liaison.emitWithAck<any>('notification.acknowledge', { notificationId });
    expect(ack).toMatchObject({ ok: false, error: { status: 429 } });
    const [n] = await server.services.db.select().from(notifications).where(eq(notifications.id, notificationId));
    expect(n!.state).toBe('pending');
  });

  it('may go on once the budget refills', async () => {
    loadMs += 500 / MESSAGES_PER_SECOND; // half a message
    const early = await liaison.emitWithAck<any>('notification.acknowledge', { notificationId });
    expect(early).toMatchObject({ ok: false, error: { status: 429, retryAfterSeconds: 1 } });
    loadMs += 600 / MESSAGES_PER_SECOND; // one more, and a little
    const ack = await liaison.emitWithAck<any>('notification.acknowledge', { notificationId });
    expect(ack.ok).toBe(true);
  });
});

/**
 * Text arriving over socket.io passes the same checks as HTTP bodies: U+0000, lone surrogates and
 * over-long text are refused 422 naming the field, and nothing changes.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';

let server: TestServer;
let liaison: TestSocket;
let notificationId: string;

beforeAll(async () => {
  server = await startTestServer();
  const duty = await server.login('duty');
  const union = await unitIdByName(server, duty, 'xinyang', '总工会');
  liaison = await server.connect(await server.login(`liaison.${union}`));
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '套接字输入检查' }) });
  const envelope = await liaison.waitFor((t, e) => t === 'notification.created' && e.incidentId === filed.body.id);
  notificationId = envelope.data.notification.id;
});
afterAll(async () => server?.close());

async function stateOf(id: string) {
  const [n] = await server.services.db.select().from(notifications).where(eq(notifications.id, id));
  return { state: n!.state, note: n!.acknowledgementNote };
}

describe('socket text input', () => {
  it.each([
    ['notification.decline', 'reason', '现场\u0000不归我单位管辖', '空字符'],
    ['notification.decline', 'reason', '理由\uD800不完整', '编码不完整'],
    ['notification.acknowledge', 'note', '收到\uDC00', '编码不完整'],
    ['notification.acknowledge', 'note', '收'.repeat(501), '500'],
    ['notification.decline', 'reason', '退'.repeat(1001), '1000'],
  ])('%s with a bad %s is refused naming the field, and nothing changes', async (event, field, text, words) => {
    const before = await stateOf(notificationId);
    const answer = await liaison.emitWithAck<any>(event, { notificationId, [field]: text });
    expect(answer.ok).toBe(false);
    expect(answer.error.status).toBe(422);
    expect(answer.error.errors).toEqual([expect.objectContaining({ field })]);
    expect(answer.error.errors[0].message).toContain(words);
    expect(answer.error.detail).toContain(field);
    expect(await stateOf(notificationId)).toEqual(before);
  });

  it('a field name that cannot be stored is named too', async () => {
    const answer = await liaison.emitWithAck<any>('notification.acknowledge', { notificationId, ['x\u0000']: '1' });
    expect(answer).toMatchObject({ ok: false, error: { status: 422 } });
    expect(answer.error.errors[0].message).toContain('字段名');
    expect((await stateOf(notificationId)).state).toBe('pending');
  });

  it('a good reason still declines', async () => {
    const answer = await liaison.emitWithAck<any>('notification.decline', { notificationId, reason: '不属于本单位职责' });
    expect(answer.ok).toBe(true);
    expect((await stateOf(notificationId)).state).toBe('declined');
  });
});

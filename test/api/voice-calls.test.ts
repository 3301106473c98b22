/**
 * The voice channel end to end: a 重大 accident rings the person on duty of a lead or support unit
 * at once; a 一般 one only when its deadline passes unacknowledged; key 1 on the call, reported by
 * the provider's callback with the signed session context, acknowledges; a forged one is refused.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { signVoiceSession } from '../../src/delivery/voice-session.js';
import type { Rulebook } from '../../src/rulebooks/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const SECRET = 'voice-callback-secret-0123456789abcdef';
let server: TestServer;
let voice: RecordingAdapter;
let book: Rulebook;
let duty: string;

beforeAll(async () => {
  voice = new RecordingAdapter('tencent');
  server = await startTestServer({ fixedClock: new Date('2026-11-24T19:00:00Z'), adapters: { aliyun: new RecordingAdapter('aliyun'), voice }, manualEngine: true, config: { voiceCallbackSecret: SECRET } });
  duty = await server.login('duty');
  book = (await server.services.rulebooks.current('xinyang'))!;
});
afterAll(async () => server?.close());

/** Files a report and gives the liaison of its first lead or support unit a phone. */
async function file(title: string, casualties: Record<string, number>, phone: string) {
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title, casualties: { exposed: 8, acuteCases: 3, severeCases: 1, deaths: 0, anthraxCases: 0, ...casualties } }) });
  expect(filed.status).toBe(201);
  const n = filed.body.notifications.find((x: any) => x.role !== 'inform' && x.state === 'pending');
  return { n, filed };
}

const keypress = (session: string, key: string) =>
  fetch(`${server.url}/voice/tencent/keypress`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ voiceprompt_keypress: { callid: 'c-1', keypress: key, mobile: '13800000021', nationcode: '86', session_context: session } }) });

const stateOf = async (id: string) => (await server.services.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;

describe('voice calls to the person on duty', () => {
  it('a 重大 accident rings at once; a forged callback is refused, key 2 does nothing, key 1 acknowledges as the called person', async () => {
    const { n } = await file('重大事故', { deaths: 1 }, '13800000021');
    const token = await server.login(`liaison.${n.unitId}`);
    expect((await server.request('POST', '/api/v1/me/phones', { token, body: { phone: '13800000021' } })).status).toBe(201);
    // The phone was registered after filing: file again so the call has a number to ring.
    const { n: major } = await file('重大事故续', { deaths: 2 }, '13800000021');
    await server.engine.tick();
    const calls = voice.sent.filter((s) => s.contact.address.endsWith('13800000021'));
    expect(calls).toHaveLength(1);
    const deliveryId = calls[0]!.message.deliveryId;

    const forged = await keypress(`${deliveryId}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`, '1');
    expect(forged.status).toBe(401);
    expect((await keypress(signVoiceSession('someone-elses-secret-0123456789abcd', deliveryId), '1')).status).toBe(401);
    expect((await stateOf(major.id)).state).toBe('pending');
    expect(await (await keypress(signVoiceSession(SECRET, deliveryId), '2')).json()).toEqual({ result: 0, errmsg: 'OK' });
    expect((await stateOf(major.id)).state).toBe('pending');

    const pressed = await keypress(signVoiceSession(SECRET, deliveryId), '1');
    expect(await pressed.json()).toEqual({ result: 0, errmsg: 'OK' });
    const acknowledged = await stateOf(major.id);
    expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedVia: 'voice' });
    expect(acknowledged.acknowledgedBy).toBe((await server.request('GET', '/api/v1/auth/me', { token })).body.id);
  });

  it('a 一般 accident is not rung at filing, only when still unacknowledged at the first ladder step', async () => {
    const before = voice.sent.length;
    const { n } = await file('一般事故', {}, '13800000021');
    await server.engine.tick();
    expect(voice.sent.length).toBe(before);
    server.clock!.advance(book.ackDeadlineMinutes[n.role as 'lead' | 'support'].general * 60_000 + 1000);
    await server.engine.tick();
    await server.engine.tick();
    const rung = voice.sent.slice(before);
    expect(rung.length).toBeGreaterThan(0);
    expect(rung.every((s) => s.message.templateParams.ref)).toBe(true);
  });
});

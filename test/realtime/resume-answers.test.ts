import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/services/events/append.js';
import { PreEncoded, preEncodingParser } from '../../src/realtime/pre-encoded.js';
import { ResumeAnswers } from '../../src/realtime/resume-answers.js';

const event = (seq: number, type: string, audienceUnits: string[], data: Record<string, unknown>): StoredEvent =>
  ({ seq, type, at: new Date(Date.UTC(2026, 11, 3, 8, 0, seq)), jurisdictionId: 'xinyang', incidentId: 'inc-1', audienceUnits, data }) as StoredEvent;

const log = [
  event(1, 'notification.acknowledged', ['union', 'hrss'], { notification: { id: 'n-1', unitId: 'hrss' }, byName: '人社局联络员' }),
  event(2, 'notification.acknowledged', ['union'], { notification: { id: 'n-2', unitId: 'union' }, byName: '总工会联络员' }),
];
const commission = { kind: 'commission', jurisdictionId: 'xinyang' } as const;

/** What a client decodes from the packet the server's encoder writes. */
function decoded(packet: object): Promise<any> {
  const decoder = new Decoder();
  return new Promise((resolve) => {
    decoder.on('decoded', resolve);
    for (const part of new preEncodingParser.Encoder().encode(packet as any)) decoder.add(part);
  });
}

describe('resume answers shared by audience and range', () => {
  it('sockets of one audience asking for one range share a single reading of the log', async () => {
    let reads = 0;
    const answers = new ResumeAnswers(1000);
    const read = async () => (reads++, log);
    const [a, b] = await Promise.all([answers.answer(commission, 0, 2, read), answers.answer(commission, 0, 2, read)]);
    expect(reads).toBe(1);
    expect(a.encoded).toBe(b.encoded);
    await answers.answer(commission, 1, 2, read);
    await answers.answer({ kind: 'unit', unitId: 'union' }, 0, 2, read);
    expect(reads).toBe(3);
  });

  it('each audience gets its own view: the commission whole, a unit only what its catalogue entry lets it see', async () => {
    const answers = new ResumeAnswers(1000);
    const whole = JSON.parse((await answers.answer(commission, 0, 2, async () => log)).encoded.json);
    expect(whole).toMatchObject({ ok: true, hasMore: false });
    expect(whole.events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(whole.events[1].data.byName).toBe('总工会联络员');
    // 人社局 sees its own acknowledgement, stripped to what the catalogue lists; not 总工会's.
    const hrss = JSON.parse((await answers.answer({ kind: 'unit', unitId: 'hrss' }, 0, 2, async () => log)).encoded.json);
    expect(hrss.events.map((e: { seq: number }) => e.seq)).toEqual([1]);
    expect(hrss.events[0].data).toEqual({ notification: { id: 'n-1', unitId: 'hrss' } });
  });

  it('a page holds at most the limit and says there is more', async () => {
    const answers = new ResumeAnswers(1);
    const answer = await answers.answer(commission, 0, 2, async () => log);
    expect(answer.events.map((e) => e.seq)).toEqual([1]);
    expect(JSON.parse(answer.encoded.json).hasMore).toBe(true);
  });

  it('a failed reading is not kept: the next caller reads again', async () => {
    const answers = new ResumeAnswers(1000);
    await expect(answers.answer(commission, 0, 2, async () => Promise.reject(new Error('connection lost')))).rejects.toThrow('connection lost');
    expect((await answers.answer(commission, 0, 2, async () => log)).events).toHaveLength(2);
  });

  it('an answer encoded once reaches a socket.io client exactly as the stock encoder would send it', async () => {
    const body = { ok: true, events: [{ seq: 1, type: 'incident.closed', data: { reason: '处置完毕 "引号"' } }], hasMore: false };
    const packet = { type: PacketType.ACK, nsp: '/', id: 42, data: [new PreEncoded(JSON.stringify(body))] };
    expect(new preEncodingParser.Encoder().encode(packet as any)).toEqual(new Encoder().encode({ ...packet, data: [body] }));
    expect(await decoded(packet)).toEqual({ type: PacketType.ACK, nsp: '/', id: 42, data: [body] });
    // Every other packet is socket.io's own.
    const plain = { type: PacketType.EVENT, nsp: '/', data: ['incident.closed', { seq: 3 }] };
    expect(new preEncodingParser.Encoder().encode(plain as any)).toEqual(new Encoder().encode(plain as any));
  });
});

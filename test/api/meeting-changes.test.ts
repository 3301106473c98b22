/**
 * A meeting moved or called off before it is held, over HTTP: the office moves the time and the
 * reply deadline (the units still silent are chased from the new deadline; every invited unit,
 * answered or not, is told by SMS), then calls another meeting off (its replies are withdrawn,
 * nothing more is chased, the units are told). A held meeting (minutes drafted) can be neither.
 * Units cannot do either; bad input names the field and writes nothing.
 */
import { and, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, standingRequests } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
let server: TestServer;
let sms: RecordingAdapter;
let office: string;
let union: string;
let hrss: string;
let unionL: string;
let hrssL: string;
const PHONE = { union: '13900000301', hrss: '13900000302' };

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, manualEngine: true, adapters: { aliyun: sms } });
  office = await server.login('commander');
  union = await unitIdByName(server, office, 'xinyang', '总工会');
  hrss = await unitIdByName(server, office, 'xinyang', '人力资源');
  unionL = await server.login(`liaison.${union}`);
  hrssL = await server.login(`liaison.${hrss}`);
  expect((await server.request('POST', '/api/v1/me/phones', { token: unionL, body: { phone: PHONE.union } })).status).toBe(201);
  expect((await server.request('POST', '/api/v1/me/phones', { token: hrssL, body: { phone: PHONE.hrss } })).status).toBe(201);
});
afterAll(async () => server?.close());

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
async function refused(status: number, method: string, path: string, token: string, body?: unknown, field?: string) {
  const before = await lastSeq();
  const res = await server.request(method, path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field);
  expect(await lastSeq()).toBe(before);
  return res.body;
}
const told = (phone: string) => sms.sent.filter((s) => s.contact.address.endsWith(phone) && s.message.shortText.startsWith('【联席会议·变更通知】')).map((s) => s.message.shortText);
async function convene(topic: string) {
  const res = await server.request('POST', '/api/v1/meetings', {
    token: office,
    body: { kind: 'topical', topic, startsAt: at(72), place: '市卫健委三楼会议室', agenda: ['议题一'], replyDueAt: at(24), invite: { unitIds: [union, hrss] } },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.meeting.id as string;
}
const replyOf = async (meetingId: string, unitId: string) =>
  (await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.unitId, unitId), eq(standingRequests.kind, 'meeting_reply'))))[0]!;

describe('moving and calling off a meeting', () => {
  it('the office moves a meeting: the answered unit is told, the silent one chased from the new deadline', async () => {
    const id = await convene('尘肺病防治专题');
    expect((await server.request('POST', `/api/v1/meetings/${id}/reply`, { token: hrssL, body: { attendance: 'member', attendeeName: '李四' } })).status).toBe(200);
    await refused(403, 'PATCH', `/api/v1/meetings/${id}`, unionL, { startsAt: at(96), reason: '单位不能改期' });
    await refused(422, 'PATCH', `/api/v1/meetings/${id}`, office, { startsAt: at(96) }, 'reason');
    await refused(422, 'PATCH', `/api/v1/meetings/${id}`, office, { replyDueAt: at(100), reason: '回执晚于会议' }, 'replyDueAt');
    await refused(422, 'PATCH', `/api/v1/meetings/${id}`, office, { startsAt: at(-1), reason: '改到过去' }, 'startsAt');
    // No further out than a task may be due (366 days): a year typed wrong.
    const far = await refused(422, 'PATCH', `/api/v1/meetings/${id}`, office, { startsAt: at(24 * 400), reason: '改到明年以后' }, 'startsAt');
    expect(far.errors).toEqual([{ field: 'startsAt', message: expect.stringContaining('366') }]);
    await refused(422, 'PATCH', `/api/v1/meetings/${id}`, office, { startsAt: at(24 * 400), replyDueAt: at(24 * 399), reason: '改到明年以后' }, 'replyDueAt');
    await refused(422, 'PATCH', `/api/v1/meetings/${id}`, office, { place: '市卫健委三楼会议室', reason: '地点没变' }, 'startsAt');
    await server.engine.tick();
    const before = sms.sent.length;

    const res = await server.request('PATCH', `/api/v1/meetings/${id}`, { token: office, body: { startsAt: at(96), replyDueAt: at(48), reason: '主持领导临时出差' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.meeting).toMatchObject({ startsAt: at(96), replyDueAt: at(48), stage: 'replies' });
    const [changed] = await server.services.db.select().from(events).where(eq(events.type, 'meeting.changed'));
    expect(changed).toMatchObject({ incidentId: null, data: { changed: ['startsAt', 'replyDueAt'], reason: '主持领导临时出差' } });
    expect([...changed!.audienceUnits].sort()).toEqual([union, hrss].sort());
    expect(await replyOf(id, union)).toMatchObject({ state: 'pending', dueAt: new Date(at(48)), escalationStep: 0 });
    await server.engine.tick();
    expect(sms.sent.length).toBeGreaterThan(before);
    expect(told(PHONE.hrss).at(-1)).toContain('主持领导临时出差');
    expect(told(PHONE.union).at(-1)).toContain('会议时间改为');
    // The old deadline passes: nothing is chased; the new one does.
    server.clock!.now = new Date(Date.parse(at(24)) + 60_000);
    await server.engine.tick();
    expect((await replyOf(id, union)).escalationStep).toBe(0);
    server.clock!.now = new Date(Date.parse(at(48)) + 60_000);
    await server.engine.tick();
    expect((await replyOf(id, union)).escalationStep).toBe(1);
    server.clock!.now = START;
  });

  it('the office calls a meeting off: replies withdrawn and told; nothing more is asked or drafted', async () => {
    office = await server.login('commander');
    unionL = await server.login(`liaison.${union}`);
    hrssL = await server.login(`liaison.${hrss}`);
    const id = await convene('职业健康宣传周筹备');
    expect((await server.request('POST', `/api/v1/meetings/${id}/reply`, { token: unionL, body: { attendance: 'member', attendeeName: '张三' } })).status).toBe(200);
    await refused(403, 'POST', `/api/v1/meetings/${id}/cancel`, unionL, { reason: '单位不能取消' });
    await refused(422, 'POST', `/api/v1/meetings/${id}/cancel`, office, {}, 'reason');
    const res = await server.request('POST', `/api/v1/meetings/${id}/cancel`, { token: office, body: { reason: '与市政府常务会冲突' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.meeting).toMatchObject({ stage: 'cancelled', cancelReason: '与市政府常务会冲突' });
    const [cancelled] = await server.services.db.select().from(events).where(eq(events.type, 'meeting.cancelled'));
    expect(cancelled).toMatchObject({ data: { reason: '与市政府常务会冲突', meeting: { id, cancelReason: '与市政府常务会冲突' } } });
    expect((await replyOf(id, union)).state).toBe('withdrawn');
    expect((await replyOf(id, hrss)).state).toBe('withdrawn');
    await server.engine.tick();
    expect(told(PHONE.union).at(-1)).toContain('会议已取消');
    expect(told(PHONE.hrss).at(-1)).toContain('与市政府常务会冲突');
    await refused(409, 'POST', `/api/v1/meetings/${id}/cancel`, office, { reason: '再取消一次' });
    await refused(409, 'PATCH', `/api/v1/meetings/${id}`, office, { place: '别处', reason: '取消后改期' });
    // A unit answering a cancelled meeting is told it is cancelled — not that minutes closed the replies (there are none).
    const reply = await refused(409, 'POST', `/api/v1/meetings/${id}/reply`, hrssL, { attendance: 'member', attendeeName: '李四' });
    expect(reply.detail).toContain('会议已取消');
    expect(reply.detail).not.toContain('纪要');
    const changedReply = await refused(409, 'POST', `/api/v1/meetings/${id}/reply`, unionL, { attendance: 'deputy', attendeeName: '王五', reason: '另有公务' });
    expect(changedReply.detail).toContain('会议已取消');
    expect((await replyOf(id, union)).state).toBe('withdrawn');
    const consent = await refused(409, 'POST', `/api/v1/meetings/${id}/minutes/consent`, unionL, { decision: 'agree' });
    expect(consent.detail).toContain('会议已取消');
    await refused(409, 'POST', `/api/v1/meetings/${id}/minutes`, office, { text: '纪要', items: [], consentDueAt: at(100) });
    // The unit still sees the meeting, cancelled, with the reason.
    const seen = await server.request('GET', `/api/v1/meetings/${id}`, { token: hrssL });
    expect(seen.body.meeting).toMatchObject({ stage: 'cancelled', cancelReason: '与市政府常务会冲突' });
  });

  it('a held meeting (minutes drafted) can be neither moved nor called off', async () => {
    const id = await convene('年度总结');
    expect((await server.request('POST', `/api/v1/meetings/${id}/reply`, { token: unionL, body: { attendance: 'member', attendeeName: '张三' } })).status).toBe(200);
    const drafted = await server.request('POST', `/api/v1/meetings/${id}/minutes`, { token: office, body: { text: '会议纪要正文', items: [], consentDueAt: at(100) } });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    await refused(409, 'PATCH', `/api/v1/meetings/${id}`, office, { place: '别处', reason: '已召开' });
    await refused(409, 'POST', `/api/v1/meetings/${id}/cancel`, office, { reason: '已召开' });
  });
});

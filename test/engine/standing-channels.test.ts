/**
 * The joint meeting's standing work reaches a unit over every channel, as an accident notice does:
 * convening a meeting sends its invited units an SMS (the liaison on duty) and a group-robot
 * message, each linking to the request on the phone page; a unit silent past the deadline is
 * chased by SMS (every liaison), then its head; a unit that answered is sent nothing more, and a
 * reminder queued before the answer is cancelled, never sent.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000);
let server: TestServer;
let sms: RecordingAdapter;
let robot: RecordingAdapter;
let union: string;
let hrss: string;
const PHONES = { unionLiaison: '13900000101', unionHead: '13900000102', hrssLiaison: '13900000103' };

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  robot = new RecordingAdapter('dingtalk');
  server = await startTestServer({ fixedClock: START, adapters: { aliyun: sms, dingtalk: robot }, manualEngine: true });
  const commander = await server.login('commander');
  union = await unitIdByName(server, commander, 'xinyang', '总工会');
  hrss = await unitIdByName(server, commander, 'xinyang', '人力资源');
  for (const [username, phone] of [
    [`liaison.${union}`, PHONES.unionLiaison],
    [`head.${union}`, PHONES.unionHead],
    [`liaison.${hrss}`, PHONES.hrssLiaison],
  ] as const) {
    const res = await server.request('POST', '/api/v1/me/phones', { token: await server.login(username), body: { phone } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const robotAdded = await server.request('POST', `/api/v1/units/${union}/robots`, {
    token: commander,
    body: { provider: 'dingtalk', webhook: 'https://oapi.dingtalk.com/robot/send?access_token=union', secret: 'SEC-union' },
  });
  expect(robotAdded.status).toBe(201);
});
afterAll(async () => server?.close());

/** What reached a phone number (stored in international form). */
const texts = (phone: string) => sms.sent.filter((s) => s.contact.address.endsWith(phone)).map((s) => s.message.shortText);

describe('standing work over the channels', () => {
  let unionRequest: string;
  let hrssRequest: string;
  let meetingId: string;

  it('a meeting notice goes by SMS and group robot, linking to the request on the phone page', async () => {
    const res = await server.request('POST', '/api/v1/meetings', {
      token: await server.login('commander'),
      body: { kind: 'plenary', topic: '年度重点工作', startsAt: at(72).toISOString(), place: '市卫健委三楼会议室', agenda: ['议定年度任务'], replyDueAt: at(24).toISOString(), invite: { unitIds: [union, hrss] } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    meetingId = res.body.meeting.id;
    unionRequest = res.body.requests.find((r: any) => r.unitId === union).id;
    hrssRequest = res.body.requests.find((r: any) => r.unitId === hrss).id;
    await server.engine.tick();

    const [notice] = texts(PHONES.unionLiaison);
    expect(notice).toContain('【联席会议·会议通知】');
    expect(notice).toContain(`/m?standing=${unionRequest}`);
    expect(texts(PHONES.hrssLiaison)[0]).toContain(`/m?standing=${hrssRequest}`);
    // The head is not reached by the first notice: the ladder reaches them only when the unit is late.
    expect(texts(PHONES.unionHead)).toEqual([]);
    const group = robot.sent.filter((s) => s.message.title.includes('会议通知'));
    expect(group).toHaveLength(1);
    expect(group[0]!.message.markdown).toContain(`/m?standing=${unionRequest}`);
    const push = sms.sent[0]!.message.pushPayload;
    expect(push).toMatchObject({ standingRequestId: expect.any(String), tag: expect.stringMatching(/^srq-/) });
  });

  it('the unit that answered hears nothing more; the silent one is chased by SMS, then its head', async () => {
    const answered = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, {
      token: await server.login(`liaison.${hrss}`),
      body: { attendance: 'member', attendeeName: '李四' },
    });
    expect(answered.status, JSON.stringify(answered.body)).toBe(200);
    const book = (await server.services.rulebooks.current('xinyang'))!;
    server.clock!.now = new Date(at(24).getTime() + 1000);
    await server.engine.tick();
    expect(texts(PHONES.unionLiaison).some((t) => t.startsWith('【会议通知催办】'))).toBe(true);
    expect(texts(PHONES.hrssLiaison)).toHaveLength(1);
    expect(robot.sent.filter((s) => s.message.title.startsWith('【会议通知催办】'))).toHaveLength(1);

    server.clock!.now = new Date(at(24).getTime() + book.escalationMinutes.unitHead.general * 60_000 + 1000);
    await server.engine.tick();
    expect(texts(PHONES.unionHead).some((t) => t.startsWith('【会议通知督办·负责人】') && t.includes(`/m?standing=${unionRequest}`))).toBe(true);
  });

  it('a reminder queued before the answer is cancelled, never sent', async () => {
    const res = await server.request('POST', '/api/v1/meetings', {
      token: await server.login('commander'),
      body: { kind: 'topical', topic: '尘肺病专项', startsAt: new Date(server.clock!.now.getTime() + 72 * 3_600_000).toISOString(), place: '会议室', agenda: ['议题'], replyDueAt: new Date(server.clock!.now.getTime() + 3_600_000).toISOString(), invite: { unitIds: [union] } },
    });
    expect(res.status).toBe(201);
    const requestId = res.body.requests[0].id;
    // Queued, not yet sent: the liaison answers first.
    const reply = await server.request('POST', `/api/v1/meetings/${res.body.meeting.id}/reply`, { token: await server.login(`liaison.${union}`), body: { attendance: 'member', attendeeName: '王五' } });
    expect(reply.status).toBe(200);
    const before = sms.sent.length;
    await server.engine.tick();
    expect(sms.sent.slice(before).filter((s) => s.message.shortText.includes(requestId))).toEqual([]);
    const rows = await server.services.db.select().from(deliveries).where(and(eq(deliveries.standingRequestId, requestId), isNotNull(deliveries.failedAt)));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === 'failed' && r.failureReason!.includes('已办理'))).toBe(true);
  });
});


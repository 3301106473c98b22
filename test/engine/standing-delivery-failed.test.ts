/**
 * A message about standing work that cannot be delivered is on the record as an accident notice's
 * is: the engine appends delivery.failed (no incident; the jurisdiction's stream) naming the unit,
 * the request, the channel and a plain reason, and the office's pages list it on the request, so
 * the office knows the unit may not know it was asked. A reminder that is not sent because the
 * unit answered meanwhile is no failure: no event, nothing listed, no failure on the phone.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPoints, events } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName } from '../support/reports.js';
import { takeDueEscalations } from '../../src/engine/escalation.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
const REFUSED = { ok: false as const, temporary: false, reason: 'isv.MOBILE_NUMBER_ILLEGAL 13900000201 (dysmsapi.aliyuncs.com)' };
let server: TestServer;
let sms: RecordingAdapter;
let union: string;
let hrss: string;
let office: string;

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, adapters: { aliyun: sms }, manualEngine: true });
  office = await server.login('commander');
  union = await unitIdByName(server, office, 'xinyang', '总工会');
  hrss = await unitIdByName(server, office, 'xinyang', '人力资源');
  for (const [username, phone] of [
    [`liaison.${union}`, '13900000201'],
    [`liaison.${hrss}`, '13900000202'],
  ] as const)
    expect((await server.request('POST', '/api/v1/me/phones', { token: await server.login(username), body: { phone } })).status).toBe(201);
});
afterAll(async () => server?.close());

const failedEvents = async () => server.services.db.select().from(events).where(and(eq(events.type, 'delivery.failed'), isNull(events.incidentId)));
const unionPoint = async () => (await server.services.db.select().from(contactPoints).where(eq(contactPoints.address, '+8613900000201')))[0]!;

describe('standing work that does not reach a unit', () => {
  let meetingId: string;
  let unionRequest: string;
  let officeSocket: TestSocket;
  let liaisonSocket: TestSocket;

  it('a meeting notice the SMS provider refuses is a delivery.failed event in the jurisdiction’s stream', async () => {
    officeSocket = await server.connect(office);
    liaisonSocket = await server.connect(await server.login(`liaison.${union}`));
    const res = await server.request('POST', '/api/v1/meetings', {
      token: office,
      body: { kind: 'plenary', topic: '年度重点工作', startsAt: at(72), place: '市卫健委三楼会议室', agenda: ['议定年度任务'], replyDueAt: at(24), invite: { unitIds: [union, hrss] } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    meetingId = res.body.meeting.id;
    unionRequest = res.body.requests.find((r: any) => r.unitId === union).id;
    // The union's number is refused; the other unit's SMS goes out.
    sms.send = ((original) => async (message, contact) => (contact.address.endsWith('13900000201') ? REFUSED : original.call(sms, message, contact)))(RecordingAdapter.prototype.send);
    await server.engine.tick();

    const failed = await failedEvents();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ jurisdictionId: 'xinyang', incidentId: null });
    const data = failed[0]!.data as Record<string, unknown>;
    expect(data).toMatchObject({ standingRequestId: unionRequest, unitId: union, unitName: '信阳市总工会', channel: 'sms', round: 0, title: expect.stringContaining('年度重点工作') });
    expect(data.reason).toContain('短信');
    // Plain words only: no provider code, number or host.
    expect(data.reason).not.toMatch(/[A-Za-z]{3,}|\d{5,}/);
    expect(sms.sent.map((s) => s.contact.address)).toEqual(['+8613900000202']);
    expect((await unionPoint()).lastFailureReason).toContain('MOBILE_NUMBER_ILLEGAL');
  });

  it('the office’s reading of the meeting lists it on the unit’s request; the other unit’s shows nothing', async () => {
    const detail = await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office });
    expect(detail.status).toBe(200);
    const mine = detail.body.requests.find((r: any) => r.id === unionRequest);
    expect(mine.undelivered).toEqual([{ channel: 'sms', reason: expect.stringContaining('短信'), at: START.toISOString() }]);
    expect(detail.body.requests.find((r: any) => r.unitId === hrss).undelivered).toEqual([]);
  });

  it('the office sees it live; the unit’s own liaison never receives it', async () => {
    const live = await officeSocket.waitFor((type) => type === 'delivery.failed');
    expect(live.data).toMatchObject({ standingRequestId: unionRequest, unitName: '信阳市总工会' });
    // The liaison's socket got the invitation, and nothing of the failure.
    await liaisonSocket.waitFor((type, e) => type === 'standing.requested' && e.data.request.id === unionRequest);
    expect(liaisonSocket.received.map((r) => r.type)).not.toContain('delivery.failed');
    officeSocket.close();
    liaisonSocket.close();
  });

  it('a reminder not sent because the unit answered is no failure: no event, nothing listed, the phone not marked', async () => {
    sms.send = RecordingAdapter.prototype.send;
    const pointBefore = await unionPoint();
    const hrssRequest = (await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office })).body.requests.find((r: any) => r.unitId === hrss).id;
    // Past the deadline the ladder queues both units' reminders; the union answers before they are sent.
    server.clock!.now = new Date(Date.parse(at(24)) + 1000);
    expect(await takeDueEscalations(server.services)).toBeGreaterThan(0);
    // A day on, the office signs in again (its session has lapsed).
    office = await server.login('commander');
    const reply = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: await server.login(`liaison.${hrss}`), body: { attendance: 'member', attendeeName: '李四' } });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    await server.engine.tick();
    expect(await failedEvents()).toHaveLength(1);
    const detail = await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office });
    expect(detail.body.requests.find((r: any) => r.id === hrssRequest).undelivered).toEqual([]);
    expect((await unionPoint()).lastFailureAt).toEqual(pointBefore.lastFailureAt);
  });

  it('a campaign task that never reached its unit is marked in the campaign’s account', async () => {
    sms.script = [];
    sms.send = ((original) => async (message, contact) => (contact.address.endsWith('13900000202') ? REFUSED : original.call(sms, message, contact)))(RecordingAdapter.prototype.send);
    const res = await server.request('POST', '/api/v1/campaigns', {
      token: office,
      body: {
        kind: 'special_rectification',
        title: '尘毒危害专项整治',
        scope: '全市矿山、冶金、建材行业粉尘和化学毒物危害',
        startsOn: '2026-12-01',
        endsOn: '2026-12-31',
        leadUnitId: hrss,
        tasks: [
          { unitId: hrss, task: '牵头开展劳动用工和工伤保险检查', dueAt: at(72) },
          { unitId: union, task: '组织职工开展职业病防治宣传', dueAt: at(48) },
        ],
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await server.engine.tick();
    const detail = await server.request('GET', `/api/v1/campaigns/${res.body.campaign.id}`, { token: office });
    expect(detail.status).toBe(200);
    const row = (unitId: string) => detail.body.account.find((r: any) => r.unitId === unitId);
    expect(row(hrss).undelivered).toEqual([expect.objectContaining({ channel: 'sms', reason: expect.stringContaining('短信') })]);
    expect(row(union).undelivered).toEqual([]);
    expect(detail.body.requests.find((r: any) => r.unitId === hrss).undelivered).toHaveLength(1);
  });

  it('a unit the annual submission request never reached is marked in the office’s year', async () => {
    // 1 December in 信阳: the 2027 round opens and asks every unit; the human-resources liaison's number is still refused.
    server.clock!.now = new Date('2026-11-30T16:00:00.000Z');
    await server.engine.tick();
    // The round opens at the end of a pass; its messages go out on the next.
    await server.engine.tick();
    office = await server.login('commander');
    const year = await server.request('GET', '/api/v1/annual-submissions?year=2027', { token: office });
    expect(year.status, JSON.stringify(year.body)).toBe(200);
    const row = (unitId: string) => year.body.units.find((u: any) => u.unitId === unitId);
    expect(row(hrss).undelivered).toEqual([expect.objectContaining({ channel: 'sms', reason: expect.stringContaining('短信') })]);
    expect(row(union).undelivered).toEqual([]);
  });
});

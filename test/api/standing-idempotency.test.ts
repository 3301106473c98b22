/**
 * The joint meeting's creating writes take an Idempotency-Key like a report does: a retried
 * 召开会议, 征求意见 or 联合行动 finds the first one — one row, one set of requests and events —
 * even after its reply deadline has passed; the same key with another body is a 409.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { campaigns, events, meetings, proposals, standingRequests } from '../../src/db/schema.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
let server: TestServer;
let office: string;
let union: string;
let hrss: string;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  office = await server.login('commander');
  union = await unitIdByName(server, office, 'xinyang', '总工会');
  hrss = await unitIdByName(server, office, 'xinyang', '人力资源');
});
afterAll(() => server?.close());

const bodies = () => ({
  '/api/v1/meetings': { kind: 'plenary', topic: '年度重点工作', startsAt: at(72), place: '市卫健委三楼会议室', agenda: ['议定年度工作任务'], replyDueAt: at(24), invite: { unitIds: [union, hrss] } },
  '/api/v1/proposals': { kind: 'campaign', title: '联合开展尘毒危害专项整治', text: '拟由卫健委牵头。', unitIds: [union, hrss], dueAt: at(48) },
  '/api/v1/campaigns': {
    kind: 'special_rectification',
    title: '尘毒危害专项整治',
    scope: '全市粉尘危害',
    startsOn: '2026-12-01',
    endsOn: '2026-12-31',
    tasks: [{ unitId: union, task: '宣传', dueAt: at(48) }],
  },
});
const created = (body: any) => body.meeting?.id ?? body.proposal?.id ?? body.campaign?.id;

describe('Idempotency-Key on the joint meeting’s creating writes', () => {
  for (const path of ['/api/v1/meetings', '/api/v1/proposals', '/api/v1/campaigns'] as const) {
    it(`${path}: a retry finds the first, even after its deadline; another body with the key is a 409`, async () => {
      const body = bodies()[path];
      const headers = { 'idempotency-key': `retry-${path.split('/').pop()}-0001` };
      const first = await server.request('POST', path, { token: office, body, headers });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      const asked = async () => (await server.services.db.select({ n: count() }).from(standingRequests).where(eq(standingRequests.subjectId, created(first.body))))[0]!.n;
      const requestsBefore = await asked();

      // A day and more later (its reply deadline has passed; a fresh session of the same person).
      server.clock!.advance(30 * 3_600_000);
      const later = await server.login('commander');
      const retry = await server.request('POST', path, { token: later, body, headers });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(created(retry.body)).toBe(created(first.body));
      expect(await asked()).toBe(requestsBefore);
      const table = { '/api/v1/meetings': meetings, '/api/v1/proposals': proposals, '/api/v1/campaigns': campaigns }[path];
      expect((await server.services.db.select({ n: count() }).from(table))[0]!.n).toBe(1);

      const other = await server.request('POST', path, { token: later, body: { ...body, title: '另一件事', topic: '另一件事' }, headers });
      expect(other.status).toBe(409);
      expect(other.body.errors?.[0]?.field).toBe('Idempotency-Key');
      server.clock!.advance(-30 * 3_600_000);
      office = await server.login('commander');
    });
  }
});

describe('Idempotency-Key on drafting the minutes', () => {
  it('a retried draft is the same version, not a second one that asks every unit again', async () => {
    const meeting = await server.request('POST', '/api/v1/meetings', { token: office, body: bodies()['/api/v1/meetings'] });
    expect(meeting.status, JSON.stringify(meeting.body)).toBe(201);
    const meetingId = meeting.body.meeting.id;
    const unionL = await server.login(`liaison.${union}`);
    expect((await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: unionL, body: { attendance: 'member', attendeeName: '张主席' } })).status).toBe(200);

    // The same reply sent again (a retry, a second tap) records nothing more; a changed one does.
    const answeredEvents = async () => (await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'standing.answered')))[0]!.n;
    const answeredBefore = await answeredEvents();
    const again = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: unionL, body: { attendeeName: '张主席', attendance: 'member' } });
    expect(again.status).toBe(200);
    expect(again.body.request.answer).toMatchObject({ attendance: 'member', attendeeName: '张主席' });
    expect(await answeredEvents()).toBe(answeredBefore);
    const changed = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: unionL, body: { attendance: 'deputy', attendeeName: '王副主席', reason: '主席出差' } });
    expect(changed.body.request.answer).toMatchObject({ attendance: 'deputy' });
    expect(await answeredEvents()).toBe(answeredBefore + 1);

    const draft = { text: '会议议定如下事项。', consentDueAt: at(96), items: [{ title: '摸排尘肺病患者', leadUnitId: union, supportUnitIds: [], dueAt: at(24 * 30) }] };
    const headers = { 'idempotency-key': 'retry-minutes-0001' };
    const first = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { token: office, body: draft, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { token: office, body: draft, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.minutes).toMatchObject({ id: first.body.minutes.id, version: 1, state: 'consulting' });
    const detail = await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office });
    expect(detail.body.minutes.map((m: any) => m.version)).toEqual([1]);
    const consents = await server.services.db.select({ n: count() }).from(standingRequests).where(eq(standingRequests.subjectId, first.body.minutes.id));
    expect(consents[0]!.n).toBe(1);

    const other = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { token: office, body: { ...draft, text: '另一稿' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.errors?.[0]?.field).toBe('Idempotency-Key');
    // A revision with its own key is a new version, as before.
    const revised = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { token: office, body: { ...draft, text: '修订稿' }, headers: { 'idempotency-key': 'retry-minutes-0002' } });
    expect(revised.body.minutes).toMatchObject({ version: 2 });
  });
});

describe('Idempotency-Key on a unit’s progress report', () => {
  it('a retried report on a campaign task is recorded once', async () => {
    const campaign = await server.request('POST', '/api/v1/campaigns', { token: office, body: { ...bodies()['/api/v1/campaigns'], title: '进展报告重试' } });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const id = campaign.body.campaign.id;
    const unionL = await server.login(`liaison.${union}`);
    const reported = async () => (await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'campaign.reported')))[0]!.n;
    const before = await reported();
    const headers = { 'idempotency-key': 'retry-campaign-report-0001' };
    const body = { note: '已走访企业12家', done: false };
    const first = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: unionL, body, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const retry = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: unionL, body, headers });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await reported()).toBe(before + 1);
    // Another report (its own key) is a second report, as before.
    const next = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: unionL, body: { note: '已完成', done: true }, headers: { 'idempotency-key': 'retry-campaign-report-0002' } });
    expect(next.body.request.state).toBe('done');
    expect(await reported()).toBe(before + 2);
    // The same completion again without a key (a second tap) is the one already recorded, not a refusal.
    const tappedAgain = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: unionL, body: { note: '已完成', done: true } });
    expect(tappedAgain.status).toBe(200);
    expect(tappedAgain.body.request.state).toBe('done');
    expect(await reported()).toBe(before + 2);
    const different = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: unionL, body: { note: '再补充一句', done: true } });
    expect(different.status).toBe(409);
  });
});

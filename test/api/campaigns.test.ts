/**
 * 联合执法 / 专项整治 (信阳 三(三)) over HTTP: the office opens a campaign with a task for three units;
 * one reports progress then completion on time, one does nothing and is chased by
 * the engine up to a 督办 alert naming its task; the account reads each task against its date.
 * Only the participating units see it; bad input names the field and writes nothing.
 */
import { eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, events, standingRequests } from '../../src/db/schema.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-12-01T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
let server: TestServer;
let office: string;
let duty: string;
const unit: Record<'union' | 'hrss' | 'eco' | 'finance', string> = {} as never;
const token: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  office = await server.login('commander');
  duty = await server.login('duty');
  for (const [k, part] of [['union', '总工会'], ['hrss', '人力资源'], ['eco', '生态环境'], ['finance', '财政']] as const) {
    unit[k] = await unitIdByName(server, duty, 'xinyang', part);
    token[k] = await server.login(`liaison.${unit[k]}`);
  }
});
afterAll(async () => server?.close());

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
async function refused(status: number, method: string, path: string, t: string, body?: unknown, field?: string) {
  const before = await lastSeq();
  const res = await server.request(method, path, { token: t, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (field) expect(JSON.stringify(res.body)).toContain(field);
  expect(await lastSeq()).toBe(before);
  return res.body;
}
const campaign = (over: Record<string, unknown> = {}) => ({
  kind: 'special_rectification',
  title: '尘毒危害专项整治',
  scope: '全市矿山、冶金、建材行业粉尘和化学毒物危害',
  startsOn: '2026-12-01',
  endsOn: '2026-12-31',
  leadUnitId: unit.hrss,
  tasks: [
    { unitId: unit.hrss, task: '牵头开展劳动用工和工伤保险检查', dueAt: at(72) },
    { unitId: unit.union, task: '组织职工开展职业病防治宣传', dueAt: at(48) },
    { unitId: unit.eco, task: '排查放射源使用单位', dueAt: at(24) },
  ],
  ...over,
});

describe('a special campaign', () => {
  let id: string;
  it('the office opens it; bad input names the field; only the office opens, only participants see', async () => {
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ kind: 'parade' }), 'kind');
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ endsOn: '2026-11-01' }), 'endsOn');
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ tasks: [{ unitId: 'nope', task: '无', dueAt: at(24) }] }), 'tasks.0.unitId');
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ tasks: [{ unitId: unit.hrss, task: '', dueAt: at(24) }] }), 'tasks.0.task');
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ tasks: [{ unitId: unit.hrss, task: '过期', dueAt: at(-1) }] }), 'tasks.0.dueAt');
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ leadUnitId: unit.finance }), 'leadUnitId');
    // It is 09:00 on 12-01 in 信阳: a period that ended on 11-30 is over.
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ startsOn: '2026-11-01', endsOn: '2026-11-30', tasks: [{ unitId: unit.hrss, task: '检查', dueAt: '2026-11-30T20:00:00+08:00' }] }), 'endsOn');
    // A task due after the end of the last day, local time (00:30 on 12-03 in 信阳 is 16:30Z on 12-02).
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ endsOn: '2026-12-02', tasks: [{ unitId: unit.hrss, task: '检查', dueAt: '2026-12-02T16:30:00Z' }] }), 'tasks.0.dueAt');
    await refused(422, 'POST', '/api/v1/campaigns', office, campaign({ endsOn: '2028-12-31', tasks: [{ unitId: unit.hrss, task: '检查', dueAt: at(24 * 367) }] }), 'tasks.0.dueAt');
    // A member unit opens only a campaign it leads itself; this one names another unit as lead.
    await refused(403, 'POST', '/api/v1/campaigns', token.union!, campaign());
    await refused(403, 'POST', '/api/v1/campaigns', duty, campaign());
    const res = await server.request('POST', '/api/v1/campaigns', { token: office, body: campaign() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.campaign.id;
    expect(res.body.campaign).toMatchObject({ kind: 'special_rectification', unitIds: [unit.hrss, unit.union, unit.eco], leadUnitId: unit.hrss });
    expect((await server.request('GET', `/api/v1/campaigns/${id}`, { token: token.finance })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/campaigns', { token: token.finance })).body.campaigns).toEqual([]);
    expect((await server.request('GET', '/api/v1/campaigns', { token: token.union })).body.campaigns.map((c: any) => c.id)).toEqual([id]);
    expect((await server.request('GET', '/api/v1/standing-requests', { token: token.union })).body.requests).toMatchObject([{ kind: 'campaign_task', role: 'support', subjectId: id, link: `/meetings?campaign=${id}` }]);
    const opened = await server.services.db.select().from(events).where(eq(events.type, 'campaign.opened'));
    expect(opened).toHaveLength(1);
  });

  it('a unit reports progress, then completion; the wrong unit is refused; done is final', async () => {
    await refused(404, 'POST', `/api/v1/campaigns/${id}/report`, token.finance!, { note: '不是本单位', done: true });
    await refused(422, 'POST', `/api/v1/campaigns/${id}/report`, token.union!, { note: '' }, 'note');
    await refused(403, 'POST', `/api/v1/campaigns/${id}/report`, office, { note: '代报', done: true });
    const progress = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: token.union, body: { note: '已在12个企业开展宣传' } });
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(progress.body.request).toMatchObject({ state: 'pending', answer: { note: '已在12个企业开展宣传', done: false } });
    server.clock!.now = new Date(at(10));
    const done = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: token.union, body: { note: '宣传覆盖30家企业，已完成', done: true } });
    expect(done.body.request).toMatchObject({ state: 'done' });
    await refused(409, 'POST', `/api/v1/campaigns/${id}/report`, token.union!, { note: '再报', done: true });
    const mine = await server.request('GET', `/api/v1/campaigns/${id}`, { token: token.union });
    expect(mine.body.requests.map((r: any) => r.unitId)).toEqual([unit.union]);
    expect(mine.body.account.map((r: any) => r.unitId)).toEqual([unit.union]);
  });

  it('a unit that does not finish by its date is chased up to a 督办; the account shows each task against its date', async () => {
    const book = (await server.services.rulebooks.current('xinyang'))!;
    const [eco] = await server.services.db.select().from(standingRequests).where(eq(standingRequests.unitId, unit.eco));
    expect(eco).toMatchObject({ kind: 'campaign_task', state: 'pending' });
    expect((await server.engine.tick()).steps).toBe(0);
    server.clock!.now = new Date(new Date(at(24)).getTime() + book.escalationMinutes.commander.general * 60_000 + 1000);
    await server.engine.tick();
    await server.engine.tick();
    const steps = (await server.services.db.select().from(events).where(eq(events.type, 'standing.escalated')).orderBy(events.seq)).filter((e) => (e.data as any).requestId === eco!.id).map((e) => (e.data as any).step);
    expect(steps).toEqual(['resend', 'unit_head', 'commander']);
    const [alert] = await server.services.db.select().from(alerts).where(eq(alerts.standingRequestId, eco!.id));
    expect(alert).toMatchObject({ incidentId: null, kind: 'standing_overdue' });
    // The clock moved on by days: a fresh session.
    office = await server.login('commander');
    const listed = (await server.request('GET', '/api/v1/alerts', { token: office })).body.alerts;
    expect(listed.find((a: any) => a.id === alert!.id).subject).toMatchObject({ kind: 'standing', link: `/meetings?campaign=${id}` });

    const account = (await server.request('GET', `/api/v1/campaigns/${id}`, { token: office })).body;
    const by = (u: string) => account.account.find((r: any) => r.unitId === u);
    expect(by(unit.union)).toMatchObject({ timeliness: 'on_time', state: 'done', lastReport: '宣传覆盖30家企业，已完成' });
    expect(by(unit.eco)).toMatchObject({ timeliness: 'overdue', escalationStep: 3 });
    expect(by(unit.hrss).timeliness).toBe(server.clock!.now.getTime() > Date.parse(at(72)) ? 'overdue' : 'open');
    expect(account.tally.on_time).toBe(1);
    expect(account.requests).toHaveLength(3);
  });
});

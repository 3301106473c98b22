/**
 * A campaign after it is opened, over HTTP: a member unit opens one it leads (信阳 三(三) 「或发起单位
 * 牵头」) and reads every unit's part of it; a participant reports with a file that only it, the
 * lead and the office can open; the lead gives a late unit a new due date (the chase starts again
 * from it, the unit is told by SMS) and then calls the campaign off (open tasks are withdrawn,
 * finished ones stay). Every refusal names the field or says why, and writes nothing.
 */
import { and, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, standingRequests } from '../../src/db/schema.js';
import { RecordingAdapter } from '../support/recording-adapter.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-12-01T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
const PDF = '%PDF-1.4\n% 检查记录\n%%EOF\n';
let server: TestServer;
let sms: RecordingAdapter;
let office: string;
const unit: Record<'union' | 'hrss' | 'eco' | 'finance', string> = {} as never;
const token: Record<string, string> = {};

beforeAll(async () => {
  sms = new RecordingAdapter('aliyun');
  server = await startTestServer({ fixedClock: START, manualEngine: true, adapters: { aliyun: sms } });
  office = await server.login('commander');
  for (const [k, part] of [['union', '总工会'], ['hrss', '人力资源'], ['eco', '生态环境'], ['finance', '财政']] as const) {
    unit[k] = await unitIdByName(server, office, 'xinyang', part);
    token[k] = await server.login(`liaison.${unit[k]}`);
  }
  expect((await server.request('POST', '/api/v1/me/phones', { token: token.eco, body: { phone: '13900000201' } })).status).toBe(201);
});
afterAll(async () => server?.close());

/** Sessions end with time: after the clock moves a day, everyone logs in again. */
async function logInAgain() {
  office = await server.login('commander');
  for (const k of Object.keys(unit) as (keyof typeof unit)[]) token[k] = await server.login(`liaison.${unit[k]}`);
}

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
async function refused(status: number, method: string, path: string, t: string, body?: unknown, field?: string) {
  const before = await lastSeq();
  const res = await server.request(method, path, { token: t, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  if (field) expect(JSON.stringify(res.body.errors ?? res.body)).toContain(field);
  expect(await lastSeq()).toBe(before);
  return res.body;
}

describe('a campaign a member unit leads', () => {
  let id: string;

  it('人社局 opens it, leading it itself; it may not open one in another unit’s name', async () => {
    const body = (lead: string) => ({
      kind: 'joint_enforcement',
      title: '劳务派遣用工职业健康联合检查',
      scope: '全市劳务派遣单位',
      startsOn: '2026-12-01',
      endsOn: '2026-12-20',
      leadUnitId: lead,
      tasks: [
        { unitId: unit.hrss, task: '检查劳动合同中的职业病危害告知', dueAt: at(96) },
        { unitId: unit.union, task: '收集职工反映的问题', dueAt: at(48) },
        { unitId: unit.eco, task: '核查排污许可', dueAt: at(24) },
      ],
    });
    await refused(403, 'POST', '/api/v1/campaigns', token.hrss!, body(unit.union));
    const res = await server.request('POST', '/api/v1/campaigns', { token: token.hrss, body: body(unit.hrss) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.campaign.id;
    // The lead reads every unit's part; a participant only its own.
    expect((await server.request('GET', `/api/v1/campaigns/${id}`, { token: token.hrss })).body.account).toHaveLength(3);
    expect((await server.request('GET', `/api/v1/campaigns/${id}`, { token: token.union })).body.account.map((a: any) => a.unitId)).toEqual([unit.union]);
    expect((await server.request('GET', `/api/v1/campaigns/${id}`, { token: office })).body.account).toHaveLength(3);
  });

  it('a participant reports with a file: it, the lead and the office open it; another participant cannot', async () => {
    const up = await server.request('POST', `/api/v1/campaigns/${id}/attachments?fileName=${encodeURIComponent('检查记录.pdf')}`, { token: token.union, raw: PDF, headers: { 'content-type': 'application/pdf' } });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const file = up.body.attachment;
    await refused(404, 'POST', `/api/v1/campaigns/${id}/attachments?fileName=x.pdf`, token.finance!);
    await refused(422, 'POST', `/api/v1/campaigns/${id}/report`, token.eco!, { note: '用别人的附件', attachmentIds: [file.id] }, 'attachmentIds.0');
    await refused(422, 'POST', `/api/v1/campaigns/${id}/report`, token.union!, { note: '同一附件两次', attachmentIds: [file.id, file.id] }, '{"field":"attachmentIds.1"');
    const report = await server.request('POST', `/api/v1/campaigns/${id}/report`, { token: token.union, body: { note: '已收集问题12条', done: true, attachmentIds: [file.id] } });
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    for (const t of [token.union, token.hrss, office]) expect((await server.request('GET', file.url, { token: t })).status).toBe(200);
    for (const t of [token.eco, token.finance]) expect((await server.request('GET', file.url, { token: t })).status).toBe(404);
    // The leading unit follows the report live: campaign.reported goes to it (the reporter has its own answer).
    const [reported] = await server.services.db.select().from(events).where(eq(events.type, 'campaign.reported'));
    expect(reported).toMatchObject({ audienceUnits: [unit.hrss], data: { campaignId: id, unitId: unit.union, done: true } });
    const account = (await server.request('GET', `/api/v1/campaigns/${id}`, { token: token.hrss })).body.account;
    expect(account.find((a: any) => a.unitId === unit.union)).toMatchObject({ timeliness: 'on_time', lastAttachments: [{ id: file.id, fileName: '检查记录.pdf' }] });
  });

  it('the lead gives a late unit a new date: chased again from it, and told by SMS', async () => {
    server.clock!.now = new Date(Date.parse(at(24)) + 60_000);
    await server.engine.tick();
    await logInAgain();
    const [late] = await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.unitId, unit.eco), eq(standingRequests.subjectId, id)));
    expect(late!.escalationStep).toBe(1);
    await refused(403, 'PATCH', `/api/v1/campaigns/${id}`, token.union!, { reason: '不是牵头单位', tasks: [{ unitId: unit.eco, dueAt: at(72) }] });
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '已办结的不能改', tasks: [{ unitId: unit.union, dueAt: at(72) }] }, 'tasks.0.unitId');
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '时限已过', tasks: [{ unitId: unit.eco, dueAt: at(1) }] }, 'tasks.0.dueAt');
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { tasks: [{ unitId: unit.eco, dueAt: at(72) }] }, 'reason');
    // The checks of the opening hold for a change: a unit once, within the period and the horizon, a period not yet over.
    const ecoBefore = (await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.unitId, unit.eco), eq(standingRequests.subjectId, id))))[0]!;
    const twice = await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '同一单位两项', tasks: [{ unitId: unit.eco, dueAt: at(72) }, { unitId: unit.eco, dueAt: at(96) }] }, 'tasks.1.unitId');
    expect(twice.errors).toEqual([{ field: 'tasks.1.unitId', message: expect.stringContaining('同一单位只布置一项任务') }]);
    // The campaign ends on 12-20: 00:30 on 12-21 in 信阳 is after its last day.
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '超出行动期限', tasks: [{ unitId: unit.eco, dueAt: '2026-12-21T00:30:00+08:00' }] }, 'tasks.0.dueAt');
    const far = await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '延到两年后', endsOn: '2028-12-31', tasks: [{ unitId: unit.eco, dueAt: at(24 * 368) }] }, 'tasks.0.dueAt');
    expect(far.errors).toEqual([{ field: 'tasks.0.dueAt', message: expect.stringContaining('366') }]);
    // It is 12-02 in 信阳: an end on 12-01 has passed; an end on 12-03 cuts off 人社局's open task (due 12-05).
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '提前结束', endsOn: '2026-12-01' }, 'endsOn');
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '提前结束', endsOn: '2026-12-03' }, 'endsOn');
    const ecoAfter = (await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.unitId, unit.eco), eq(standingRequests.subjectId, id))))[0]!;
    expect(ecoAfter).toEqual(ecoBefore);
    expect((await server.request('GET', `/api/v1/campaigns/${id}`, { token: office })).body.campaign.endsOn).toBe('2026-12-20');
    await refused(422, 'PATCH', `/api/v1/campaigns/${id}`, token.hrss!, { reason: '什么也没改' }, 'tasks');
    const changed = await server.request('PATCH', `/api/v1/campaigns/${id}`, { token: token.hrss, body: { reason: '生态环境局人员外出执法', tasks: [{ unitId: unit.eco, dueAt: at(72) }] } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const [changedEvent] = await server.services.db.select().from(events).where(eq(events.type, 'campaign.changed'));
    expect(changedEvent).toMatchObject({ audienceUnits: [unit.hrss, unit.union, unit.eco], data: { changedUnitIds: [unit.eco], reason: '生态环境局人员外出执法' } });
    const [moved] = await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.unitId, unit.eco), eq(standingRequests.subjectId, id)));
    expect(moved).toMatchObject({ escalationStep: 0, dueAt: new Date(at(72)), state: 'pending' });
    await server.engine.tick();
    expect(sms.sent.some((s) => s.message.shortText.startsWith('【联席会议·变更通知】') && s.message.shortText.includes('生态环境局人员外出执法'))).toBe(true);
    await server.engine.tick();
    const [still] = await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.unitId, unit.eco), eq(standingRequests.subjectId, id)));
    expect(still!.escalationStep).toBe(0);
  });

  it('the lead calls it off: open tasks withdrawn, the finished one stays; a second call is a conflict', async () => {
    await refused(422, 'POST', `/api/v1/campaigns/${id}/cancel`, token.hrss!, {}, 'reason');
    const res = await server.request('POST', `/api/v1/campaigns/${id}/cancel`, { token: token.hrss, body: { reason: '市政府统一部署调整' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.campaign.cancelReason).toBe('市政府统一部署调整');
    const rows = await server.services.db.select().from(standingRequests).where(eq(standingRequests.subjectId, id));
    expect(Object.fromEntries(rows.map((r) => [r.unitId, r.state]))).toEqual({ [unit.hrss]: 'withdrawn', [unit.union]: 'done', [unit.eco]: 'withdrawn' });
    const [cancelledEvent] = await server.services.db.select().from(events).where(eq(events.type, 'campaign.cancelled'));
    expect(cancelledEvent).toMatchObject({ audienceUnits: [unit.hrss, unit.union, unit.eco], data: { reason: '市政府统一部署调整' } });
    await refused(409, 'POST', `/api/v1/campaigns/${id}/cancel`, office, { reason: '再次终止' });
    // The reason given is the campaign's end, for an open task withdrawn and for a finished one alike.
    for (const t of [token.eco!, token.union!]) expect((await refused(409, 'POST', `/api/v1/campaigns/${id}/report`, t, { note: '终止后反馈' })).detail).toContain('联合行动已终止');
    // The annual submission (the round opens on 1 December) is still asked; the campaign's task is not.
    expect((await server.request('GET', '/api/v1/standing-requests', { token: token.eco })).body.requests.filter((r: any) => r.kind === 'campaign_task')).toEqual([]);
    server.clock!.now = new Date(Date.parse(at(200)));
    await server.engine.tick();
    await logInAgain();
    const after = await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.unitId, unit.eco), eq(standingRequests.subjectId, id)));
    expect(after[0]!.escalationStep).toBe(0);
  });
});

/**
 * 联席会议 over HTTP against the real app: the office convenes, units reply (a deputy with the
 * reason), minutes are drafted, a unit asks for a change, the office revises, all agree, the
 * office issues them, and the agreed items' units report. Every refusal — wrong unit, wrong
 * state, bad input — answers problem+json naming the field and writes nothing.
 */
import { count, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import JSZip from 'jszip';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
let server: TestServer;
let office: string;
let duty: string;
let union: string;
let hrss: string;
let finance: string;
let unionL: string;
let hrssL: string;
let financeL: string;
const sockets: Record<string, TestSocket> = {};

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  office = await server.login('commander');
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  finance = await unitIdByName(server, duty, 'xinyang', '财政');
  unionL = await server.login(`liaison.${union}`);
  hrssL = await server.login(`liaison.${hrss}`);
  financeL = await server.login(`liaison.${finance}`);
  for (const [name, token] of Object.entries({ union: unionL, hrss: hrssL, finance: financeL, office })) sockets[name] = await server.connect(token);
});
afterAll(async () => server?.close());

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;

/** A refused request: its status, the failing field named, and nothing written. */
async function refused(status: number, method: string, path: string, token: string, body?: unknown, field?: string) {
  const before = await lastSeq();
  const res = await server.request(method, path, { token, body });
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect(JSON.stringify(res.body.errors ?? res.body.fields ?? res.body)).toContain(field);
  expect(await lastSeq()).toBe(before);
  return res.body;
}

const convene = (over: Record<string, unknown> = {}) => ({
  kind: 'plenary',
  topic: '2027年度职业病防治重点工作',
  startsAt: at(72),
  place: '市卫健委三楼会议室',
  agenda: ['通报全市职业病防治形势', '议定年度工作任务'],
  replyDueAt: at(24),
  invite: { unitIds: [union, hrss] },
  ...over,
});

describe('a plenary meeting from invitation to agreed items', () => {
  let meetingId: string;

  it('the office convenes; bad input names the field and writes nothing; a duty officer or a unit may not convene', async () => {
    await refused(422, 'POST', '/api/v1/meetings', office, convene({ replyDueAt: at(80) }), 'replyDueAt');
    await refused(422, 'POST', '/api/v1/meetings', office, convene({ invite: { unitIds: ['nope'] } }), 'invite.unitIds.0');
    await refused(422, 'POST', '/api/v1/meetings', office, convene({ invite: { unitIds: [union, hrss, hrss] } }), '{"field":"invite.unitIds.2"');
    await refused(422, 'POST', '/api/v1/meetings', office, convene({ invite: { kinds: ['department', 'department'] } }), '{"field":"invite.kinds.1"');
    await refused(422, 'POST', '/api/v1/meetings', office, convene({ topic: '' }), 'topic');
    // Further out than a task may be due (366 days): a year typed wrong, refused for each time named.
    const far = await refused(422, 'POST', '/api/v1/meetings', office, convene({ startsAt: at(24 * 400), replyDueAt: at(24 * 380) }), 'startsAt');
    expect(far.errors.map((e: any) => e.field)).toEqual(['startsAt', 'replyDueAt']);
    expect(far.errors[0].message).toContain('366');
    await refused(403, 'POST', '/api/v1/meetings', duty, convene());
    await refused(403, 'POST', '/api/v1/meetings', unionL, convene());
    const res = await server.request('POST', '/api/v1/meetings', { token: office, body: convene() });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    meetingId = res.body.meeting.id;
    expect(res.body.meeting.stage).toBe('replies');
    // 会议材料: the office shares a file with the invited units; an uninvited unit can neither add nor read one.
    const pdf = '%PDF-1.4\n% 会议材料\n%%EOF\n';
    const material = await server.request('POST', `/api/v1/meetings/${meetingId}/attachments?fileName=${encodeURIComponent('形势通报.pdf')}`, { token: office, raw: pdf, headers: { 'content-type': 'application/pdf' } });
    expect(material.status, JSON.stringify(material.body)).toBe(201);
    expect(material.body.attachment.material).toBe(true);
    expect((await server.request('GET', material.body.attachment.url, { token: unionL })).status).toBe(200);
    expect((await server.request('GET', material.body.attachment.url, { token: financeL })).status).toBe(404);
    await refused(404, 'POST', `/api/v1/meetings/${meetingId}/attachments?fileName=x.pdf`, financeL);
    expect(res.body.requests.map((r: any) => r.unitId).sort()).toEqual([union, hrss].sort());
  });

  it('a unit sees only what it was sent', async () => {
    expect((await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: financeL })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/meetings', { token: financeL })).body.meetings).toEqual([]);
    const mine = await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: unionL });
    expect(mine.status).toBe(200);
    expect(mine.body.requests.map((r: any) => r.unitId)).toEqual([union]);
    expect((await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: await server.login('commander.anji') })).status).toBe(404);
    const waiting = await server.request('GET', '/api/v1/standing-requests', { token: unionL });
    expect(waiting.body.requests).toMatchObject([{ kind: 'meeting_reply', meetingTopic: '2027年度职业病防治重点工作' }]);
  });

  it('units reply who attends; a deputy needs the reason; an uninvited unit is refused', async () => {
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/reply`, hrssL, { attendance: 'deputy', attendeeName: '李四' }, 'reason');
    await refused(404, 'POST', `/api/v1/meetings/${meetingId}/reply`, financeL, { attendance: 'member', attendeeName: '王五' });
    await refused(403, 'POST', `/api/v1/meetings/${meetingId}/reply`, office, { attendance: 'member', attendeeName: '王五' });
    const a = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: unionL, body: { attendance: 'member', attendeeName: '张主席' } });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.request).toMatchObject({ state: 'answered', answer: { attendance: 'member', attendeeName: '张主席' } });
    const b = await server.request('POST', `/api/v1/meetings/${meetingId}/reply`, { token: hrssL, body: { attendance: 'deputy', attendeeName: '李副局长', reason: '局长参加省厅会议' } });
    expect(b.body.request.answer).toMatchObject({ attendance: 'deputy', reason: '局长参加省厅会议' });
    expect((await server.request('GET', '/api/v1/standing-requests', { token: unionL })).body.requests).toEqual([]);
  });

  it('the office drafts the minutes; items name member units; the attending units are asked; it cannot issue before they agree', async () => {
    const draft = { text: '会议听取了全市职业病防治工作情况汇报，议定如下事项。', consentDueAt: at(96), items: [{ title: '开展尘肺病工伤保险扩面', leadUnitId: hrss, supportUnitIds: [union], dueAt: at(24 * 30) }] };
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/minutes`, office, { ...draft, items: [{ ...draft.items[0], leadUnitId: 'nope' }] }, 'items.0.leadUnitId');
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/minutes`, office, { ...draft, items: [{ ...draft.items[0], dueAt: at(1) }] }, 'items.0.dueAt');
    // A unit named twice would be asked and chased twice for one item.
    const twice = await refused(422, 'POST', `/api/v1/meetings/${meetingId}/minutes`, office, { ...draft, items: [{ ...draft.items[0], supportUnitIds: [union, finance, union] }] }, 'items.0.supportUnitIds.2');
    expect(twice.errors).toEqual([{ field: 'items.0.supportUnitIds.2', message: expect.stringContaining('重复') }]);
    const farItem = await refused(422, 'POST', `/api/v1/meetings/${meetingId}/minutes`, office, { ...draft, items: [{ ...draft.items[0], dueAt: at(24 * 367) }] }, 'items.0.dueAt');
    expect(farItem.errors).toEqual([{ field: 'items.0.dueAt', message: expect.stringContaining('366') }]);
    expect((await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office })).body.minutes).toEqual([]);
    await refused(403, 'POST', `/api/v1/meetings/${meetingId}/minutes`, unionL, draft);
    const res = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes`, { token: office, body: draft });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.minutes).toMatchObject({ version: 1, state: 'consulting' });
    await refused(409, 'POST', `/api/v1/meetings/${meetingId}/minutes/issue`, office, { copiedTo: '市政府办公室' });
    // Replies close once the minutes exist.
    await refused(409, 'POST', `/api/v1/meetings/${meetingId}/reply`, unionL, { attendance: 'member', attendeeName: '张主席' });
  });

  it('a unit asks for a change with the reason; the office revises; both agree; the office issues', async () => {
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/minutes/consent`, unionL, { decision: 'request_change' }, 'reason');
    await refused(403, 'POST', `/api/v1/meetings/${meetingId}/minutes/consent`, office, { decision: 'agree' });
    const change = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes/consent`, { token: unionL, body: { decision: 'request_change', reason: '请写明总工会配合开展职业健康达人评定' } });
    expect(change.status, JSON.stringify(change.body)).toBe(200);
    expect(change.body).toMatchObject({ minutesState: 'consulting', request: { state: 'change_requested' } });
    await refused(409, 'POST', `/api/v1/meetings/${meetingId}/minutes/consent`, unionL, { decision: 'agree' });
    const agreedV1 = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes/consent`, { token: hrssL, body: { decision: 'agree' } });
    expect(agreedV1.body.minutesState).toBe('consulting');

    const v2 = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes`, {
      token: office,
      body: {
        text: '会议听取了全市职业病防治工作情况汇报，议定如下事项。总工会配合开展“职业健康达人”评定。',
        consentDueAt: at(120),
        revisionNote: '按总工会意见补充',
        items: [{ title: '开展尘肺病工伤保险扩面', leadUnitId: hrss, supportUnitIds: [union], dueAt: at(24 * 30) }],
      },
    });
    expect(v2.body.minutes).toMatchObject({ version: 2, state: 'consulting' });
    const consents = [];
    for (const token of [unionL, hrssL]) consents.push(await server.request('POST', `/api/v1/meetings/${meetingId}/minutes/consent`, { token, body: { decision: 'agree' } }));
    expect(consents.map((c) => [c.status, c.body.minutesState])).toEqual([
      [200, 'consulting'],
      [200, 'agreed'],
    ]);
    const detail = (await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office })).body;
    expect(detail.meeting.stage).toBe('agreed');
    expect(detail.minutes.map((m: any) => m.state)).toEqual(['superseded', 'agreed']);
    // The agreement that completed them, sent again (its answer was lost on the way back), is that agreement;
    // another answer to agreed minutes is refused.
    const agreedEvents = async () => (await server.services.db.select({ n: count() }).from(events).where(eq(events.type, 'minutes.agreed')))[0]!.n;
    const before = await agreedEvents();
    const retried = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes/consent`, { token: hrssL, body: { decision: 'agree' } });
    expect(retried.status).toBe(200);
    expect(retried.body).toEqual(consents[1]!.body);
    expect(await agreedEvents()).toBe(before);
    await refused(409, 'POST', `/api/v1/meetings/${meetingId}/minutes/consent`, hrssL, { decision: 'request_change', reason: '再改一处' });
    await refused(403, 'POST', `/api/v1/meetings/${meetingId}/minutes/issue`, unionL, {});
    const issued = await server.request('POST', `/api/v1/meetings/${meetingId}/minutes/issue`, { token: office, body: {} });
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body.minutes).toMatchObject({ state: 'issued', copiedTo: '市政府办公室' });
    await refused(409, 'POST', `/api/v1/meetings/${meetingId}/minutes/issue`, office, {});
    // Issued minutes go to every member unit: the finance bureau now sees them, and the print view.
    const seen = await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: financeL });
    expect(seen.status).toBe(200);
    expect(seen.body.requests).toEqual([]);
    const print = await server.request('GET', `/api/v1/meetings/${meetingId}/minutes/print`, { token: financeL });
    expect(print.status).toBe(200);
    expect(print.body).toContain('抄报：市政府办公室');
    expect(print.body).toContain('李副局长（受委托）');
    // The Word file offices exchange: the same minutes, issue line and 抄报 inside word/document.xml.
    const word = await fetch(`${server.url}/api/v1/meetings/${meetingId}/minutes/print?format=docx`, { headers: { authorization: `Bearer ${financeL}` } });
    expect(word.status).toBe(200);
    expect(word.headers.get('content-type')).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(await word.arrayBuffer())).file('word/document.xml')!.async('string');
    expect(xml).toContain('职业病防治工作联席会议纪要');
    expect(xml).toContain('抄报：市政府办公室');
    expect(xml).toContain('李副局长（受委托）');
  });

  it('the agreed item’s units report; only they may; completion stops their chase; the account lists each against its date', async () => {
    const detail = (await server.request('GET', `/api/v1/meetings/${meetingId}`, { token: office })).body;
    const item = detail.items[0];
    await refused(403, 'POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, financeL, { note: '无' });
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, hrssL, { note: '' }, 'note');
    await refused(404, 'POST', `/api/v1/meetings/${meetingId}/items/itm_nope/report`, hrssL, { note: '进展' });
    expect((await server.request('GET', '/api/v1/standing-requests', { token: unionL })).body.requests.map((r: any) => r.kind)).toEqual(['agreed_item']);
    // A file for the report: the unit uploads it to the meeting, then names it; another unit's file is refused.
    const pdf = '%PDF-1.4\n% 落实情况\n%%EOF\n';
    const upload = (token: string) => server.request('POST', `/api/v1/meetings/${meetingId}/attachments?fileName=${encodeURIComponent('扩面台账.pdf')}`, { token, raw: pdf, headers: { 'content-type': 'application/pdf' } });
    const file = await upload(hrssL);
    expect(file.status, JSON.stringify(file.body)).toBe(201);
    expect(file.body.attachment).toMatchObject({ meetingId, incidentId: null, material: false });
    const unionFile = (await upload(unionL)).body.attachment;
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, hrssL, { note: '进展', attachmentIds: [unionFile.id] }, 'attachmentIds.0');
    await refused(422, 'POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, hrssL, { note: '进展', attachmentIds: [unionFile.id, unionFile.id] }, '{"field":"attachmentIds.1"');
    // A unit's report file is the unit's and the office's: not another unit's.
    expect((await server.request('GET', file.body.attachment.url, { token: unionL })).status).toBe(404);
    expect((await server.request('GET', file.body.attachment.url, { token: office })).status).toBe(200);
    const progress = await server.request('POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, { token: hrssL, body: { note: '已摸排重点企业23家', attachmentIds: [file.body.attachment.id] } });
    expect(progress.status, JSON.stringify(progress.body)).toBe(200);
    expect(progress.body.request.state).toBe('pending');
    expect(progress.body.request.answer.attachments).toEqual([{ id: file.body.attachment.id, fileName: '扩面台账.pdf', url: file.body.attachment.url }]);
    const done = await server.request('POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, { token: hrssL, body: { note: '扩面完成', done: true } });
    expect(done.body.request.state).toBe('done');
    await refused(409, 'POST', `/api/v1/meetings/${meetingId}/items/${item.id}/report`, hrssL, { note: '再报' });
    const account = await server.request('GET', `/api/v1/meetings/${meetingId}/account`, { token: office });
    expect(account.body.rows.map((r: any) => [r.unitId, r.role, r.timeliness])).toEqual([
      [hrss, 'lead', 'on_time'],
      [union, 'support', 'open'],
    ]);
    expect((await server.request('GET', `/api/v1/meetings/${meetingId}/account`, { token: unionL })).status).toBe(403);
    // An item's progress is the office's to see across units: a unit reads only its own part.
    const doneAs = async (token: string) => (await server.request('GET', `/api/v1/meetings/${meetingId}`, { token })).body.items.find((i: any) => i.id === item.id).done;
    expect(await doneAs(office)).toBe(false);
    expect(await doneAs(hrssL)).toBe(true);
    expect(await doneAs(unionL)).toBe(false);
    expect(await doneAs(financeL)).toBeNull();
  });

  it('live: each unit gets its own requests and answers and what was sent to it; the office gets everything; no event names an incident', async () => {
    const types = (name: string) => sockets[name]!.received.map((r) => r.type);
    await sockets.office!.waitFor((t) => t === 'minutes.issued');
    await sockets.finance!.waitFor((t) => t === 'minutes.issued');
    expect(types('finance').filter((t) => /^(standing|meeting|minutes)\./.test(t))).toEqual(['minutes.issued']);
    expect(types('union')).toEqual(expect.arrayContaining(['meeting.convened', 'standing.requested', 'standing.answered', 'minutes.drafted', 'minutes.agreed', 'minutes.issued']));
    // A unit never sees another unit's answer: every standing.* it got is about its own request.
    for (const name of ['union', 'hrss'] as const) {
      const own = sockets[name]!.received.filter((r) => r.type.startsWith('standing.'));
      expect(own.length).toBeGreaterThan(0);
      for (const r of own) expect(r.envelope.data.request.unitId).toBe(name === 'union' ? union : hrss);
    }
    const answers = sockets.office!.received.filter((r) => r.type === 'standing.answered').map((r) => r.envelope.data.request.unitId);
    expect(new Set(answers)).toEqual(new Set([union, hrss]));
    for (const r of sockets.office!.received.filter((x) => /^(standing|meeting|minutes)\./.test(x.type))) expect(r.envelope.incidentId).toBeNull();
  });
});

describe('minutes drafted after the meeting', () => {
  it('an agreed item due between the meeting and now is refused naming it; nothing is drafted', async () => {
    const res = await server.request('POST', '/api/v1/meetings', { token: office, body: convene({ topic: '尘肺病专题会', startsAt: at(3), replyDueAt: at(2) }) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.meeting.id;
    expect((await server.request('POST', `/api/v1/meetings/${id}/reply`, { token: unionL, body: { attendance: 'member', attendeeName: '张主席' } })).status).toBe(200);
    // The office writes the minutes the day after the meeting (a fresh session: the clock moved on).
    server.clock!.now = new Date(at(27));
    try {
      const writer = await server.login('commander');
      const draft = { text: '会议议定如下事项。', consentDueAt: at(72), items: [{ title: '摸排尘肺病患者', leadUnitId: union, supportUnitIds: [], dueAt: at(24) }] };
      const late = await refused(422, 'POST', `/api/v1/meetings/${id}/minutes`, writer, draft, 'items.0.dueAt');
      expect(late.errors).toEqual([{ field: 'items.0.dueAt', message: expect.stringContaining('当前时间') }]);
      expect((await server.request('GET', `/api/v1/meetings/${id}`, { token: writer })).body.minutes).toEqual([]);
      const ok = await server.request('POST', `/api/v1/meetings/${id}/minutes`, { token: writer, body: { ...draft, items: [{ ...draft.items[0], dueAt: at(24 * 30) }] } });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    } finally {
      server.clock!.now = START;
    }
  });
});

/**
 * A unit's file on a meeting or a campaign is that unit's, fixed when it is uploaded: a liaison
 * moved to another unit later neither takes the file along (the new unit never sees it) nor locks
 * the old unit out of it. Nothing more is attached once the meeting or campaign is cancelled, and a
 * retried upload (the same Idempotency-Key) stores one file.
 */
import { eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, events } from '../../src/db/schema.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
const at = (hours: number) => new Date(START.getTime() + hours * 3_600_000).toISOString();
const PDF = '%PDF-1.4\n% 落实情况\n%%EOF\n';
let server: TestServer;
let office: string;
let admin: string;
let union: string;
let hrss: string;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  office = await server.login('commander');
  admin = await server.login('admin');
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
});
afterAll(async () => server?.close());

const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
const upload = (path: string, token: string) => server.request('POST', `${path}/attachments?fileName=${encodeURIComponent('台账.pdf')}`, { token, raw: PDF, headers: { 'content-type': 'application/pdf' } });

/** A liaison of `unitId` created for this test, so moving them leaves the demo accounts alone. */
async function newLiaison(username: string, unitId: string): Promise<{ id: string; token: string }> {
  const password = 'Lianfang-test-2026';
  const made = await server.request('POST', '/api/v1/admin/users', { token: admin, body: { username, displayName: username, role: 'liaison', jurisdictionId: 'xinyang', unitId, password } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const login = await server.request('POST', '/api/v1/auth/login', { body: { username, password } });
  if (login.body.user?.mustChangePassword) {
    await server.request('POST', '/api/v1/auth/password', { token: login.body.token, body: { currentPassword: password, newPassword: `${password}-x` } });
    return { id: made.body.user.id, token: (await server.request('POST', '/api/v1/auth/login', { body: { username, password: `${password}-x` } })).body.token };
  }
  return { id: made.body.user.id, token: login.body.token };
}

describe('a unit file belongs to the unit it was uploaded for', () => {
  for (const kind of ['meeting', 'campaign'] as const) {
    it(`${kind}: moving the uploader to another unit moves nothing`, async () => {
      const mover = await newLiaison(`mover.${kind}`, union);
      const unionHead = await server.login(`head.${union}`);
      const hrssL = await server.login(`liaison.${hrss}`);
      const path =
        kind === 'meeting'
          ? `/api/v1/meetings/${(await server.request('POST', '/api/v1/meetings', { token: office, body: { kind: 'plenary', topic: '年度重点工作', startsAt: at(72), place: '三楼会议室', agenda: ['议定年度任务'], replyDueAt: at(24), invite: { unitIds: [union, hrss] } } })).body.meeting.id}`
          : `/api/v1/campaigns/${(await server.request('POST', '/api/v1/campaigns', { token: office, body: { kind: 'joint_enforcement', title: '联合执法', scope: '全市', startsOn: '2026-12-01', endsOn: '2026-12-31', tasks: [{ unitId: union, task: '宣传', dueAt: at(48) }, { unitId: hrss, task: '检查', dueAt: at(48) }] } })).body.campaign.id}`;
      const file = await upload(path, mover.token);
      expect(file.status, JSON.stringify(file.body)).toBe(201);
      const url = file.body.attachment.url as string;
      const listed = async (token: string) => ((await server.request('GET', path, { token })).body.files ?? []).map((f: any) => f.id);
      expect((await server.request('GET', url, { token: hrssL })).status).toBe(404);

      const moved = await server.request('PATCH', `/api/v1/admin/users/${mover.id}`, { token: admin, body: { unitId: hrss } });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      // The unit it was uploaded for keeps it; the mover's new unit does not get it.
      expect((await server.request('GET', url, { token: unionHead })).status).toBe(200);
      expect((await server.request('GET', url, { token: hrssL })).status).toBe(404);
      expect(await listed(hrssL)).not.toContain(file.body.attachment.id);
      expect((await server.request('GET', url, { token: office })).status).toBe(200);
    });
  }
});

describe('nothing is attached once cancelled', () => {
  it('a cancelled meeting takes no more files: 409, nothing written', async () => {
    const meeting = (await server.request('POST', '/api/v1/meetings', { token: office, body: { kind: 'topical', topic: '专题会', startsAt: at(72), place: '三楼会议室', agenda: ['通报'], replyDueAt: at(24), invite: { unitIds: [union] } } })).body.meeting;
    expect((await server.request('POST', `/api/v1/meetings/${meeting.id}/cancel`, { token: office, body: { reason: '改期另行通知' } })).status).toBe(200);
    const before = await lastSeq();
    const res = await upload(`/api/v1/meetings/${meeting.id}`, office);
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.detail).toContain('会议已取消');
    expect(await lastSeq()).toBe(before);
  });

  it('a cancelled campaign takes no more files from its units: 409, nothing written', async () => {
    const campaign = (await server.request('POST', '/api/v1/campaigns', { token: office, body: { kind: 'joint_enforcement', title: '联合执法二', scope: '全市', startsOn: '2026-12-01', endsOn: '2026-12-31', tasks: [{ unitId: union, task: '宣传', dueAt: at(48) }] } })).body.campaign;
    expect((await server.request('POST', `/api/v1/campaigns/${campaign.id}/cancel`, { token: office, body: { reason: '市政府统一部署调整' } })).status).toBe(200);
    const before = await lastSeq();
    const res = await upload(`/api/v1/campaigns/${campaign.id}`, await server.login(`liaison.${union}`));
    expect(res.status, JSON.stringify(res.body)).toBe(409);
    expect(res.body.detail).toContain('已取消');
    expect(await lastSeq()).toBe(before);
  });
});

describe('a retried upload stores one file', () => {
  it('the same key, bytes and name replay the first answer; another file with the key is a 409', async () => {
    const meeting = (await server.request('POST', '/api/v1/meetings', { token: office, body: { kind: 'topical', topic: '重试', startsAt: at(72), place: '三楼会议室', agenda: ['通报'], replyDueAt: at(24), invite: { unitIds: [union] } } })).body.meeting;
    const send = (raw: string, key: string) =>
      server.request('POST', `/api/v1/meetings/${meeting.id}/attachments?fileName=${encodeURIComponent('材料.pdf')}`, { token: office, raw, headers: { 'content-type': 'application/pdf', 'idempotency-key': key } });
    const first = await send(PDF, 'upload-1');
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const before = await lastSeq();
    const again = await send(PDF, 'upload-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.attachment.id).toBe(first.body.attachment.id);
    const other = await send('%PDF-1.4\n% 另一份\n%%EOF\n', 'upload-1');
    expect(other.status).toBe(409);
    expect(JSON.stringify(other.body)).toContain('Idempotency-Key');
    expect(await lastSeq()).toBe(before);
    expect(await server.services.db.select().from(attachments).where(eq(attachments.meetingId, meeting.id))).toHaveLength(1);
  });
});

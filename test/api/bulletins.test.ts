/**
 * 简报 as its users meet it over HTTP: the office drafts and publishes to chosen units; a recipient
 * unit's liaison opens it (read once, with who and when); the office sees who has and hasn't read;
 * a unit not sent it cannot see it; units send information the office pulls into a draft; print
 * and Word export. Every refusal names its field and writes nothing.
 */
import { and, count, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bulletinAttachments, bulletinItems, bulletins, events } from '../../src/db/schema.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let duty: string;
let union: string;
let hrss: string;
let finance: string;
const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;

beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  finance = await unitIdByName(server, duty, 'xinyang', '财政');
});
afterAll(async () => server?.close());

async function publishToTwo(title: string) {
  const drafted = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'work_brief', title, body: '第一段。\n第二段。', unitIds: [union, hrss] } });
  expect(drafted.status).toBe(201);
  const published = await server.request('POST', `/api/v1/bulletins/${drafted.body.bulletin.id}/publish`, { token: duty });
  expect(published.status).toBe(200);
  return published.body.bulletin;
}

describe('bulletins and read receipts', () => {
  it('one unit reads it, another has not; the office sees which, and the read is kept once', async () => {
    const b = await publishToTwo('2026年第1期工作简报');
    expect(b).toMatchObject({ state: 'published', recipientCount: 2, readCount: 0, publisherName: '联席会议办公室' });
    const liaisonU = await server.login(`liaison.${union}`);
    const first = await server.request('POST', `/api/v1/bulletins/${b.id}/read`, { token: liaisonU });
    expect(first.status).toBe(200);
    expect(first.body.bulletin.readAt).not.toBeNull();
    // A unit sees its own receipt, not the others'.
    expect(first.body.bulletin.receipts).toBeNull();
    const before = await lastSeq();
    const again = await server.request('POST', `/api/v1/bulletins/${b.id}/read`, { token: await server.login(`head.${union}`) });
    expect(again.body.bulletin.readAt).toBe(first.body.bulletin.readAt);
    expect(await lastSeq()).toBe(before);

    const office = (await server.request('GET', `/api/v1/bulletins/${b.id}`, { token: duty })).body.bulletin;
    const byUnit = Object.fromEntries(office.receipts.map((r: any) => [r.unitId, r]));
    expect(byUnit[union]).toMatchObject({ readByName: expect.any(String), readAt: first.body.bulletin.readAt });
    expect(byUnit[hrss]).toMatchObject({ readAt: null, readByName: null });
    expect(office.readCount).toBe(1);

    // 人社局 has it unread in its list; 财政局 was not sent it and cannot see it.
    const unread = await server.request('GET', '/api/v1/bulletins?unread=true', { token: await server.login(`liaison.${hrss}`) });
    expect(unread.body.bulletins.map((x: any) => x.id)).toContain(b.id);
    const outsider = await server.login(`liaison.${finance}`);
    expect((await server.request('GET', `/api/v1/bulletins/${b.id}`, { token: outsider })).status).toBe(404);
    expect((await server.request('POST', `/api/v1/bulletins/${b.id}/read`, { token: outsider })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/bulletins', { token: outsider })).body.bulletins.map((x: any) => x.id)).not.toContain(b.id);
  });

  it('a member unit publishes to all; it sees who read it; the office sees it too', async () => {
    const liaisonU = await server.login(`liaison.${union}`);
    const drafted = await server.request('POST', '/api/v1/bulletins', { token: liaisonU, body: { kind: 'experience', title: '工会参与事故调查的做法', body: '经验。', toAll: true } });
    expect(drafted.status).toBe(201);
    // The office does not see another's draft.
    expect((await server.request('GET', `/api/v1/bulletins/${drafted.body.bulletin.id}`, { token: duty })).status).toBe(404);
    const published = await server.request('POST', `/api/v1/bulletins/${drafted.body.bulletin.id}/publish`, { token: liaisonU });
    expect(published.body.bulletin.unitIds).not.toContain(union);
    expect(published.body.bulletin.receipts.length).toBeGreaterThan(5);
    expect((await server.request('GET', `/api/v1/bulletins/${drafted.body.bulletin.id}`, { token: duty })).body.bulletin.readCount).toBe(0);
  });

  it('refuses, naming the field and writing nothing: an unknown unit, an empty title, a second publication, a change after it', async () => {
    const before = await lastSeq();
    const bad = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'work_brief', title: '简报', body: '正文', unitIds: [union, 'no_such_unit'] } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'unitIds.1' })]);
    const twiceChosen = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'work_brief', title: '简报', body: '正文', unitIds: [union, union] } });
    expect(twiceChosen.status).toBe(422);
    expect(twiceChosen.body.errors).toEqual([{ field: 'unitIds.1', message: expect.stringContaining('同一单位只能选一次') }]);
    const empty = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'work_brief', title: '', body: '正文' } });
    expect(empty.status).toBe(422);
    expect(empty.body.errors.map((e: any) => e.field)).toContain('title');
    const nobody = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'notice', title: '无对象', body: '正文' } });
    const noRecipients = await server.request('POST', `/api/v1/bulletins/${nobody.body.bulletin.id}/publish`, { token: duty });
    expect(noRecipients.status).toBe(422);
    expect(noRecipients.body.errors[0].field).toBe('unitIds');
    expect(await lastSeq()).toBe(before + 1); // only the draft itself
    const b = await publishToTwo('第2期');
    const mid = await lastSeq();
    expect((await server.request('POST', `/api/v1/bulletins/${b.id}/publish`, { token: duty })).status).toBe(409);
    expect((await server.request('PATCH', `/api/v1/bulletins/${b.id}`, { token: duty, body: { title: '改标题' } })).status).toBe(409);
    // The commander may not mark a receipt (only a recipient unit's people do).
    expect((await server.request('POST', `/api/v1/bulletins/${b.id}/read`, { token: duty })).status).toBe(403);
    expect(await lastSeq()).toBe(mid);
  });

  it('units send information; the office pulls it into its draft once', async () => {
    const liaisonU = await server.login(`liaison.${union}`);
    const item = await server.request('POST', '/api/v1/bulletin-items', { token: liaisonU, body: { title: '开展职业病防治法宣传周', body: '组织企业职工500人参加。' } });
    expect(item.status).toBe(201);
    expect((await server.request('POST', '/api/v1/bulletin-items', { token: duty, body: { title: '办公室', body: '不行' } })).status).toBe(403);
    const listed = await server.request('GET', '/api/v1/bulletin-items?unused=true', { token: duty });
    expect(listed.body.items.map((i: any) => i.id)).toContain(item.body.item.id);
    const draft = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'work_brief', title: '第3期', body: '本期要目', toAll: true } });
    // The same item named twice in one pull is refused at its second mention; the draft is unchanged.
    const before = await lastSeq();
    const repeated = await server.request('POST', `/api/v1/bulletins/${draft.body.bulletin.id}/pull-items`, { token: duty, body: { itemIds: [item.body.item.id, item.body.item.id] } });
    expect(repeated.status).toBe(422);
    expect(repeated.headers.get('content-type')).toContain('application/problem+json');
    expect(repeated.body.errors).toEqual([{ field: 'itemIds.1', message: expect.stringContaining('只能选一次') }]);
    expect(await lastSeq()).toBe(before);
    expect((await server.request('GET', `/api/v1/bulletins/${draft.body.bulletin.id}`, { token: duty })).body.bulletin.body).toBe('本期要目');
    const pulled = await server.request('POST', `/api/v1/bulletins/${draft.body.bulletin.id}/pull-items`, { token: duty, body: { itemIds: [item.body.item.id] } });
    expect(pulled.status).toBe(200);
    expect(pulled.body.bulletin.body).toContain('【信阳市总工会】开展职业病防治法宣传周');
    const twice = await server.request('POST', `/api/v1/bulletins/${draft.body.bulletin.id}/pull-items`, { token: duty, body: { itemIds: [item.body.item.id] } });
    expect(twice.status).toBe(422);
    expect(twice.body.errors[0].field).toBe('itemIds.0');
  });

  it('prints as a page and exports as a Word file; a PDF attachment travels with it', async () => {
    const draft = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'notice', title: '关于<硫化氢>中毒的通报', body: '正文一。', unitIds: [union] } });
    const id = draft.body.bulletin.id;
    const file = await server.request('POST', `/api/v1/bulletins/${id}/attachments?fileName=通报.pdf`, { token: duty, raw: '%PDF-1.4\n%%EOF\n', headers: { 'content-type': 'application/pdf' } });
    expect(file.status).toBe(201);
    await server.request('POST', `/api/v1/bulletins/${id}/publish`, { token: duty });
    const html = await server.request('GET', `/api/v1/bulletins/${id}/document?format=html`, { token: duty });
    expect(html.status).toBe(200);
    expect(html.body).toContain('关于&lt;硫化氢&gt;中毒的通报');
    expect(html.body).toContain('通报.pdf');
    const res = await fetch(`${server.url}/api/v1/bulletins/${id}/document?format=docx`, { headers: { authorization: `Bearer ${duty}` } });
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0x50, 0x4b]); // a zip: PK
    const liaisonU = await server.login(`liaison.${union}`);
    const url = (await server.request('GET', `/api/v1/bulletins/${id}`, { token: liaisonU })).body.bulletin.attachments[0].url;
    expect((await server.request('GET', url, { token: liaisonU })).status).toBe(200);
    expect((await server.request('GET', url, { token: await server.login(`liaison.${finance}`) })).status).toBe(404);
  });
});

describe('retries with an Idempotency-Key create nothing more', () => {
  const eventsOf = async (type: string) => (await server.services.db.select({ n: count() }).from(events).where(eq(events.type, type)))[0]!.n;

  it('起草简报: the same draft again answers the first; another body with the key is a 409', async () => {
    const headers = { 'idempotency-key': 'bulletin-draft-retry-0001' };
    const body = { kind: 'work_brief', title: '重试简报', body: '正文。', unitIds: [union] };
    const drafts = async () => (await server.services.db.select({ n: count() }).from(bulletins).where(eq(bulletins.title, '重试简报')))[0]!.n;
    const drafted = await eventsOf('bulletin.drafted');
    const first = await server.request('POST', '/api/v1/bulletins', { token: duty, body, headers });
    expect(first.status).toBe(201);
    const retry = await server.request('POST', '/api/v1/bulletins', { token: duty, body, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.bulletin.id).toBe(first.body.bulletin.id);
    expect(await drafts()).toBe(1);
    expect(await eventsOf('bulletin.drafted')).toBe(drafted + 1);
    const other = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { ...body, title: '另一份简报' }, headers });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
    expect(await drafts()).toBe(1);
    expect(await eventsOf('bulletin.drafted')).toBe(drafted + 1);
  });

  it('报送信息: a liaison’s retry on a weak network sends one item; another body with the key is a 409', async () => {
    const liaisonU = await server.login(`liaison.${union}`);
    const headers = { 'idempotency-key': 'bulletin-item-retry-0001' };
    const body = { title: '重试报送', body: '网络不好时重发。' };
    const items = async () => (await server.services.db.select({ n: count() }).from(bulletinItems).where(eq(bulletinItems.title, '重试报送')))[0]!.n;
    const submitted = await eventsOf('bulletin_item.submitted');
    const first = await server.request('POST', '/api/v1/bulletin-items', { token: liaisonU, body, headers });
    const retry = await server.request('POST', '/api/v1/bulletin-items', { token: liaisonU, body, headers });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.item.id).toBe(first.body.item.id);
    expect(await items()).toBe(1);
    expect(await eventsOf('bulletin_item.submitted')).toBe(submitted + 1);
    const other = await server.request('POST', '/api/v1/bulletin-items', { token: liaisonU, body: { ...body, body: '另一条内容。' }, headers });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
    expect(await items()).toBe(1);
    // The same key on another route is not a replay of this one.
    const elsewhere = await server.request('POST', '/api/v1/bulletins', { token: liaisonU, body: { kind: 'experience', title: '重试报送', body: '网络不好时重发。', toAll: true }, headers });
    expect(elsewhere.status).toBe(409);
  });

  it('简报附件: the same file and name with the key answers the first; another file or name is a 409', async () => {
    const draft = await server.request('POST', '/api/v1/bulletins', { token: duty, body: { kind: 'notice', title: '附件重试', body: '正文。', unitIds: [union] } });
    const id = draft.body.bulletin.id;
    const files = async () => (await server.services.db.select({ n: count() }).from(bulletinAttachments).where(eq(bulletinAttachments.bulletinId, id)))[0]!.n;
    const added = async () =>
      (await server.services.db.select({ n: count() }).from(events).where(and(eq(events.type, 'bulletin.attachment_added'), eq(events.data, { bulletinId: id, title: '附件重试', publisherUnitId: null, fileName: '通报.pdf' }))))[0]!.n;
    const headers = { 'content-type': 'application/pdf', 'idempotency-key': 'bulletin-file-retry-0001' };
    const upload = (name: string, raw: string) => server.request('POST', `/api/v1/bulletins/${id}/attachments?fileName=${encodeURIComponent(name)}`, { token: duty, raw, headers });
    const first = await upload('通报.pdf', '%PDF-1.4\n%%EOF\n');
    const retry = await upload('通报.pdf', '%PDF-1.4\n%%EOF\n');
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.bulletin.attachments.map((a: any) => a.id)).toEqual(first.body.bulletin.attachments.map((a: any) => a.id));
    expect(await files()).toBe(1);
    expect(await added()).toBe(1);
    for (const [name, raw] of [['通报.pdf', '%PDF-1.5\n%%EOF\n'], ['另一个.pdf', '%PDF-1.4\n%%EOF\n']]) {
      const other = await upload(name!, raw!);
      expect(other.status, name).toBe(409);
      expect(other.body.errors[0].field).toBe('Idempotency-Key');
    }
    expect(await files()).toBe(1);
  });
});

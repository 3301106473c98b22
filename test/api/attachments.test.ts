/**
 * 附件 as the desk uses them: a scene photo and a written report on an incident, typed by their
 * content (never by the declared type), within the size limit, stored in the database or in a
 * configured directory, visible exactly to whoever may see the incident, served safely.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachments, events } from '../../src/db/schema.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { xinyangReport } from '../support/reports.js';
import { developerWords } from '../support/words.js';

// A 1×1 PNG, a JPEG head, a PDF head, and a minimal .docx-like ZIP head.
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'.padEnd(140, '0'), 'hex');
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 1)]);
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
const DOCX = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....[Content_Types].xml....word/document.xml....')]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('....payload.exe....')]);
const HTML = Buffer.from('<html><script>alert(1)</script></html>');

let server: TestServer;
let dirServer: TestServer;
let dir: string;
let duty: string;
let incidentId: string;
let notifiedLiaison: string;
let otherLiaison: string;
let otherCommission: string;

async function upload(s: TestServer, token: string, id: string, fileName: string, body: Buffer, contentType = 'application/octet-stream', extra: Record<string, string> = {}) {
  const res = await fetch(`${s.url}/api/v1/incidents/${id}/attachments?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType, ...extra },
    body: new Uint8Array(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lianfang-attachments-'));
  server = await startTestServer({ manualEngine: true });
  dirServer = await startTestServer({ manualEngine: true, config: { attachmentsDir: dir, attachmentMaxBytes: 4096 } });
  duty = await server.login('duty');
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport() });
  expect(filed.status).toBe(201);
  incidentId = filed.body.id;
  notifiedLiaison = await server.login(`liaison.${filed.body.notifications[0].unitId}`);
  const notified = new Set(filed.body.notifications.map((n: any) => n.unitId));
  const units = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
  otherLiaison = await server.login(`liaison.${units.find((u: any) => !notified.has(u.id)).id}`);
  otherCommission = await server.login('duty.anji');
}, 180_000);
afterAll(async () => Promise.all([server?.close(), dirServer?.close()]));

describe('adding attachments', () => {
  it('a photo declared as anything is stored as what its bytes are, with an event in the log', async () => {
    const res = await upload(server, duty, incidentId, '现场照片1.png', PNG, 'text/html');
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ fileName: '现场照片1.png', contentType: 'image/png', size: PNG.length, uploadedByName: expect.stringContaining('值班员') });
    const events = (await server.request('GET', `/api/v1/incidents/${incidentId}/events?limit=500`, { token: duty })).body.events;
    expect(events.filter((e: any) => e.type === 'attachment.added').map((e: any) => e.data.attachment.id)).toEqual([res.body.attachment.id]);
  });

  it('JPEG, PDF and Word files are accepted; the name keeps the real extension', async () => {
    expect((await upload(server, duty, incidentId, 'scene.jpeg', JPEG)).body.attachment.contentType).toBe('image/jpeg');
    expect((await upload(server, duty, incidentId, '企业书面报告.pdf', PDF)).body.attachment.fileName).toBe('企业书面报告.pdf');
    const word = await upload(server, duty, incidentId, '情况说明.docx', DOCX);
    expect(word.body.attachment.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // A PDF named .png is a PDF.
    expect((await upload(server, duty, incidentId, '伪装.png', PDF)).body.attachment.fileName).toBe('伪装.pdf');
  });

  it('a page, a bare ZIP or an empty file is refused in Chinese, naming the file field, and nothing is stored', async () => {
    const before = (await server.request('GET', `/api/v1/incidents/${incidentId}/attachments`, { token: duty })).body.attachments.length;
    for (const [name, bytes] of [
      ['photo.png', HTML],
      ['report.docx', ZIP],
      ['empty.pdf', Buffer.alloc(0)],
    ] as const) {
      const res = await upload(server, duty, incidentId, name, bytes, 'image/png');
      expect(res.status, name).toBe(422);
      expect(res.body.errors[0].field).toBe('file');
      expect(developerWords(res.body.detail)).toEqual([]);
    }
    expect((await server.request('GET', `/api/v1/incidents/${incidentId}/attachments`, { token: duty })).body.attachments.length).toBe(before);
  });

  it('a unit cannot add attachments; another jurisdiction cannot see the incident at all', async () => {
    expect((await upload(server, notifiedLiaison, incidentId, 'a.png', PNG)).status).toBe(403);
    expect((await upload(server, otherCommission, incidentId, 'a.png', PNG)).status).toBe(404);
  });
});

describe('reading attachments', () => {
  it('whoever may see the incident lists and downloads them, with a safe type, a disposition and nosniff', async () => {
    const { attachments } = (await server.request('GET', `/api/v1/incidents/${incidentId}/attachments`, { token: notifiedLiaison })).body;
    const photo = attachments.find((a: any) => a.contentType === 'image/png');
    const pdf = attachments.find((a: any) => a.fileName === '企业书面报告.pdf');
    const res = await fetch(`${server.url}${photo.url}`, { headers: { authorization: `Bearer ${notifiedLiaison}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename=".*\.png"; filename\*=UTF-8''%E7%8E%B0/);
    expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true);
    const doc = await fetch(`${server.url}${pdf.url}`, { headers: { authorization: `Bearer ${notifiedLiaison}` } });
    expect(doc.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('a unit that was not notified, and another jurisdiction, get 404 for the list and the file', async () => {
    const { attachments } = (await server.request('GET', `/api/v1/incidents/${incidentId}/attachments`, { token: duty })).body;
    for (const token of [otherLiaison, otherCommission]) {
      expect((await server.request('GET', `/api/v1/incidents/${incidentId}/attachments`, { token })).status).toBe(404);
      expect((await server.request('GET', attachments[0].url, { token })).status).toBe(404);
    }
  });
});

describe('a configured directory and size limit', () => {
  it('stores the bytes as a file named by the attachment id, and serves them back', async () => {
    const token = await dirServer.login('duty');
    const filed = await dirServer.request('POST', '/api/v1/incidents', { token, body: xinyangReport() });
    const res = await upload(dirServer, token, filed.body.id, '../../etc/passwd.png', PNG);
    expect(res.status).toBe(201);
    expect(res.body.attachment.fileName).toBe('passwd.png');
    expect(readdirSync(dir)).toEqual([res.body.attachment.id]);
    expect(readFileSync(join(dir, res.body.attachment.id)).equals(PNG)).toBe(true);
    const back = await fetch(`${dirServer.url}${res.body.attachment.url}`, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses a file over the limit with 413, whether Content-Length says so or the stream does', async () => {
    const token = await dirServer.login('duty');
    const filed = await dirServer.request('POST', '/api/v1/incidents', { token, body: xinyangReport() });
    const big = Buffer.concat([JPEG, Buffer.alloc(5000, 7)]);
    const res = await upload(dirServer, token, filed.body.id, 'big.jpg', big);
    expect(res.status).toBe(413);
    expect(res.body.detail).toContain('不能超过');
    // A chunked body has no Content-Length: the route counts while reading.
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(big.subarray(0, 3000)));
        c.enqueue(new Uint8Array(big.subarray(3000)));
        c.close();
      },
    });
    const chunked = await fetch(`${dirServer.url}/api/v1/incidents/${filed.body.id}/attachments?fileName=big.jpg`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect((await dirServer.request('GET', `/api/v1/incidents/${filed.body.id}/attachments`, { token })).body.attachments).toEqual([]);
  });
});

describe('a retried upload (Idempotency-Key)', () => {
  const rows = async (s: TestServer, id: string) => (await s.services.db.select({ n: count() }).from(attachments).where(eq(attachments.incidentId, id)))[0]!.n;
  const added = async (s: TestServer, id: string) =>
    (await s.services.db.select({ n: count() }).from(events).where(and(eq(events.incidentId, id), eq(events.type, 'attachment.added'))))[0]!.n;

  it('the same file, name and key again answers the first attachment and stores nothing more; another file or name with the key is a 409', async () => {
    const token = await server.login('duty');
    const filed = await server.request('POST', '/api/v1/incidents', { token, body: xinyangReport({ title: '附件重试' }) });
    const id = filed.body.id;
    const key = { 'idempotency-key': 'attachment-retry-0001' };
    const first = await upload(server, token, id, '现场.png', PNG, 'image/png', key);
    expect(first.status).toBe(201);
    const retry = await upload(server, token, id, '现场.png', PNG, 'image/png', key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.attachment.id).toBe(first.body.attachment.id);
    expect(await rows(server, id)).toBe(1);
    expect(await added(server, id)).toBe(1);

    // Another file (same name) or another name (same file) with the key: 409, nothing stored.
    for (const [name, bytes] of [['现场.png', JPEG], ['别的.png', PNG]] as const) {
      const other = await upload(server, token, id, name, bytes, 'image/png', key);
      expect(other.status, name).toBe(409);
      expect(other.headers.get('content-type')).toContain('application/problem+json');
      expect(other.body.errors[0].field).toBe('Idempotency-Key');
    }
    expect(await rows(server, id)).toBe(1);
    expect(await added(server, id)).toBe(1);
    // Without a key, each upload is its own.
    await upload(server, token, id, '现场.png', PNG);
    expect(await rows(server, id)).toBe(2);
  });

  it('in a configured directory a retry writes no second file', async () => {
    const token = await dirServer.login('duty');
    const filed = await dirServer.request('POST', '/api/v1/incidents', { token, body: xinyangReport({ title: '目录重试' }) });
    const before = readdirSync(dir).length;
    const key = { 'idempotency-key': 'attachment-dir-retry-0001' };
    const first = await upload(dirServer, token, filed.body.id, 'scene.jpg', JPEG, 'image/jpeg', key);
    const retry = await upload(dirServer, token, filed.body.id, 'scene.jpg', JPEG, 'image/jpeg', key);
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.body.attachment.id).toBe(first.body.attachment.id);
    expect(readdirSync(dir).length).toBe(before + 1);
    expect(await rows(dirServer, filed.body.id)).toBe(1);
  });
});

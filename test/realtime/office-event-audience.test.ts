/**
 * The commission's sockets tell no more than its REST readings: a member unit's draft bulletin is
 * its own until published (the office sees only its own drafts), and account and member-change
 * records are the administrators' (a duty officer or commander gets neither, live or by `resume`;
 * the system administrator does).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewEventFor } from '../../src/contract/events.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';

const START = new Date('2026-11-23T01:00:00.000Z');
let server: TestServer;
let duty: string;
let commander: string;
let admin: string;
let union: string;
let unionL: string;
const live: Record<'duty' | 'commander' | 'admin', TestSocket> = {} as never;
let seqBefore = 0;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  duty = await server.login('duty');
  commander = await server.login('commander');
  admin = await server.login('admin');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  unionL = await server.login(`liaison.${union}`);
  live.duty = await server.connect(duty);
  live.commander = await server.connect(commander);
  live.admin = await server.connect(admin);
  const marker = await server.request('POST', '/api/v1/bulletins', { token: commander, body: { kind: 'work_brief', title: '起点', body: '起点', toAll: true } });
  seqBefore = (await live.duty.waitFor((t, e) => t === 'bulletin.drafted' && e.data.bulletinId === marker.body.bulletin.id)).seq - 1;

  const draft = await server.request('POST', '/api/v1/bulletins', { token: unionL, body: { kind: 'work_brief', title: '工会草稿-未发布', body: '正文', toAll: true } });
  expect(draft.status, JSON.stringify(draft.body)).toBe(201);
  expect((await server.request('PATCH', `/api/v1/bulletins/${draft.body.bulletin.id}`, { token: unionL, body: { title: '工会草稿-改' } })).status).toBeLessThan(300);
  const change = await server.request('POST', '/api/v1/member-changes', {
    token: unionL,
    body: { unitId: union, kind: 'add_person', person: { displayName: '新联络员', role: 'liaison', username: 'union.newcomer', phone: '13900001234' }, reason: '人员调整' },
  });
  expect(change.status, JSON.stringify(change.body)).toBe(201);
  // The office's own draft, last: every socket that sees it has had its chance at the others.
  const own = await server.request('POST', '/api/v1/bulletins', { token: commander, body: { kind: 'work_brief', title: '委办草稿', body: '正文', toAll: true } });
  for (const s of Object.values(live)) await s.waitFor((t, e) => t === 'bulletin.drafted' && e.data.bulletinId === own.body.bulletin.id);
});
afterAll(async () => server?.close());

const types = (s: TestSocket) => s.received.filter((r) => r.envelope?.seq > seqBefore).map((r) => `${r.type}:${r.envelope.data.title ?? r.envelope.data.change?.person?.displayName ?? ''}`);

describe('what the commission receives of units’ drafts and administration', () => {
  it('a duty officer and a commander get the office’s draft, not the unit’s, and no member change', () => {
    for (const s of [live.duty, live.commander]) {
      expect(types(s)).toContain('bulletin.drafted:委办草稿');
      expect(types(s).filter((t) => t.includes('工会草稿'))).toEqual([]);
      expect(types(s).filter((t) => t.startsWith('member_change.'))).toEqual([]);
      expect(JSON.stringify(s.received)).not.toContain('13900001234');
    }
  });

  it('the system administrator gets the member change, but not the unit’s draft', () => {
    expect(types(live.admin)).toContain('member_change.proposed:新联络员');
    expect(types(live.admin).filter((t) => t.includes('工会草稿'))).toEqual([]);
  });

  it('resume answers the same as live', async () => {
    const later = await server.connect(duty);
    const page = await later.emitWithAck<{ events: any[] }>('resume', { afterSeq: seqBefore });
    const got = page.events.map((e) => e.type);
    expect(got).toContain('bulletin.drafted');
    expect(got.filter((t) => t.startsWith('member_change.'))).toEqual([]);
    expect(page.events.filter((e) => String(e.data.title ?? '').includes('工会草稿'))).toEqual([]);
    later.close();
  });

  it('the catalogue decides it: pure', () => {
    const event = (type: string, data: Record<string, unknown>) => ({ seq: 1, type, at: START, jurisdictionId: 'xinyang', incidentId: null, audienceUnits: [union], data });
    const office = { kind: 'commission' as const, jurisdictionId: 'xinyang' };
    const admins = { kind: 'commission' as const, jurisdictionId: null };
    expect(viewEventFor(office, event('bulletin.drafted', { bulletinId: 'b', title: 't', publisherUnitId: union }))).toBeNull();
    expect(viewEventFor(office, event('bulletin.drafted', { bulletinId: 'b', title: 't', publisherUnitId: null }))).not.toBeNull();
    expect(viewEventFor({ kind: 'unit', unitId: union }, event('bulletin.drafted', { bulletinId: 'b', title: 't', publisherUnitId: union }))).not.toBeNull();
    for (const type of ['member_change.proposed', 'account.created', 'roster.imported']) {
      expect(viewEventFor(office, event(type, {}))).toBeNull();
      expect(viewEventFor(admins, event(type, {}))).not.toBeNull();
    }
  });
});

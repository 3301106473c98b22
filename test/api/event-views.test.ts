/**
 * Commission-only facts reach member units nowhere. One incident lives through every kind of
 * event the server writes (acknowledgement, decline and its reassignment, tasks handed over,
 * upward reports and 逐级上报, every overdue ladder, a 续报 that adds and removes units, a 终报
 * closed over open items by a commander's override); then what a commander, a liaison of each
 * concerned unit and a liaison of an unconcerned unit receive — over REST, live on the socket and
 * through `resume` — is checked event by event against the catalogue of src/contract/events.ts.
 */
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EVENT_CATALOGUE, EVENT_TYPES } from '../../src/contract/events.js';
import { events } from '../../src/db/schema.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { installTestProvince } from '../support/test-province.js';

const START = new Date('2026-11-23T01:00:00Z');
const OVERRIDE_REASON = '省里要求先行结案-仅委内可见';
const SECRET_TASK = '仅委内可见的甲单位任务';
const UNIT_REPORT_TITLE = '无关单位获悉的事故';
const REJECT_REASON = '经核实不属实';
const COMMISSION_ONLY = EVENT_TYPES.filter((t) => EVENT_CATALOGUE[t].unitView === null);

let server: TestServer;
let duty: string;
let commander: string;
let incidentId: string;
let xinyangUnits: string[];
const unitName: Record<string, string> = {};
/** The units of the story: A acknowledges and loses its task to E; B declines and is replaced by D; F is added by the 续报; R is removed by it; O never hears of the incident. */
const unit: Record<'A' | 'B' | 'D' | 'E' | 'F' | 'R' | 'O', string> = {} as never;
const liaisonToken: Record<string, string> = {};
const liaisonSocket: Record<string, TestSocket> = {};
let commanderSocket: TestSocket;
/** Whom the incident is reported up to: the commission's business alone. */
let recipients: string[] = [];

const minutes = (n: number) => n * 60_000;
const liaisonOf = (u: string) => `liaison.${u}`;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  await installTestProvince(server, [{ username: 'duty.test_henan', displayName: '测试省值班员', role: 'duty_officer' }]);
  duty = await server.login('duty');
  commander = await server.login('commander');
  const listed = (await server.request('GET', '/api/v1/jurisdictions/xinyang/units', { token: duty })).body.units;
  xinyangUnits = listed.map((u: any) => u.id);
  for (const u of listed) unitName[u.id] = u.name;
  const preview = (await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport() })).body;
  const routed: string[] = preview.routing.map((d: any) => d.unitId);
  const others = xinyangUnits.filter((u) => !routed.includes(u));
  expect(routed.length).toBeGreaterThanOrEqual(3);
  expect(others.length).toBeGreaterThanOrEqual(4);
  [unit.A, unit.B, unit.R] = [routed[0]!, routed[1]!, routed[2]!];
  [unit.D, unit.E, unit.F, unit.O] = [others[0]!, others[1]!, others[2]!, others[3]!];
  for (const u of Object.values(unit)) {
    liaisonToken[u] = await server.login(liaisonOf(u));
    liaisonSocket[u] = await server.connect(liaisonToken[u]!);
  }
  commanderSocket = await server.connect(commander);
});
afterAll(async () => server?.close());

describe('one incident through every event type', () => {
  it('happens', async () => {
    const post = async (path: string, token: string, body: unknown = {}, headers: Record<string, string> = {}) => {
      const res = await server.request('POST', path, { token, body, headers });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const filed = await post('/api/v1/incidents', duty, xinyangReport({ title: '事件视图测试' }), { 'idempotency-key': 'event-views-1' });
    incidentId = filed.id;
    const notificationOf = (u: string) => filed.notifications.find((n: any) => n.unitId === u).id;
    // A: delivered over its socket, read, acknowledged.
    await liaisonSocket[unit.A]!.waitFor((t, e) => t === 'notification.created' && e.incidentId === incidentId);
    await post(`/api/v1/notifications/${notificationOf(unit.A)}/read`, liaisonToken[unit.A]!);
    await post(`/api/v1/notifications/${notificationOf(unit.A)}/acknowledge`, liaisonToken[unit.A]!, { note: '已签收' });
    // The duty officer adds a scene photo (a PNG by its first bytes).
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(64).fill(0)]);
    const uploaded = await fetch(`${server.url}/api/v1/incidents/${incidentId}/attachments?fileName=${encodeURIComponent('现场照片.png')}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${duty}`, 'content-type': 'image/png' },
      body: png,
    });
    expect(uploaded.status, await uploaded.clone().text()).toBe(201);
    // B declines; the commander hands its duty to D.
    await post(`/api/v1/notifications/${notificationOf(unit.B)}/decline`, liaisonToken[unit.B]!, { reason: '不属于本单位职责' });
    await post(`/api/v1/notifications/${notificationOf(unit.B)}/resolve-decline`, commander, { action: 'reassign', unitId: unit.D, reason: '改由该单位办理' });
    // A gets a task, which is handed to E; R gets one that stays open (so the 终报 needs an override).
    const task = await post(`/api/v1/incidents/${incidentId}/tasks`, commander, { unitId: unit.A, role: 'lead', title: SECRET_TASK, description: '现场处置', dueAt: new Date(START.getTime() + minutes(120)).toISOString() });
    await post(`/api/v1/tasks/${task.task.id}/reassign`, commander, { unitId: unit.E, reason: '甲单位人手不足' });
    await post(`/api/v1/incidents/${incidentId}/tasks`, commander, { unitId: unit.R, role: 'support', title: '乙单位协助任务', description: '协助', dueAt: new Date(START.getTime() + minutes(120)).toISOString() });
    // 逐级上报 to the province: forwarded there.
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${incidentId}/obligations`, { token: duty })).body;
    recipients = obligations.map((o: any) => o.recipient.name);
    expect(recipients.length).toBeGreaterThan(0);
    const up = obligations.find((o: any) => o.recipient.jurisdictionId === 'test_henan');
    await post(`/api/v1/incidents/${incidentId}/obligations/${up.id}/submit`, duty, { method: 'system' });
    // Every clock runs out (within the 12-hour session): acknowledgements, tasks, the remaining upward reports.
    for (let i = 0; i < 10; i++) {
      server.clock!.advance(minutes(60));
      await server.engine.tick();
    }
    // A 续报 adds F and removes R; the 终报 closes over R's open task and the unreported obligations.
    const facts = xinyangReport({ title: '事件视图测试' });
    delete facts.jurisdictionId;
    delete facts.receivedAt;
    await post(`/api/v1/incidents/${incidentId}/reports`, duty, {
      ...facts,
      kind: 'follow_up',
      extraUnits: [{ unitId: unit.F, role: 'support', reason: '新增配合单位' }],
      excludeUnits: [{ unitId: unit.R, reason: '不再涉及' }],
    }, { 'idempotency-key': 'event-views-2' });
    await post(`/api/v1/incidents/${incidentId}/reports`, commander, { ...facts, kind: 'final', closeOverride: { reason: OVERRIDE_REASON } }, { 'idempotency-key': 'event-views-3' });
    // 成员单位报告 (信阳 三(四)2): O files two accidents it learned of first; one is declined, one confirmed.
    const declined = await post('/api/v1/unit-reports', liaisonToken[unit.O]!, { ...facts, jurisdictionId: 'xinyang', title: UNIT_REPORT_TITLE });
    await post(`/api/v1/unit-reports/${declined.unitReport.id}/reject`, duty, { reason: REJECT_REASON });
    const confirmed = await post('/api/v1/unit-reports', liaisonToken[unit.O]!, { ...facts, jurisdictionId: 'xinyang', title: UNIT_REPORT_TITLE });
    await post(`/api/v1/unit-reports/${confirmed.unitReport.id}/confirm`, duty, {});
  });

  it('produces every event type of the catalogue, and nothing the catalogue does not name', async () => {
    // The server can only append catalogued types (NewEvent.type is the catalogue's EventType);
    // the log of the story holds no other type, and every catalogued one appears in it.
    const logged = new Set((await server.services.db.select({ type: events.type }).from(events)).map((e) => e.type));
    expect([...logged].filter((t) => !(EVENT_TYPES as string[]).includes(t))).toEqual([]);
    // Not in this story, and never shown to units (no unit view): a delivery given up needs a failing
    // external channel (test/engine/delivery-failed.test.ts); a superseded obligation needs a 续报 that
    // raises the severity (test/api/lifecycle.test.ts), a reinstated one a 续报 that lowers it and another
    // that raises it back (test/api/severity-changes.test.ts). A rota change is about no incident (test/api/rota.test.ts).
    // Roster administration (unit.changed, member_change.*, roster.imported) is no part of an incident's
    // story: test/api/roster-units.test.ts and roster-import.test.ts log each of them; account.created, test/api/admin.test.ts.
    // The joint meeting's standing work has no incident: test/api/meetings.test.ts, meeting-changes.test.ts, proposals.test.ts,
    // campaigns.test.ts, campaign-changes.test.ts and test/engine/standing-due.test.ts log each of its types and check who receives them; the
    // information work (简报, 年度报送) is logged by test/api/bulletins.test.ts and
    // test/engine/annual-submissions.test.ts.
    const standing = ['standing.requested', 'standing.answered', 'standing.withdrawn', 'standing.escalated', 'meeting.convened', 'minutes.drafted', 'minutes.agreed', 'minutes.issued', 'proposal.made', 'proposal.settled', 'proposal.referred', 'proposal.decided', 'meeting.changed', 'meeting.cancelled'];
    const campaigns = EVENT_TYPES.filter((t) => t.startsWith('campaign.'));
    const information = EVENT_TYPES.filter((t) => /^(bulletin|bulletin_item|annual_submission)\./.test(t));
    const notInStory = new Set<string>(['delivery.failed', 'obligation.superseded', 'obligation.reinstated', 'rota.changed', 'unit.changed', 'member_change.proposed', 'member_change.confirmed', 'member_change.rejected', 'roster.imported', 'account.created', ...standing, ...campaigns, ...information]);
    for (const type of EVENT_TYPES.filter((t) => !('internal' in EVENT_CATALOGUE[t]) && !notInStory.has(t))) expect(logged, `the story produced no ${type}`).toContain(type);
  });
});

describe('what each audience receives', () => {
  const restEvents = async (token: string) => {
    const res = await server.request('GET', `/api/v1/incidents/${incidentId}/events?limit=1000`, { token });
    return res;
  };

  it('the commander receives every event of the incident whole', async () => {
    const answer = await restEvents(commander);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const got = answer.body.events;
    // Deliveries may still be logging after the story: compare with the log as it was when REST answered.
    const lastSeq = got[got.length - 1].seq;
    const stored = (await server.services.db.select().from(events).orderBy(asc(events.seq))).filter((e) => e.incidentId === incidentId && e.seq <= lastSeq);
    expect(got.map((e: any) => `${e.seq} ${e.type} ${e.incidentId}`)).toEqual(stored.map((e) => `${e.seq} ${e.type} ${e.incidentId}`));
    for (const [i, e] of stored.entries()) expect(got[i].data).toEqual(e.data);
    const closed = got.find((e: any) => e.type === 'incident.closed');
    expect(closed.data.closeOverride).toEqual({ reason: OVERRIDE_REASON });
    expect(JSON.stringify(closed.data.openAtClose)).toContain('乙单位协助任务');
    await vi.waitFor(() => expect(commanderSocket.received.filter((r) => r.envelope?.incidentId === incidentId && r.envelope.seq <= lastSeq).map((r) => r.envelope)).toEqual(got));
  });

  it('a liaison of an unconcerned unit receives nothing of it, anywhere', async () => {
    expect((await restEvents(liaisonToken[unit.O]!)).status).toBe(404);
    expect(liaisonSocket[unit.O]!.received.filter((r) => r.envelope?.incidentId === incidentId)).toEqual([]);
    const later = await server.connect(liaisonToken[unit.O]!);
    const resumed = await later.emitWithAck<any>('resume', { afterSeq: 0 });
    expect(resumed.ok).toBe(true);
    expect(resumed.events.filter((e: any) => e.incidentId === incidentId)).toEqual([]);
    later.close();
  });

  for (const who of ['A', 'B', 'D', 'E', 'F', 'R'] as const) {
    it(`liaison of concerned unit ${who}: REST, live socket and resume carry its own view only, and the same one`, async () => {
      const u = unit[who];
      // The log read after REST: a delivery logged in between is then in both or only in the log.
      const rest = (await restEvents(liaisonToken[u]!)).body.events as any[];
      const stored = (await server.services.db.select().from(events).orderBy(asc(events.seq))).filter((e) => e.incidentId === incidentId);
      // Nothing addressed elsewhere, nothing of the commission's.
      const addressed = new Set(stored.filter((e) => e.audienceUnits.includes(u)).map((e) => e.seq));
      for (const e of rest) {
        expect(addressed.has(e.seq), `${e.type} #${e.seq} was not addressed to ${who}`).toBe(true);
        expect(COMMISSION_ONLY).not.toContain(e.type);
        const text = JSON.stringify(e.data);
        for (const other of xinyangUnits.filter((x) => x !== u)) expect(text, `${e.type} names ${other}`).not.toContain(`"${other}"`);
        for (const secret of [OVERRIDE_REASON, 'closeOverride', 'openAtClose', 'previousUnitId', ...recipients.filter((r) => r !== unitName[u])]) expect(text, `${e.type} carries ${secret}`).not.toContain(secret);
        if (u !== unit.A && u !== unit.E) expect(text).not.toContain(SECRET_TASK);
      }
      // Nothing it must act on is filtered away: its notifications, and the incident's versions.
      for (const type of who === 'E' ? ['task.updated', 'incident.closed'] : ['notification.created', 'incident.closed'])
        expect(rest.map((e) => e.type), `${who} misses ${type}`).toContain(type);
      const closed = rest.find((e) => e.type === 'incident.closed')!;
      expect(closed.data).toMatchObject({ incidentId, status: 'closed', kind: 'final' });
      // The live socket and resume carry exactly the REST view.
      // Compared up to what REST saw: a socket connecting now is itself a delivery, logged after it.
      const seen = rest[rest.length - 1]!.seq;
      const upToRest = (e: any) => e?.incidentId === incidentId && e.seq <= seen;
      await vi.waitFor(() => expect(liaisonSocket[u]!.received.map((r) => r.envelope).filter(upToRest)).toEqual(rest));
      const later = await server.connect(liaisonToken[u]!);
      const resumed = await later.emitWithAck<any>('resume', { afterSeq: 0 });
      expect(resumed.events.filter(upToRest)).toEqual(rest);
      later.close();
    });
  }

  it('a 续报 tells each unit how its own part changed, never which other units came or went', async () => {
    const updatedFor = async (u: string) => ((await restEvents(liaisonToken[u]!)).body.events as any[]).find((e) => e.type === 'incident.updated')?.data.changes;
    expect(await updatedFor(unit.R)).toMatchObject({ removedUnits: [unit.R], addedUnits: [], routingChanged: true });
    expect(await updatedFor(unit.F)).toMatchObject({ addedUnits: [unit.F], removedUnits: [], routingChanged: true });
    expect(await updatedFor(unit.A)).toMatchObject({ addedUnits: [], removedUnits: [], routingChanged: false });
  });

  it('a task handed to another unit: the old unit learns only that, the new one gets the task without its history', async () => {
    const handed = ((await restEvents(liaisonToken[unit.A]!)).body.events as any[]).filter((e) => e.type === 'task.updated');
    expect(handed).toEqual([expect.objectContaining({ data: { taskId: expect.any(String), incidentId, action: 'reassign', actionName: expect.any(String), handedOver: true } })]);
    const received = ((await restEvents(liaisonToken[unit.E]!)).body.events as any[]).find((e) => e.type === 'task.updated');
    expect(received.data.task).toMatchObject({ unitId: unit.E, title: SECRET_TASK });
    const detail = (await server.request('GET', `/api/v1/tasks/${received.data.task.id}`, { token: liaisonToken[unit.E]! })).body;
    expect(JSON.stringify(detail.history)).not.toContain(`"${unit.A}"`);
  });

  it('三(四)2 「其他部门如遇…及时向有关单位通报」: a unit\'s own report and its answers reach it and the commission, no other unit', async () => {
    const types = ['unit_report.filed', 'unit_report.rejected', 'unit_report.confirmed'];
    const resumeAs = async (token: string) => {
      const socket = await server.connect(token);
      const answer = await socket.emitWithAck<any>('resume', { afterSeq: 0 });
      socket.close();
      return (answer.events as any[]).filter((e) => types.includes(e.type));
    };
    const own = await resumeAs(liaisonToken[unit.O]!);
    expect(own.map((e) => e.type)).toEqual(['unit_report.filed', 'unit_report.rejected', 'unit_report.filed', 'unit_report.confirmed']);
    for (const e of own) expect(e.data.unitReport.unitId).toBe(unit.O);
    expect(own[1].data.unitReport.rejectReason).toBe(REJECT_REASON);
    expect(own[3].data.unitReport.incidentRef).toMatch(/^XINYANG-/);
    for (const u of [unit.A, unit.B, unit.D]) expect(await resumeAs(liaisonToken[u]!)).toEqual([]);
    expect((await resumeAs(commander)).map((e) => e.type)).toEqual(own.map((e) => e.type));
  });

  it('a unit whose decline was answered learns the answer, not the unit that took its place', async () => {
    const resolved = ((await restEvents(liaisonToken[unit.B]!)).body.events as any[]).find((e) => e.type === 'notification.decline_resolved');
    expect(resolved.data).toMatchObject({ action: 'reassign', reason: '改由该单位办理' });
    expect(resolved.data.reassignedTo).toBeUndefined();
  });
});

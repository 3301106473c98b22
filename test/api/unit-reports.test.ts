/**
 * 信阳 三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」: a member unit that
 * learns of an accident first files it; the commission's duty officers see it at once, and confirm
 * it (it becomes a normal 初报) or decline it with a reason; the filing unit sees the outcome.
 * Over HTTP and socket.io against the real app.
 */
import { and, count, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events, incidents, unitReports } from '../../src/db/schema.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';

const T0 = new Date('2026-11-23T01:00:00Z');
const minutes = (n: number) => n * 60_000;

let server: TestServer;
let duty: string;
let union: string; // 市总工会: files the report
let emergency: string; // 市应急管理局: would be routed, must hear nothing before confirmation
let unionLiaison: string;
let emergencyLiaison: string;
let dutySocket: TestSocket;
let unionSocket: TestSocket;
let emergencySocket: TestSocket;

/** What a unit files: the report contract, without the commission's receipt time. */
function unitReport(overrides: Record<string, any> = {}) {
  const { receivedAt: _r, ...body } = xinyangReport({ title: '总工会获悉的硫化氢中毒', reporter: { name: '总工会联络员', phone: '0376-7654321' }, ...overrides });
  return body;
}

beforeAll(async () => {
  server = await startTestServer({ fixedClock: T0, manualEngine: true });
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  emergency = await unitIdByName(server, duty, 'xinyang', '应急管理');
  unionLiaison = await server.login(`liaison.${union}`);
  emergencyLiaison = await server.login(`liaison.${emergency}`);
  dutySocket = await server.connect(duty);
  unionSocket = await server.connect(unionLiaison);
  emergencySocket = await server.connect(emergencyLiaison);
});
afterAll(async () => server?.close());

const file = (token: string, body: unknown, key?: string) =>
  server.request('POST', '/api/v1/unit-reports', { token, body, headers: key ? { 'idempotency-key': key } : {} });

describe('三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」: a member unit files what it learned first', () => {
  let reportId: string;

  it('the liaison files it; the duty officers receive it live, naming the unit; no other unit hears of it', async () => {
    const seqBefore = emergencySocket.received.length;
    const res = await file(unionLiaison, unitReport(), 'unit-report-1');
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.unitReport).toMatchObject({ state: 'pending', unitId: union, title: '总工会获悉的硫化氢中毒', filedAt: T0.toISOString(), incidentId: null });
    expect(res.body.unitReport.unitName).toContain('总工会');
    reportId = res.body.unitReport.id;
    const live = await dutySocket.waitFor((t, e) => t === 'unit_report.filed' && e.data.unitReport.id === reportId);
    expect(live.data.unitReport.unitName).toContain('总工会');
    expect(live.data.basis.documentClause).toBe('三(四)2');
    await unionSocket.waitFor((t, e) => t === 'unit_report.filed' && e.data.unitReport.id === reportId);
    // Nothing is routed before confirmation: no incident, no notification, nothing for another unit.
    expect((await server.request('GET', '/api/v1/incidents', { token: duty })).body.incidents).toEqual([]);
    expect(emergencySocket.received.slice(seqBefore)).toEqual([]);
    expect((await server.request('GET', '/api/v1/inbox', { token: emergencyLiaison })).body.notifications).toEqual([]);
  });

  it('a retry with the same Idempotency-Key files it once', async () => {
    const again = await file(unionLiaison, unitReport(), 'unit-report-1');
    expect(again.status).toBe(201);
    expect(again.body.unitReport.id).toBe(reportId);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('is validated by the same report contract, each bad field named, nothing stored', async () => {
    const before = (await server.request('GET', '/api/v1/unit-reports', { token: duty })).body.reports.length;
    const bad = await file(unionLiaison, unitReport({ casualties: { exposed: 1, acuteCases: 1, severeCases: 3, deaths: 0, anthraxCases: 0 }, title: '' }));
    expect(bad.status).toBe(422);
    const fields = bad.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['casualties.severeCases', 'title']));
    // The receipt time is the commission's, routing adjustments too; an accident cannot happen after it is filed.
    const theirs = await file(unionLiaison, { ...unitReport(), receivedAt: '2026-11-23T08:40:00+08:00', extraUnits: [{ unitId: emergency, role: 'support', reason: '需要' }] });
    expect(theirs.status).toBe(422);
    expect(theirs.body.errors.map((e: any) => e.field).sort()).toEqual(['extraUnits', 'receivedAt']);
    const future = await file(unionLiaison, unitReport({ occurredAt: '2026-11-23T12:00:00+08:00' }));
    expect(future.status).toBe(422);
    expect(future.body.errors.map((e: any) => e.field)).toEqual(['occurredAt']);
    expect((await server.request('GET', '/api/v1/unit-reports', { token: duty })).body.reports.length).toBe(before);
  });

  it('only units of the jurisdiction file, and only for it; the commission files 初报 itself', async () => {
    const anji = await file(unionLiaison, unitReport({ jurisdictionId: 'anji' }));
    expect(anji.status).toBe(422);
    expect(anji.body.errors.map((e: any) => e.field)).toEqual(['jurisdictionId']);
    expect((await file(duty, unitReport())).status).toBe(403);
    const anjiUnit = await unitIdByName(server, await server.login('duty.anji'), 'anji', '应急');
    const anjiLiaison = await server.login(`liaison.${anjiUnit}`);
    // An 安吉 unit may file in 安吉 (安吉 三(二) 「成员单位之间建立信息互通制度，共享职业危害事故…信息」), not in 信阳.
    expect((await file(anjiLiaison, unitReport())).status).toBe(422);
  });

  it('a unit sees only its own filed reports; 安吉 sees none of 信阳', async () => {
    expect((await server.request('GET', '/api/v1/unit-reports', { token: emergencyLiaison })).body.reports).toEqual([]);
    expect((await server.request('GET', `/api/v1/unit-reports/${reportId}`, { token: emergencyLiaison })).status).toBe(404);
    expect((await server.request('GET', `/api/v1/unit-reports/${reportId}`, { token: await server.login('duty.anji') })).status).toBe(404);
    expect((await server.request('GET', '/api/v1/unit-reports', { token: await server.login('duty.anji') })).body.reports).toEqual([]);
    const own = (await server.request('GET', '/api/v1/unit-reports', { token: unionLiaison })).body.reports;
    expect(own.map((r: any) => r.id)).toEqual([reportId]);
    const pending = (await server.request('GET', '/api/v1/unit-reports?state=pending', { token: duty })).body.reports;
    expect(pending.map((r: any) => r.id)).toContain(reportId);
  });

  it('units cannot confirm or decline; 安吉 cannot either', async () => {
    expect((await server.request('POST', `/api/v1/unit-reports/${reportId}/confirm`, { token: unionLiaison, body: {} })).status).toBe(403);
    expect((await server.request('POST', `/api/v1/unit-reports/${reportId}/reject`, { token: emergencyLiaison, body: { reason: '不是事故' } })).status).toBe(404);
    expect((await server.request('POST', `/api/v1/unit-reports/${reportId}/confirm`, { token: await server.login('commander.anji'), body: {} })).status).toBe(404);
  });

  it('confirmed 40 minutes later, it is a normal 初报: classified, routed, notified — and the statutory clocks run from its filing (25号第七条: the health department’s 6 hours run from the report it received)', async () => {
    server.clock!.advance(minutes(40));
    const res = await server.request('POST', `/api/v1/unit-reports/${reportId}/confirm`, { token: duty, body: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const incident = res.body.incident;
    expect(res.body.unitReport).toMatchObject({ state: 'confirmed', incidentId: incident.id, incidentRef: incident.ref });
    expect(incident.severity).toBe('general');
    expect(incident.receivedAt).toBe(T0.toISOString());
    expect(incident.notifications.map((n: any) => n.unitId)).toContain(emergency);
    // Acknowledgement deadlines run from when units are told (now); the commission's own duties from the receipt.
    const confirmedAt = T0.getTime() + minutes(40);
    for (const n of incident.notifications) expect(Date.parse(n.ackDueAt)).toBeGreaterThanOrEqual(confirmedAt);
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${incident.id}/obligations`, { token: duty })).body;
    const sixHours = obligations.find((o: any) => o.regime === 'occupational_hazard_accident');
    expect(sixHours.startsAt).toBe(T0.toISOString());
    expect(sixHours.dueAt).toBe(new Date(T0.getTime() + minutes(360)).toISOString());
    // The routed unit is notified now, live.
    await emergencySocket.waitFor((t, e) => t === 'notification.created' && e.incidentId === incident.id);
    // The filing unit learns the outcome, live and on request.
    const outcome = await unionSocket.waitFor((t, e) => t === 'unit_report.confirmed' && e.data.unitReport.id === reportId);
    expect(outcome.data.unitReport).toMatchObject({ state: 'confirmed', incidentRef: incident.ref });
    const reported = await dutySocket.waitFor((t, e) => t === 'incident.reported' && e.incidentId === incident.id);
    expect(reported.data.incident.fromUnitReport).toMatchObject({ id: reportId, unitId: union });
  });

  it('cannot be confirmed or declined twice', async () => {
    const again = await server.request('POST', `/api/v1/unit-reports/${reportId}/confirm`, { token: duty, body: {} });
    expect(again.status).toBe(409);
    expect((await server.request('POST', `/api/v1/unit-reports/${reportId}/reject`, { token: duty, body: { reason: '重复' } })).status).toBe(409);
    expect((await server.request('GET', '/api/v1/incidents', { token: duty })).body.incidents).toHaveLength(1);
  });

  it('declined with a reason: the unit sees why, and no incident is made', async () => {
    const filed = await file(unionLiaison, unitReport({ title: '疑似误报', occurredAt: '2026-11-23T09:00:00+08:00' }));
    expect(filed.status).toBe(201);
    const id = filed.body.unitReport.id;
    const missing = await server.request('POST', `/api/v1/unit-reports/${id}/reject`, { token: duty, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.errors.map((e: any) => e.field)).toEqual(['reason']);
    const res = await server.request('POST', `/api/v1/unit-reports/${id}/reject`, { token: duty, body: { reason: '经核实为演习，非事故' } });
    expect(res.status).toBe(200);
    expect(res.body.unitReport).toMatchObject({ state: 'rejected', rejectReason: '经核实为演习，非事故', incidentId: null });
    const outcome = await unionSocket.waitFor((t, e) => t === 'unit_report.rejected' && e.data.unitReport.id === id);
    expect(outcome.data.unitReport.rejectReason).toBe('经核实为演习，非事故');
    const own = (await server.request('GET', `/api/v1/unit-reports/${id}`, { token: unionLiaison })).body.unitReport;
    expect(own).toMatchObject({ state: 'rejected', rejectReason: '经核实为演习，非事故' });
    expect((await server.request('GET', '/api/v1/incidents', { token: duty })).body.incidents).toHaveLength(1);
  });

  it('广东 has no such clause: its units phone the commission instead of filing', async () => {
    const admin = await server.login('admin');
    const units = (await server.request('GET', '/api/v1/jurisdictions/guangdong/units', { token: admin })).body.units;
    const gd = units.find((u: any) => u.name.includes('应急'));
    const res = await file(await server.login(`liaison.${gd.id}`), unitReport({ jurisdictionId: 'guangdong' }));
    expect(res.status).toBe(403);
  });
});

describe('确认 retried with its Idempotency-Key', () => {
  it('answers the first confirmation (one incident, one event); another body with the key is a 409', async () => {
    const filed = await file(unionLiaison, unitReport({ title: '重试确认的事故' }), 'unit-report-confirm-src-1');
    expect(filed.status).toBe(201);
    const id = filed.body.unitReport.id;
    const headers = { 'idempotency-key': 'unit-report-confirm-0001' };
    const confirmedEvents = async () =>
      (await server.services.db.select().from(events).where(eq(events.type, 'unit_report.confirmed'))).filter((e) => (e.data as any).unitReport.id === id).length;
    const incidentsFrom = async () => (await server.services.db.select({ n: count() }).from(unitReports).where(and(eq(unitReports.id, id), isNotNull(unitReports.incidentId))))[0]!.n;
    const incidentCount = async () => (await server.services.db.select({ n: count() }).from(incidents))[0]!.n;
    const before = await incidentCount();
    const first = await server.request('POST', `/api/v1/unit-reports/${id}/confirm`, { token: duty, body: {}, headers });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const retry = await server.request('POST', `/api/v1/unit-reports/${id}/confirm`, { token: duty, body: {}, headers });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.incident.id).toBe(first.body.incident.id);
    expect(await incidentCount()).toBe(before + 1);
    expect(await incidentsFrom()).toBe(1);
    expect(await confirmedEvents()).toBe(1);
    const other = await server.request('POST', `/api/v1/unit-reports/${id}/confirm`, { token: duty, body: { excludeUnits: [{ unitId: emergency, reason: '不同的确认内容' }] }, headers });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].field).toBe('Idempotency-Key');
    // Without the key a second confirmation is still refused as already decided.
    expect((await server.request('POST', `/api/v1/unit-reports/${id}/confirm`, { token: duty, body: {} })).status).toBe(409);
    expect(await incidentCount()).toBe(before + 1);
    expect(await confirmedEvents()).toBe(1);
  });
});

/**
 * 年度报送 with an injected clock (信阳 四(三)): the round opens on 1 December (local) and asks every
 * unit; a unit that files stops its own chase; a unit silent after 15 January (local) is chased on
 * the ladder up to a 督办 alert; the office sees who has filed, exports the year and reads the
 * annual performance report. Refusals name the field and write nothing.
 */
import { and, eq, max } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts, annualSubmissions, events, standingRequests } from '../../src/db/schema.js';
import { Engine } from '../../src/engine/engine.js';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

// 30 November 2026, 23:00 in 信阳: an hour before the 2027 round opens.
const START = new Date('2026-11-30T15:00:00.000Z');
const minutes = (n: number) => n * 60_000;
let server: TestServer;
let union: string;
let hrss: string;
const lastSeq = async () => (await server.services.db.select({ seq: max(events.seq) }).from(events))[0]?.seq ?? 0;
const filing = { summary: '2026年度组织职业病防治法宣传周活动12场。', plan: '2027年度继续推进尘肺病工伤保险扩面。', topics: ['尘肺病患者救治救助', ''] };

beforeAll(async () => {
  server = await startTestServer({ fixedClock: START, manualEngine: true });
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
});
afterAll(async () => server?.close());

const requestOf = async (unitId: string) =>
  (await server.services.db.select().from(standingRequests).where(and(eq(standingRequests.kind, 'annual_submission'), eq(standingRequests.unitId, unitId))))[0];

describe('the 15 January annual submission', () => {
  it('opens on 1 December local time, asking every unit by 15 January', async () => {
    await server.engine.tick();
    expect(await requestOf(union)).toBeUndefined();
    const liaison = await server.connect(await server.login(`liaison.${union}`));
    server.clock!.now = new Date('2026-11-30T16:00:00.000Z');
    await server.engine.tick();
    const r = await requestOf(union);
    expect(r).toMatchObject({ state: 'pending', dueAt: new Date('2027-01-15T16:00:00.000Z'), subjectId: 'annual:xinyang:2027' });
    const opened = await liaison.waitFor((t) => t === 'annual_submission.opened');
    expect(opened.data).toMatchObject({ year: 2027, dueAt: '2027-01-15T16:00:00.000Z' });
    await liaison.waitFor((t, e) => t === 'standing.requested' && e.data.request.unitId === union);
    // A second pass opens nothing again.
    server.clock!.now = new Date(server.clock!.now.getTime() + minutes(120));
    await server.engine.tick();
    const all = await server.services.db.select().from(standingRequests).where(eq(standingRequests.unitId, union));
    expect(all).toHaveLength(1);
  });

  it('refuses a filing that names no summary, or a year not yet open, writing nothing', async () => {
    const token = await server.login(`liaison.${union}`);
    const before = await lastSeq();
    const short = await server.request('PUT', '/api/v1/annual-submissions/2027', { token, body: { ...filing, summary: '短' } });
    expect(short.status).toBe(422);
    expect(short.body.errors.map((e: any) => e.field)).toEqual(['summary']);
    const early = await server.request('PUT', '/api/v1/annual-submissions/2028', { token, body: filing });
    expect(early.status).toBe(422);
    expect(early.body.errors.map((e: any) => e.field)).toEqual(['year']);
    expect((await server.request('PUT', '/api/v1/annual-submissions/2027', { token: await server.login('duty'), body: filing })).status).toBe(403);
    expect(await lastSeq()).toBe(before);
  });

  it('a unit that files is done; a unit silent after 15 January is chased up to a 督办 alert', async () => {
    server.clock!.now = new Date('2027-01-10T02:00:00.000Z');
    const token = await server.login(`liaison.${union}`);
    const filed = await server.request('PUT', '/api/v1/annual-submissions/2027', { token, body: filing });
    expect(filed.status).toBe(200);
    expect(filed.body.submission.topics).toEqual(['尘肺病患者救治救助']);
    expect((await requestOf(union))!.state).toBe('done');

    // 23:59 on 15 January in 信阳: not yet late.
    server.clock!.now = new Date('2027-01-15T15:59:00.000Z');
    await server.engine.tick();
    expect((await requestOf(hrss))!.escalationStep).toBe(0);
    const book = (await server.services.rulebooks.current('xinyang'))!;
    server.clock!.now = new Date(new Date('2027-01-15T16:00:00.000Z').getTime() + minutes(book.escalationMinutes.commander.general) + 1000);
    await server.engine.tick();
    await server.engine.tick();
    expect(await requestOf(hrss)).toMatchObject({ state: 'pending', escalationStep: 3 });
    expect((await requestOf(union))!.escalationStep).toBe(0);
    const [alert] = await server.services.db.select().from(alerts).where(eq(alerts.standingRequestId, (await requestOf(hrss))!.id));
    expect(alert).toMatchObject({ kind: 'standing_overdue', incidentId: null });

    const office = await server.login('commander');
    const year = (await server.request('GET', '/api/v1/annual-submissions?year=2027', { token: office })).body;
    const byUnit = Object.fromEntries(year.units.map((u: any) => [u.unitId, u]));
    expect(byUnit[union]).toMatchObject({ standing: 'on_time' });
    expect(byUnit[hrss]).toMatchObject({ standing: 'missing', submission: null });
    expect(year.submitted).toBe(1);
    // A unit sees only its own line (a new session: the clock has moved days on).
    const unitToken = await server.login(`liaison.${union}`);
    expect((await server.request('GET', '/api/v1/annual-submissions?year=2027', { token: unitToken })).body.units).toHaveLength(1);

    // Late filing is recorded as late and stops the chase.
    const late = await server.request('PUT', '/api/v1/annual-submissions/2027', { token: await server.login(`liaison.${hrss}`), body: filing });
    expect(late.status).toBe(200);
    expect((await requestOf(hrss))!.state).toBe('done');
    const after = (await server.request('GET', '/api/v1/annual-submissions?year=2027', { token: office })).body;
    expect(after.units.find((u: any) => u.unitId === hrss).standing).toBe('late');

    const xlsx = await fetch(`${server.url}/api/v1/annual-submissions/export?year=2027`, { headers: { authorization: `Bearer ${office}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const csv = await server.request('GET', '/api/v1/annual-submissions/export?year=2027&format=csv', { token: office });
    expect(csv.body).toContain('逾期报送');
    expect((await server.request('GET', '/api/v1/annual-submissions/export?year=2027', { token: unitToken })).status).toBe(403);

    const report = await server.request('GET', '/api/v1/reports/annual?year=2027', { token: office });
    expect(report.status).toBe(200);
    expect(report.body.rows.find((r: any) => r.unitId === union)).toMatchObject({ submission: 'on_time', agreedItems: { onTime: 0, late: 0, missing: 0, open: 0 } });
    expect(report.body.rows.find((r: any) => r.unitId === hrss).submission).toBe('late');
    const docx = await fetch(`${server.url}/api/v1/reports/annual?year=2027&format=docx`, { headers: { authorization: `Bearer ${office}` } });
    expect(new Uint8Array(await docx.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect((await server.request('GET', '/api/v1/reports/annual?year=2027', { token: unitToken })).status).toBe(403);
  });

  it('filing the same content again changes nothing; an amendment after the deadline is judged by the first filing time', async () => {
    // Past 15 January: 总工会 filed on 10 January.
    const token = await server.login(`liaison.${union}`);
    const filedEvents = async () =>
      (await server.services.db.select().from(events).where(eq(events.type, 'annual_submission.filed'))).filter((e) => (e.data as any).submission.unitId === union);
    const before = await filedEvents();
    expect(before).toHaveLength(1);
    const [row] = await server.services.db.select().from(annualSubmissions).where(and(eq(annualSubmissions.unitId, union), eq(annualSubmissions.year, 2027)));
    const seq = await lastSeq();

    const same = await server.request('PUT', '/api/v1/annual-submissions/2027', { token, body: filing });
    expect(same.status).toBe(200);
    expect(same.body.submission).toMatchObject({ id: row!.id, submittedAt: row!.submittedAt.toISOString(), updatedAt: row!.updatedAt.toISOString() });
    expect(await lastSeq()).toBe(seq);
    // The topics as stored (the empty one dropped) are the same content too.
    expect((await server.request('PUT', '/api/v1/annual-submissions/2027', { token, body: { ...filing, topics: ['尘肺病患者救治救助'] } })).status).toBe(200);
    expect(await lastSeq()).toBe(seq);

    const amended = await server.request('PUT', '/api/v1/annual-submissions/2027', { token, body: { ...filing, plan: '2027年度继续推进尘肺病工伤保险扩面，并开展专项督查。' } });
    expect(amended.status).toBe(200);
    expect(amended.body.submission).toMatchObject({ id: row!.id, submittedAt: row!.submittedAt.toISOString(), plan: '2027年度继续推进尘肺病工伤保险扩面，并开展专项督查。' });
    const after = await filedEvents();
    expect(after).toHaveLength(2);
    expect((after[1]!.data as any).late).toBe(false);
    const rows = await server.services.db.select().from(annualSubmissions).where(and(eq(annualSubmissions.unitId, union), eq(annualSubmissions.year, 2027)));
    expect(rows).toHaveLength(1);
    const office = await server.login('commander');
    const year = (await server.request('GET', '/api/v1/annual-submissions?year=2027', { token: office })).body;
    expect(year.units.find((u: any) => u.unitId === union).standing).toBe('on_time');
  });

  it('two engines on one database open the next round once: one request per unit', async () => {
    server.clock!.now = new Date('2027-11-30T16:00:05.000Z');
    const second = new Engine(server.services, {});
    await Promise.all([0, 1, 2].flatMap(() => [server.engine.tick(), second.tick()]));
    const asked = await server.services.db.select().from(standingRequests).where(eq(standingRequests.subjectId, 'annual:xinyang:2028'));
    const perUnit = new Map<string, number>();
    for (const r of asked) perUnit.set(r.unitId, (perUnit.get(r.unitId) ?? 0) + 1);
    expect(asked.length).toBeGreaterThan(10);
    expect([...perUnit.values()].every((n) => n === 1)).toBe(true);
    const opened = await server.services.db.select().from(events).where(eq(events.type, 'annual_submission.opened'));
    expect(opened.filter((e) => (e.data as any).year === 2028)).toHaveLength(1);
  });
});

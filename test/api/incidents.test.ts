import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { creditCodeCheckCharacter } from '../../src/domain/credit-code.js';

let server: TestServer;
let duty: string;
let union: string; // 市总工会
let hrss: string; // 市人社局
let emergency: string; // 市应急管理局
let propaganda: string; // 市委宣传部

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  emergency = await unitIdByName(server, duty, 'xinyang', '应急管理');
  propaganda = await unitIdByName(server, duty, 'xinyang', '宣传部');
});
afterAll(async () => server?.close());

async function incidentCount(): Promise<number> {
  const res = await server.request('GET', '/api/v1/incidents?limit=500', { token: duty });
  return res.body.incidents.length;
}

describe('previewing a report', () => {
  it('shows the severity, every regime with its citation, and each unit with role and quoted clause', async () => {
    const res = await server.request('POST', '/api/v1/routing/preview', {
      token: duty,
      body: xinyangReport({ casualties: { exposed: 20, acuteCases: 12, severeCases: 2, deaths: 1, anthraxCases: 0 } }),
    });
    expect(res.status).toBe(200);
    expect(res.body.severity).toBe('major');
    const codes = res.body.regimes.map((r: any) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['occupational_hazard_accident', 'public_health_emergency', 'production_safety_accident']));
    for (const regime of res.body.regimes) expect(regime.citation).toMatch(/令第\d+号/);
    const unionRow = res.body.routing.find((r: any) => r.unitId === union);
    expect(unionRow.role).toBe('support');
    expect(unionRow.basis).toContain('依法参与职业病危害事故的调查处理');
    expect(res.body.routing.find((r: any) => r.unitId === emergency).role).toBe('support');
    expect(res.body.routing.find((r: any) => r.unitId === propaganda).role).toBe('inform');
    expect(res.body.routing[0].role).toBe('lead');
  });

  it('stores nothing', async () => {
    const before = await incidentCount();
    await server.request('POST', '/api/v1/routing/preview', { token: duty, body: xinyangReport() });
    expect(await incidentCount()).toBe(before);
  });

  it('applies the duty officer’s additions and removals, each with its reason', async () => {
    const finance = await unitIdByName(server, duty, 'xinyang', '财政');
    const res = await server.request('POST', '/api/v1/routing/preview', {
      token: duty,
      body: xinyangReport({
        extraUnits: [{ unitId: finance, role: 'inform', reason: '需预拨救治经费' }],
        excludeUnits: [{ unitId: emergency, reason: '应急局已在现场，另行通报' }],
      }),
    });
    expect(res.status).toBe(200);
    const added = res.body.routing.find((r: any) => r.unitId === finance);
    expect(added).toMatchObject({ role: 'inform', adjustment: { kind: 'added', reason: '需预拨救治经费' } });
    expect(res.body.routing.some((r: any) => r.unitId === emergency)).toBe(false);
    expect(res.body.excluded).toEqual([expect.objectContaining({ unitId: emergency, reason: '应急局已在现场，另行通报' })]);
  });

  it('an adjustment naming a unit of another jurisdiction is a 422 naming the field', async () => {
    const anjiUnit = await unitIdByName(server, duty, 'anji', '应急');
    const res = await server.request('POST', '/api/v1/routing/preview', {
      token: duty,
      body: xinyangReport({ extraUnits: [{ unitId: anjiUnit, role: 'support', reason: '试试' }] }),
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'extraUnits.0.unitId' })]);
  });

  it('casualty counts that contradict the people exposed are flagged in the preview, not refused', async () => {
    const res = await server.request('POST', '/api/v1/routing/preview', {
      token: duty,
      body: xinyangReport({ casualties: { exposed: 2, acuteCases: 12, severeCases: 1, deaths: 0, anthraxCases: 0 } }),
    });
    expect(res.status).toBe(200);
    expect(res.body.warnings).toContainEqual({ code: 'casualties_exceed_exposed', message: '急性病例数（12人）多于接触人数（2人），请核实后在续报中更正' });
  });

  it('a liaison may not preview (403)', async () => {
    const token = await server.login(`liaison.${union}`);
    expect((await server.request('POST', '/api/v1/routing/preview', { token, body: xinyangReport() })).status).toBe(403);
  });
});

describe('filing a report (初报)', () => {
  it('answers 201 with the classification, routing and one notification per unit with its deadline', async () => {
    const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport() });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^inc_/);
    expect(res.body.ref).toMatch(/^XINYANG-20261123-\d{3}$/);
    expect(res.body.version).toBe(1);
    expect(res.body.severity).toBe('general');
    const units = res.body.routing.map((r: any) => r.unitId).sort();
    expect(res.body.notifications.map((n: any) => n.unitId).sort()).toEqual(units);
    const own = (await server.services.rulebooks.current('xinyang'))!.commissionUnitId;
    for (const n of res.body.notifications) {
      // The commission is not asked to acknowledge the report it filed itself.
      expect(n.state).toBe(n.unitId === own ? 'acknowledged' : 'pending');
      expect(Date.parse(n.ackDueAt)).toBeGreaterThan(Date.now());
    }
    const detail = await server.request('GET', `/api/v1/incidents/${res.body.id}`, { token: duty });
    expect(detail.status).toBe(200);
    expect(detail.body.incident.receivedAt).toBe('2026-11-23T00:40:00.000Z');
    expect(detail.body.notifications).toHaveLength(units.length);
  });

  it('retrying with the same Idempotency-Key returns the first incident and files nothing new', async () => {
    const before = await incidentCount();
    const headers = { 'idempotency-key': 'duty-form-7f3a9c21' };
    const first = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '重试测试' }), headers });
    const again = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '重试测试' }), headers });
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await incidentCount()).toBe(before + 1);
  });

  it('ten concurrent submissions with one key file exactly one incident', async () => {
    const before = await incidentCount();
    const headers = { 'idempotency-key': 'concurrent-key-0001' };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '并发测试' }), headers })),
    );
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    expect(await incidentCount()).toBe(before + 1);
  });

  it('concurrent filings of one day get consecutive numbers, each once, and the record and every event carry it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) => server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: `同日并发 ${i}` }) })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    const numbers = answers.map((a) => Number(/^XINYANG-20261123-(\d{3})$/.exec(a.body.ref)![1])).sort((a, b) => a - b);
    expect(numbers.every((n, i) => i === 0 || n === numbers[i - 1]! + 1)).toBe(true);
    for (const a of answers) {
      const detail = await server.request('GET', `/api/v1/incidents/${a.body.id}`, { token: duty });
      expect(detail.body.incident.ref).toBe(a.body.ref);
      const timeline = await server.request('GET', `/api/v1/incidents/${a.body.id}/events`, { token: duty });
      const text = JSON.stringify(timeline.body);
      expect(text).toContain(a.body.ref);
      // The row's placeholder number until the day's number is taken (its id) never shows.
      expect(text).not.toMatch(new RegExp(`"ref":"${a.body.id}"`));
    }
  });

  it('the same key with a different report is a 409 and files nothing', async () => {
    const headers = { 'idempotency-key': 'reused-key-000001' };
    await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: 'A' }), headers });
    const before = await incidentCount();
    const res = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: 'B' }), headers });
    expect(res.status).toBe(409);
    expect(await incidentCount()).toBe(before);
  });

  it('bad input gets a 422 naming every bad field and stores nothing', async () => {
    const before = await incidentCount();
    const res = await server.request('POST', '/api/v1/incidents', {
      token: duty,
      body: xinyangReport({
        occurredAt: '2026-11-23 08:10',
        employer: { name: '某厂', creditCode: '91411500MA44ABCD1X', industry: 'mining', ownership: 'private', licensed: true, laborRelation: 'determined' },
        casualties: { exposed: 5, acuteCases: 2, severeCases: 3, deaths: -1, anthraxCases: 0 },
        hazard: { category: 'poison' },
        reporter: { name: '', phone: 'call me' },
      }),
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = res.body.errors.map((e: any) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'occurredAt',
        'employer.creditCode',
        'employer.industry',
        'casualties.deaths',
        'hazard.category',
        'reporter.name',
        'reporter.phone',
      ]),
    );
    expect(await incidentCount()).toBe(before);
  });

  it('a valid 统一社会信用代码 is accepted and a wrong check character is refused', async () => {
    const prefix = '91411502MA44XK7Q1';
    const check = creditCodeCheckCharacter(prefix)!;
    const wrong = check === '0' ? '1' : '0';
    const ok = await server.request('POST', '/api/v1/routing/preview', {
      token: duty,
      body: xinyangReport({ employer: { ...xinyangReport().employer, creditCode: prefix + check } }),
    });
    expect(ok.status).toBe(200);
    const bad = await server.request('POST', '/api/v1/routing/preview', {
      token: duty,
      body: xinyangReport({ employer: { ...xinyangReport().employer, creditCode: prefix + wrong } }),
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: 'employer.creditCode' });
    expect(bad.body.errors[0].message).toContain('校验位');
  });

  it('a duty officer of another jurisdiction may not file in 信阳 (403), a liaison may not file (403)', async () => {
    const anjiDuty = await server.login('duty.anji');
    expect((await server.request('POST', '/api/v1/incidents', { token: anjiDuty, body: xinyangReport() })).status).toBe(403);
    const liaison = await server.login(`liaison.${union}`);
    expect((await server.request('POST', '/api/v1/incidents', { token: liaison, body: xinyangReport() })).status).toBe(403);
  });

  it('an unknown jurisdiction is a 422 on jurisdictionId', async () => {
    const admin = await server.login('admin');
    const res = await server.request('POST', '/api/v1/incidents', { token: admin, body: xinyangReport({ jurisdictionId: 'atlantis' }) });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].field).toBe('jurisdictionId');
  });
});

describe('who may see an incident', () => {
  it('a notified unit’s liaison sees it with only its own notification; an unnotified unit’s liaison gets 404', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '可见性测试' }) });
    const liaison = await server.login(`liaison.${union}`);
    const seen = await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: liaison });
    expect(seen.status).toBe(200);
    expect(seen.body.notifications.map((n: any) => n.unitId)).toEqual([union]);
    expect(seen.body.incident.facts).toBeUndefined();

    expect(filed.body.routing.some((r: any) => r.unitId === propaganda)).toBe(false);
    const outsider = await server.login(`liaison.${propaganda}`);
    expect((await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: outsider })).status).toBe(404);
    expect((await server.request('GET', `/api/v1/incidents/${filed.body.id}/events`, { token: outsider })).status).toBe(404);
    const anjiCommander = await server.login('commander.anji');
    expect((await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: anjiCommander })).status).toBe(404);
    const list = await server.request('GET', '/api/v1/incidents', { token: outsider });
    expect(list.body.incidents.some((i: any) => i.id === filed.body.id)).toBe(false);
  });
});

describe('follow-up and final reports (续报/终报)', () => {
  it('a follow-up that raises severity asks every unit to acknowledge again and notifies newly concerned units', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '续报测试' }) });
    const unionNotification = filed.body.notifications.find((n: any) => n.unitId === union);
    const liaison = await server.login(`liaison.${union}`);
    await server.request('POST', `/api/v1/notifications/${unionNotification.id}/acknowledge`, { token: liaison, body: {} });

    const { jurisdictionId, receivedAt, ...facts } = xinyangReport({ title: '续报测试' });
    const follow = await server.request('POST', `/api/v1/incidents/${filed.body.id}/reports`, {
      token: duty,
      body: { ...facts, kind: 'follow_up', casualties: { exposed: 30, acuteCases: 14, severeCases: 4, deaths: 1, anthraxCases: 0 } },
    });
    expect(follow.status).toBe(201);
    expect(follow.body.version).toBe(2);
    expect(follow.body.severity).toBe('major');
    expect(follow.body.changes).toMatchObject({ severityChanged: true, casualtiesChanged: true, requiresReacknowledgement: true });
    expect(follow.body.notifications.map((n: any) => n.unitId)).toContain(propaganda);
    expect(follow.body.notifications.find((n: any) => n.unitId === union).state).toBe('pending');

    const detail = await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty });
    const unionRows = detail.body.notifications.filter((n: any) => n.unitId === union);
    expect(unionRows.map((n: any) => [n.reportVersion, n.state])).toEqual([
      [1, 'acknowledged'],
      [2, 'pending'],
    ]);
    const hrssRows = detail.body.notifications.filter((n: any) => n.unitId === hrss);
    expect(hrssRows.map((n: any) => [n.reportVersion, n.state])).toEqual([
      [1, 'superseded'],
      [2, 'pending'],
    ]);
    expect(detail.body.versions.map((v: any) => v.severity)).toEqual(['general', 'major']);
  });

  it('a follow-up that changes only the narrative adds a version without asking anyone to acknowledge again', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '文字续报' }) });
    const { jurisdictionId, receivedAt, ...facts } = xinyangReport({ title: '文字续报' });
    const follow = await server.request('POST', `/api/v1/incidents/${filed.body.id}/reports`, {
      token: duty,
      body: { ...facts, kind: 'follow_up', narrative: '补充：三名工人病情稳定。' },
    });
    expect(follow.status).toBe(201);
    expect(follow.body.changes.requiresReacknowledgement).toBe(false);
    expect(follow.body.notifications).toEqual([]);
    const detail = await server.request('GET', `/api/v1/incidents/${filed.body.id}`, { token: duty });
    expect(detail.body.notifications.every((n: any) => n.reportVersion === 1 && n.state === (n.unitId === 'xy_wjw' ? 'acknowledged' : 'pending'))).toBe(true);
  });

  it('the final report closes the incident once its upward reports are in; nothing more can be filed on it', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '终报测试' }) });
    const { jurisdictionId, receivedAt, ...facts } = xinyangReport({ title: '终报测试' });
    for (const o of (await server.request('GET', `/api/v1/incidents/${filed.body.id}/obligations`, { token: duty })).body.obligations)
      expect((await server.request('POST', `/api/v1/incidents/${filed.body.id}/obligations/${o.id}/submit`, { token: duty, body: { method: 'phone' } })).status).toBe(200);
    const final = await server.request('POST', `/api/v1/incidents/${filed.body.id}/reports`, { token: duty, body: { ...facts, kind: 'final' } });
    expect(final.status).toBe(201);
    expect(final.body.status).toBe('closed');
    const more = await server.request('POST', `/api/v1/incidents/${filed.body.id}/reports`, { token: duty, body: { ...facts, kind: 'follow_up' } });
    expect(more.status).toBe(409);
  });

  it('a liaison may see an incident but not file a follow-up on it (403)', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '权限续报' }) });
    const liaison = await server.login(`liaison.${union}`);
    const { jurisdictionId, receivedAt, ...facts } = xinyangReport();
    const res = await server.request('POST', `/api/v1/incidents/${filed.body.id}/reports`, { token: liaison, body: { ...facts, kind: 'follow_up' } });
    expect(res.status).toBe(403);
  });
});

/**
 * 逐级上报 between two jurisdictions of one deployment: 信阳 is given a parent province
 * (test/support/test-province.ts). Reporting to the authority above makes the report arrive there
 * as an incoming incident, routed by the province's own rulebook to its own units, and both
 * incidents link to each other.
 */
import { eq } from 'drizzle-orm';
import { incidents } from '../../src/db/schema.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { installTestProvince, PROVINCE_PASSWORD } from '../support/test-province.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';


let server: TestServer;
let duty: string;
let provinceDuty: string;
let provinceSocket: TestSocket;
let safetyLiaison: TestSocket;
let xinyangCommander: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  await installTestProvince(server, [
    { username: 'duty.test_henan', displayName: '测试省值班员', role: 'duty_officer' },
    { username: 'liaison.th_yjt', displayName: '省应急厅联络员', role: 'liaison', unitId: 'th_yjt' },
  ]);
  duty = await server.login('duty');
  provinceDuty = await server.login('duty.test_henan', PROVINCE_PASSWORD);
  provinceSocket = await server.connect(provinceDuty);
  safetyLiaison = await server.connect(await server.login('liaison.th_yjt', PROVINCE_PASSWORD));
  xinyangCommander = await server.connect(await server.login('commander'));
});
afterAll(async () => server?.close());

describe('逐级上报 to a parent jurisdiction in the same deployment', () => {
  let cityIncident: string;
  let provinceIncident: string;

  it('the authority above is named after the parent and is a jurisdiction here', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '上报测试' }) });
    cityIncident = filed.body.id;
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${cityIncident}/obligations`, { token: duty })).body;
    expect(obligations.find((o: any) => o.key === 'ohs_general_superior_health').recipient).toEqual({
      kind: 'superior_health',
      name: '测试省卫生健康委员会',
      jurisdictionId: 'test_henan',
    });
    expect(obligations.find((o: any) => o.key === 'ohs_general_government').recipient.jurisdictionId).toBeNull();
  });

  it('reporting up creates the incoming incident there, routed by the province’s own rulebook; the province’s board gets it', async () => {
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${cityIncident}/obligations`, { token: duty })).body;
    const up = obligations.find((o: any) => o.key === 'ohs_general_superior_health');
    const headers = { 'idempotency-key': 'report-up-province-0001' };
    const submitted = await server.request('POST', `/api/v1/incidents/${cityIncident}/obligations/${up.id}/submit`, { token: duty, body: { method: 'system' }, headers });
    expect(submitted.status).toBe(200);
    provinceIncident = submitted.body.obligation.upstreamIncidentId;
    expect(provinceIncident).toMatch(/^inc_/);
    // Retried after a lost answer: the first record, and the province still has one incoming incident.
    const retried = await server.request('POST', `/api/v1/incidents/${cityIncident}/obligations/${up.id}/submit`, { token: duty, body: { method: 'system' }, headers });
    expect(retried.status).toBe(200);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual(submitted.body);
    const forwarded = await server.services.db.select({ id: incidents.id }).from(incidents).where(eq(incidents.jurisdictionId, 'test_henan'));
    expect(forwarded.map((i) => i.id)).toEqual([provinceIncident]);
    // The same key with another record is refused.
    expect((await server.request('POST', `/api/v1/incidents/${cityIncident}/obligations/${up.id}/submit`, { token: duty, body: { method: 'phone' }, headers })).status).toBe(409);

    const reported = await provinceSocket.waitFor((type, e) => type === 'incident.reported' && e.incidentId === provinceIncident);
    expect(reported.jurisdictionId).toBe('test_henan');
    expect(reported.data.incident.source).toMatchObject({ incidentId: cityIncident, jurisdictionId: 'xinyang', jurisdictionName: '信阳市' });
    expect(reported.data.incident.routing.map((r: any) => r.unitId).sort()).toEqual(['th_wjw', 'th_yjt']);
    const notified = await safetyLiaison.waitFor((type, e) => type === 'notification.created' && e.incidentId === provinceIncident);
    expect(notified.data.notification).toMatchObject({ unitId: 'th_yjt', role: 'support' });
    expect(notified.data.incident.title).toBe('【信阳市上报】上报测试');
    await xinyangCommander.waitFor((type, e) => type === 'incident.forwarded' && e.data.upstreamIncidentId === provinceIncident);
  });

  it('both incidents link to each other; the province sees the city’s facts and version history', async () => {
    const city = (await server.request('GET', `/api/v1/incidents/${cityIncident}`, { token: duty })).body;
    expect(city.upstream).toEqual([expect.objectContaining({ id: provinceIncident, jurisdictionId: 'test_henan', jurisdictionName: '测试省' })]);
    expect(city.downstream).toBeNull();
    const prov = (await server.request('GET', `/api/v1/incidents/${provinceIncident}`, { token: provinceDuty })).body;
    expect(prov.downstream).toMatchObject({ id: cityIncident, jurisdictionId: 'xinyang', versions: [{ version: 1, kind: 'initial', severity: 'general' }] });
    expect(prov.incident.casualties).toEqual(xinyangReport().casualties);
    expect(prov.incident.narrative).toBe(xinyangReport().narrative);
    // The province's own obligations: its government and, above a province, the national commission.
    expect(prov.obligations.filter((o: any) => o.regime === 'occupational_hazard_accident').map((o: any) => o.recipient.name).sort()).toEqual(['国家卫生健康委员会', '测试省人民政府']);
    // Each commission sees only its own incident in full.
    expect((await server.request('GET', `/api/v1/incidents/${provinceIncident}`, { token: duty })).status).toBe(404);
    expect((await server.request('GET', `/api/v1/incidents/${cityIncident}`, { token: provinceDuty })).status).toBe(404);
  });

  it('a raised severity reports to the provincial commission again: it links to the same incoming incident', async () => {
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '上报测试' });
    const follow = await server.request('POST', `/api/v1/incidents/${cityIncident}/reports`, {
      token: duty,
      body: { ...facts, kind: 'follow_up', casualties: { ...facts.casualties, deaths: 1 } },
    });
    expect(follow.body.severity).toBe('major');
    // The province's board hears of the 续报 on its own incident.
    const told = await provinceSocket.waitFor((type, e) => type === 'incident.source_updated' && e.incidentId === provinceIncident);
    expect(told.data).toMatchObject({ sourceIncidentId: cityIncident, version: 2, severity: 'major' });
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${cityIncident}/obligations`, { token: duty })).body;
    const provincial = obligations.find((o: any) => o.key === 'ohs_serious_provincial_health');
    expect(provincial.recipient.jurisdictionId).toBe('test_henan');
    const submitted = await server.request('POST', `/api/v1/incidents/${cityIncident}/obligations/${provincial.id}/submit`, {
      token: duty,
      body: { method: 'phone', reference: '省卫健委应急办' },
    });
    expect(submitted.body.obligation.upstreamIncidentId).toBe(provinceIncident);
    const city = (await server.request('GET', `/api/v1/incidents/${cityIncident}`, { token: duty })).body;
    expect(city.upstream).toHaveLength(1);
    const prov = (await server.request('GET', `/api/v1/incidents/${provinceIncident}`, { token: provinceDuty })).body;
    expect(prov.downstream.versions.map((v: any) => v.severity)).toEqual(['general', 'major']);
  });
});

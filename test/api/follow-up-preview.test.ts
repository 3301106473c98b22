/**
 * The 续报/终报 preview shows exactly what filing will do: after a commander reassigned a declined
 * unit's duty, the declined unit is left out and the unit it was reassigned to is in, in the
 * preview as in the notifications actually sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let duty: string;
let commander: string;
let hrss: string;
let market: string;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  commander = await server.login('commander');
  hrss = await unitIdByName(server, duty, 'xinyang', '人力资源');
  market = await unitIdByName(server, duty, 'xinyang', '市场监督');
});
afterAll(async () => {
  await server?.close();
});

describe('the follow-up preview after a reassignment', () => {
  it('leaves out the declined unit and includes the unit it was reassigned to, as filing does', async () => {
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '改派后续报预览' }) });
    expect(filed.status).toBe(201);
    const id = filed.body.id;
    const declined = filed.body.notifications.find((n: any) => n.unitId === hrss);
    expect(declined).toBeTruthy();
    expect(filed.body.routing.some((d: any) => d.unitId === market)).toBe(false);
    expect((await server.request('POST', `/api/v1/notifications/${declined.id}/decline`, { token: await server.login(`liaison.${hrss}`), body: { reason: '不属于本部门职责' } })).status).toBe(200);
    const resolved = await server.request('POST', `/api/v1/notifications/${declined.id}/resolve-decline`, {
      token: commander,
      body: { action: 'reassign', unitId: market, reason: '无照经营，由市场监管局查处' },
    });
    expect(resolved.status).toBe(200);

    const facts = xinyangReport({ title: '改派后续报预览', casualties: { exposed: 8, acuteCases: 5, severeCases: 1, deaths: 0, anthraxCases: 0 } });
    const preview = await server.request('POST', `/api/v1/routing/preview?incidentId=${id}`, { token: duty, body: facts });
    expect(preview.status).toBe(200);
    const previewUnits = preview.body.routing.map((d: any) => d.unitId).sort();
    expect(previewUnits).toContain(market);
    expect(previewUnits).not.toContain(hrss);
    expect(preview.body.excluded.find((x: any) => x.unitId === hrss).reason).toContain('改派');

    const { jurisdictionId: _j, receivedAt: _r, ...followUp } = facts;
    const sent = await server.request('POST', `/api/v1/incidents/${id}/reports`, { token: duty, body: { ...followUp, kind: 'follow_up' } });
    expect(sent.status).toBe(201);
    expect(sent.body.notifications.map((n: any) => n.unitId).sort()).toEqual(previewUnits);
    expect(sent.body.routing.map((d: any) => ({ unitId: d.unitId, role: d.role }))).toEqual(preview.body.routing.map((d: any) => ({ unitId: d.unitId, role: d.role })));
  });

  it('refuses to preview against an incident the caller cannot see', async () => {
    const res = await server.request('POST', '/api/v1/routing/preview?incidentId=inc_nobody', { token: duty, body: xinyangReport() });
    expect(res.status).toBe(404);
  });
});

/**
 * One report to a body meets every obligation to that body that it covers: the same government
 * appears once per regime, and one recorded phone call no longer leaves the twin open. The user
 * may pick which (default: all of them); only open obligations to the same recipient may be named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let duty: string;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
});
afterAll(async () => {
  await server?.close();
});

async function fileWithTwins(title: string) {
  // Deaths and cases bring several regimes, each with its own obligation to the same government.
  const body = xinyangReport({ title, casualties: { exposed: 30, acuteCases: 12, severeCases: 3, deaths: 1, anthraxCases: 0 } });
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body });
  expect(filed.status).toBe(201);
  const { obligations } = (await server.request('GET', `/api/v1/incidents/${filed.body.id}/obligations`, { token: duty })).body;
  const byRecipient = new Map<string, any[]>();
  for (const o of obligations.filter((x: any) => !x.informational)) byRecipient.set(o.recipient.name, [...(byRecipient.get(o.recipient.name) ?? []), o]);
  const twins = [...byRecipient.values()].find((list) => list.length > 1);
  expect(twins, 'one recipient with obligations under several regimes').toBeTruthy();
  return { id: filed.body.id as string, twins: twins! };
}

describe('one report to a recipient', () => {
  it('by default meets every open obligation to that recipient', async () => {
    const { id, twins } = await fileWithTwins('一次电话多项义务');
    const res = await server.request('POST', `/api/v1/incidents/${id}/obligations/${twins[0].id}/submit`, { token: duty, body: { method: 'phone', reference: '市政府总值班室' } });
    expect(res.status).toBe(200);
    expect(res.body.covered.map((o: any) => o.id).sort()).toEqual(twins.slice(1).map((o) => o.id).sort());
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${id}/obligations`, { token: duty })).body;
    for (const t of twins) expect(obligations.find((o: any) => o.id === t.id).state).toBe('submitted');
  });

  it('meets only the ones picked, and refuses an obligation to another recipient', async () => {
    const { id, twins } = await fileWithTwins('只报其中一项');
    const { obligations } = (await server.request('GET', `/api/v1/incidents/${id}/obligations`, { token: duty })).body;
    const elsewhere = obligations.find((o: any) => o.recipient.name !== twins[0].recipient.name);
    const wrong = await server.request('POST', `/api/v1/incidents/${id}/obligations/${twins[0].id}/submit`, { token: duty, body: { method: 'phone', covers: [elsewhere.id] } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors[0].field).toBe('covers');
    const only = await server.request('POST', `/api/v1/incidents/${id}/obligations/${twins[0].id}/submit`, { token: duty, body: { method: 'phone', covers: [] } });
    expect(only.status).toBe(200);
    expect(only.body.covered).toEqual([]);
    const after = (await server.request('GET', `/api/v1/incidents/${id}/obligations`, { token: duty })).body.obligations;
    expect(after.find((o: any) => o.id === twins[1].id).state).not.toBe('submitted');
  });
});

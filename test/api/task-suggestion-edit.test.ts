/**
 * A rulebook suggestion edited before it is given (another unit, another title) is a new task:
 * it carries neither the suggestion's id (the suggestion still reads as not given) nor its role
 * (the unit gets the role it really has in the incident). Taken as suggested, it stays the
 * suggestion given.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let commander: string;
let incidentId: string;
let routing: { unitId: string; role: string }[];
let suggestions: any[];

beforeAll(async () => {
  server = await startTestServer();
  const duty = await server.login('duty');
  commander = await server.login('commander');
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '建议任务改写' }) });
  expect(filed.status).toBe(201);
  incidentId = filed.body.id;
  routing = filed.body.routing;
  suggestions = (await server.request('GET', `/api/v1/incidents/${incidentId}/task-suggestions`, { token: commander })).body.suggestions;
  expect(suggestions.some((s) => s.role === 'lead')).toBe(true);
  await unitIdByName(server, duty, 'xinyang', '总工会');
});
afterAll(async () => {
  await server?.close();
});

describe('a task made from a suggestion', () => {
  it('edited to another unit and title, is a new task with the unit’s real role; the suggestion is still to give', async () => {
    const lead = suggestions.find((s) => s.role === 'lead')!;
    const other = routing.find((d) => d.role !== 'lead' && d.unitId !== lead.unitId)!;
    const res = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, {
      token: commander,
      body: { suggestionId: lead.id, unitId: other.unitId, title: '协助核查伤者用工情况' },
    });
    expect(res.status).toBe(201);
    expect(res.body.task).toMatchObject({ unitId: other.unitId, role: 'support', title: '协助核查伤者用工情况', suggestionId: null });
    const after = (await server.request('GET', `/api/v1/incidents/${incidentId}/task-suggestions`, { token: commander })).body.suggestions;
    expect(after.find((s: any) => s.id === lead.id).alreadyCreated).toBe(false);
  });

  it('taken as suggested, it is the suggestion given, with its role', async () => {
    const lead = suggestions.find((s) => s.role === 'lead')!;
    const res = await server.request('POST', `/api/v1/incidents/${incidentId}/tasks`, { token: commander, body: { suggestionId: lead.id } });
    expect(res.status).toBe(201);
    expect(res.body.task).toMatchObject({ unitId: lead.unitId, role: 'lead', suggestionId: lead.id });
    const after = (await server.request('GET', `/api/v1/incidents/${incidentId}/task-suggestions`, { token: commander })).body.suggestions;
    expect(after.find((s: any) => s.id === lead.id).alreadyCreated).toBe(true);
  });
});

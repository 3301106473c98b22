/**
 * A caller who may not see a thing gets 404, not 403 (spec §8): another unit's duty rota, another
 * jurisdiction's annual submissions, their export and the annual report. The authorisation matrix
 * accepts either; these pin the one the contract names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdByName } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let union: string;
let hrssL: string;
let ningdeCommander: string;

beforeAll(async () => {
  server = await startTestServer({ fixedClock: new Date('2026-11-23T01:00:00.000Z'), manualEngine: true });
  const duty = await server.login('duty');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  hrssL = await server.login(`liaison.${await unitIdByName(server, duty, 'xinyang', '人力资源')}`);
  ningdeCommander = await server.login('commander.ningde');
});
afterAll(async () => server?.close());

describe('what the caller may not see is not there', () => {
  it('another unit’s rota: 404 with problem+json; the caller’s own: 200', async () => {
    const other = await server.request('GET', `/api/v1/rota/units/${union}`, { token: hrssL });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
    const own = await server.request('GET', `/api/v1/rota/units/${union}`, { token: await server.login(`liaison.${union}`) });
    expect(own.status).toBe(200);
  });

  it.each(['/api/v1/annual-submissions', '/api/v1/annual-submissions/export', '/api/v1/reports/annual'])('another jurisdiction’s %s: 404', async (path) => {
    const other = await server.request('GET', `${path}?jurisdictionId=xinyang&year=2026`, { token: ningdeCommander });
    expect(other.status, JSON.stringify(other.body)).toBe(404);
    expect(other.headers.get('content-type')).toContain('application/problem+json');
  });
});

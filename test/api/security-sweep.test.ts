/** One authorisation sweep over the whole OpenAPI document: every operation that needs a session answers 401 without one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let operations: { method: string; path: string }[];

beforeAll(async () => {
  server = await startTestServer();
  const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
  operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => Array.isArray(op?.security) && op.security.length > 0)
      .map(([method]) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, 'x') })),
  );
});
afterAll(async () => server?.close());

describe('every operation that needs a session', () => {
  it('answers 401 problem+json without one, before looking at the input', async () => {
    expect(operations.length).toBeGreaterThan(30);
    for (const op of operations) {
      const res = await server.request(op.method, op.path, op.method === 'GET' ? {} : { body: {} });
      expect(res.status, `${op.method} ${op.path}`).toBe(401);
      expect(res.headers.get('content-type'), `${op.method} ${op.path}`).toContain('application/problem+json');
    }
  });

  it('includes the joint response: obligations, tasks, declines, the account and statistics', () => {
    const paths = operations.map((o) => `${o.method} ${o.path}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'POST /api/v1/incidents/x/obligations/x/submit',
        'POST /api/v1/incidents/x/tasks',
        'POST /api/v1/tasks/x/done',
        'POST /api/v1/notifications/x/resolve-decline',
        'GET /api/v1/incidents/x/account',
        'GET /api/v1/statistics',
      ]),
    );
  });
});

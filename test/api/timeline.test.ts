/**
 * The timeline is append-only: no route of the API can alter or delete an event, and the
 * database itself refuses to.
 */
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events } from '../../src/db/schema.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let duty: string;
let incidentId: string;

const snapshot = async () => JSON.stringify(await server.services.db.select().from(events).orderBy(asc(events.seq)));

beforeAll(async () => {
  // No engine: its poll takes the report's already-overdue obligations (events of their own) at a
  // moment of its choosing, and this file compares the whole log before and after.
  server = await startTestServer({ manualEngine: true });
  duty = await server.login('duty');
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '时间线只增不改' }) });
  incidentId = filed.body.id;
  const union = await unitIdByName(server, duty, 'xinyang', '总工会');
  const liaison = await server.login(`liaison.${union}`);
  const n = filed.body.notifications.find((x: any) => x.unitId === union);
  await server.request('POST', `/api/v1/notifications/${n.id}/acknowledge`, { token: liaison, body: { note: '已签收' } });
});
afterAll(async () => server?.close());

describe('the timeline is append-only', () => {
  it('no path of the OpenAPI document that mentions events offers PUT, PATCH or DELETE', async () => {
    const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
    const eventPaths = Object.entries<Record<string, any>>(doc.paths).filter(([path, ops]) => /event|timeline|时间线/i.test(path + JSON.stringify(ops)));
    expect(eventPaths.map(([p]) => p)).toContain('/api/v1/incidents/{id}/events');
    for (const [path, ops] of eventPaths) for (const method of ['put', 'patch', 'delete']) expect(ops[method], `${method} ${path}`).toBeUndefined();
  });

  it('PUT, PATCH and DELETE on every such path (and on one event under it) answer 404 or 405 and change nothing', async () => {
    const before = await snapshot();
    const [first] = await server.services.db.select({ seq: events.seq }).from(events).where(eq(events.incidentId, incidentId)).orderBy(asc(events.seq)).limit(1);
    const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
    const eventPaths = Object.entries<Record<string, any>>(doc.paths)
      .filter(([path, ops]) => /event|timeline|时间线/i.test(path + JSON.stringify(ops)))
      .map(([path]) => path.replace(/\{[^}]+\}/g, incidentId));
    const targets = eventPaths.flatMap((p) => [p, `${p}/${first!.seq}`, `${p}?afterSeq=0`]);
    const tokens = [duty, await server.login('commander'), await server.login('admin')];
    const answers: string[] = [];
    for (const path of targets)
      for (const method of ['PUT', 'PATCH', 'DELETE'])
        for (const token of tokens) {
          const res = await server.request(method, path, { token, body: { seq: first!.seq, type: 'incident.reported', data: { rewritten: true } } });
          answers.push(`${method} ${path} → ${res.status}`);
          expect([404, 405], `${method} ${path}`).toContain(res.status);
        }
    expect(answers.length).toBeGreaterThanOrEqual(27);
    expect(await snapshot()).toBe(before);
  });

  it('the database refuses to rewrite or delete an event, even from inside the server', async () => {
    const before = await snapshot();
    await expect(server.services.db.update(events).set({ type: 'rewritten' }).where(eq(events.incidentId, incidentId))).rejects.toThrow();
    await expect(server.services.db.delete(events).where(eq(events.incidentId, incidentId))).rejects.toThrow();
    await expect(server.services.db.execute(sql`update events set data = '{}'::jsonb where incident_id = ${incidentId}`)).rejects.toThrow();
    expect(await snapshot()).toBe(before);
  });
});

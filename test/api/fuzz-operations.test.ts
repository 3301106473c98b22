/**
 * Fuzz over every operation of the OpenAPI document, writes and reads (issue 8, "how it is checked"): malformed
 * bodies, path and query values (U+0000, lone surrogates, huge numbers, nulls, wrong types, years
 * 0000 and 9999) as authorised users. No answer is 5xx, every error is problem+json, and a refused
 * request writes nothing: every table (except the login bookkeeping) and the event log are the
 * same after it. Bounded in runs and in time.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const NOW = new Date('2026-11-23T01:00:00.000Z');

let server: TestServer;
let tokens: string[];
let operations: Operation[];
let ids: string[];
let tables: string[];

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
  template: Record<string, unknown>;
}

/**
 * Tables a refused request may still touch: failed logins are counted (login_limits) and kept as
 * their audit trail (login_failures), sessions are kept alive.
 */
const BOOKKEEPING = new Set(['sessions', 'login_limits', 'login_failures']);

const rows = (result: unknown): any[] => ((result as { rows?: any[] }).rows ?? (result as any[]));

async function databaseState(): Promise<string> {
  const parts = tables.map((t) => `SELECT '${t}' AS t, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${t}" x`);
  const result = rows(await server.services.db.execute(sql.raw(parts.join(' UNION ALL '))));
  return result.map((r) => `${r.t}:${r.h}`).join(' ');
}

function resolve(doc: any, schema: any): any {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++) s = s.$ref.split('/').slice(1).reduce((o: any, k: string) => o?.[k], doc);
  return s ?? {};
}

beforeAll(async () => {
  server = await startTestServer({ fixedClock: NOW, manualEngine: true });
  const duty = await server.login('duty');
  const commander = await server.login('commander');
  const unitId = await unitIdByName(server, duty, 'xinyang', '总工会');
  const liaison = await server.login(`liaison.${unitId}`);
  tokens = [commander, duty, liaison];

  // Real ids, so that some fuzzed requests reach the use cases behind the lookups.
  const incident = (await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '模糊测试事故' }) })).body;
  const detail = (await server.request('GET', `/api/v1/incidents/${incident.id}`, { token: commander })).body;
  const task = (
    await server.request('POST', `/api/v1/incidents/${incident.id}/tasks`, {
      token: commander,
      body: { unitId, role: 'support', title: '核实', description: '核实情况', dueAt: '2026-11-23T12:00:00+08:00' },
    })
  ).body.task;
  ids = [incident.id, task.id, unitId, 'xinyang', ...detail.notifications.map((n: any) => n.id), ...detail.obligations.map((o: any) => o.id)];

  const doc = (await server.request('GET', '/api/v1/openapi.json')).body;
  operations = Object.entries<Record<string, any>>(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      // Logging out ends the fuzzing user's own session; login and logout are covered elsewhere.
      .filter(([, op]) => path !== '/api/v1/auth/logout' && op)
      .map(([method, op]) => {
        const params: any[] = op.parameters ?? [];
        const body = resolve(doc, op.requestBody?.content?.['application/json']?.schema);
        const fields = Object.keys(body.properties ?? {});
        return {
          method: method.toUpperCase(),
          path,
          pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
          queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
          bodyFields: fields,
          template: fields.includes('narrative') ? xinyangReport() : {},
        };
      }),
  );

  const found = rows(await server.services.db.execute(sql.raw(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`)));
  tables = found.map((r) => r.table_name as string).filter((t) => !BOOKKEEPING.has(t)).sort();
});
afterAll(async () => server?.close());

const nastyStrings = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '',
  ' ',
  '0000-01-01T00:00:00Z',
  '0000-01-01T00:00:00+08:00',
  '9999-12-31T23:59:59+08:00',
  '1999-12-31T23:59:59+08:00',
  '2026-11-23T08:00:00+08:00',
  '2026-02-30T08:00:00+08:00',
  '1e400',
  'NaN',
  '-1',
  'null',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '＝1+1',
  '经'.repeat(6000),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyStrings,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(null, true, false, 0, -1, 1e308, -1e308, 2 ** 53 + 1, 1.5, -0, [], {}, [null], { a: '\u0000' }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);
const pathValue = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('%00', 'a%00', '%ED%A0%80', '%', '%zz', '..', 'x'.repeat(300), '0000-01-01', '-1', 'null', '%E2%80%AE') },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }).map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, ''))) },
);
const rawBodies = fc.constantFrom('null', '[]', '42', '"text"', 'true', '{', '{"a":', '\u0000', 'not json', '{"a":1}{"b":2}', '[[[[[[[[[[]]]]]]]]]]', '{"__proto__":{"x":1}}');

interface FuzzCase {
  token: number;
  op: number;
  pathValues: (string | null)[];
  query: [string, string][];
  body: { raw: string } | { fields: [string, unknown][]; keep: boolean; extra: [string, unknown][] };
}

const fuzzCase: fc.Arbitrary<FuzzCase> = fc.record({
  token: fc.nat(),
  op: fc.nat(),
  // null: a real id
  pathValues: fc.array(fc.option(pathValue, { freq: 2 }), { minLength: 3, maxLength: 3 }),
  query: fc.array(fc.tuple(fc.constantFrom('jurisdictionId', 'format', 'from', 'to', 'afterSeq', 'limit', 'open', 'incidentId', 'status', 'x', '%00', 'a\u0000'), fc.oneof(pathValue, fc.constantFrom('1e400', '99999999999999999999', '-0', 'csv', 'html', 'true', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59%2B08:00'))), { maxLength: 3 }),
  body: fc.oneof(
    { weight: 1, arbitrary: fc.record({ raw: rawBodies }) },
    {
      weight: 4,
      arbitrary: fc.record({
        fields: fc.array(fc.tuple(fc.nat(), nastyValue), { maxLength: 3 }).map((f) => f.map(([i, v]) => [String(i), v] as [string, unknown])),
        keep: fc.boolean(),
        extra: fc.array(fc.tuple(fc.constantFrom('x', '\u0000', '\ud800', 'constructor'), nastyValue), { maxLength: 1 }),
      }),
    },
  ),
});

function build(c: FuzzCase): { method: string; path: string; token: string; raw: string } {
  const op = operations[c.op % operations.length]!;
  let i = 0;
  const path = op.path.replace(/\{[^}]+\}/g, () => {
    const v = c.pathValues[i] ?? null;
    const real = ids[(c.op + i++) % ids.length]!;
    return v ?? real;
  });
  const query = c.query.length ? `?${c.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&')}` : '';
  let raw: string;
  if ('raw' in c.body) raw = c.body.raw;
  else {
    const body: Record<string, unknown> = c.body.keep ? structuredClone(op.template) : {};
    for (const [index, value] of c.body.fields) if (op.bodyFields.length) body[op.bodyFields[Number(index) % op.bodyFields.length]!] = value;
    for (const [key, value] of c.body.extra) body[key] = value;
    raw = JSON.stringify(body);
  }
  return { method: op.method, path: `${path}${query}`, token: tokens[c.token % tokens.length]!, raw };
}

describe('fuzzing every operation', () => {
  it('finds the operations, including every write: the report, the tasks, the users', () => {
    const names = operations.map((o) => `${o.method} ${o.path}`);
    expect(names.filter((n) => !n.startsWith('GET')).length).toBeGreaterThan(20);
    expect(names).toEqual(expect.arrayContaining(['POST /api/v1/incidents', 'POST /api/v1/incidents/{id}/tasks', 'PATCH /api/v1/admin/users/{id}']));
  });

  it('never answers 5xx, answers every error as problem+json, and a refused request writes nothing', async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        runs++;
        const request = build(c);
        const before = await databaseState();
        const url = new URL(server.url);
        const res = await fetch(`${url.origin}${request.path.startsWith('/') ? '' : '/'}${request.path}`, {
          method: request.method,
          headers: { authorization: `Bearer ${request.token}`, 'content-type': 'application/json' },
          body: request.method === 'GET' ? undefined : request.raw,
        }).catch((err) => {
          throw new Error(`${request.method} ${request.path}: ${err}`);
        });
        const text = await res.text();
        const what = `${request.method} ${request.path} ${request.raw.slice(0, 300)} → ${res.status} ${text.slice(0, 300)}`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers.get('content-type'), what).toContain('application/problem+json');
          expect(await databaseState(), `a refused request wrote: ${what}`).toBe(before);
        }
      }),
      // Bounded twice: in runs, and in time (an interrupted run passes with what it checked).
      { numRuns: 400, interruptAfterTimeLimit: 45_000, markInterruptAsFailure: false, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
    );
    expect(runs).toBeGreaterThan(20);
  }, 90_000);
});

/**
 * What an operator sees: a request id on every answer (a sane incoming one kept), one JSON access
 * line per request with no secret in it, /metrics scraped during real traffic (and refused without
 * its token), /readyz failing while due steps wait beyond the bound and passing once they are taken.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, logger, setLogger, type Logger } from '../../src/observability/logger.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const METRICS_TOKEN = 'metrics-token-for-the-test-0001';
let server: TestServer;
let previous: Logger;
const lines: any[] = [];

beforeAll(async () => {
  previous = logger;
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  setLogger(createLogger('info', sink));
  server = await startTestServer({ fixedClock: new Date('2026-11-23T01:00:00Z'), manualEngine: true, config: { metricsToken: METRICS_TOKEN } });
});
afterAll(async () => {
  await server?.close();
  setLogger(previous);
});

async function scrape(): Promise<string> {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = line.match(/^([a-z_]+)(\{([^}]*)\})? (\S+)$/);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[3] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[4]);
  }
  return undefined;
}

describe('request ids and the access log', () => {
  it('keeps a sane incoming X-Request-Id, replaces an unsafe one, and logs one line per request with it', async () => {
    const kept = await fetch(`${server.url}/api/v1/jurisdictions`, { headers: { 'x-request-id': 'edge-7f3a-0001', authorization: `Bearer ${await server.login('duty')}` } });
    expect(kept.headers.get('x-request-id')).toBe('edge-7f3a-0001');
    const replaced = await fetch(`${server.url}/healthz`, { headers: { 'x-request-id': 'bad id"<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const line = lines.find((l) => l.reqId === 'edge-7f3a-0001' && l.msg === 'request');
    expect(line).toMatchObject({ level: 'info', method: 'GET', route: '/api/v1/jurisdictions', path: '/api/v1/jurisdictions', status: 200, service: 'lianfang' });
    // A problem+json answer (401 here) carries the id too.
    const refused = await fetch(`${server.url}/api/v1/jurisdictions`, { headers: { 'x-request-id': 'edge-7f3a-0002' } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('x-request-id')).toBe('edge-7f3a-0002');
    expect(typeof line.ms).toBe('number');
  });

  it('never writes a password, a token or a one-tap link secret', async () => {
    const token = await server.login('duty');
    await server.request('POST', '/api/v1/auth/login', { body: { username: 'duty', password: 'wrong-password-123' } });
    await fetch(`${server.url}/a/secret-link-token-abc123`);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('lianfang-demo');
    expect(text).not.toContain('wrong-password-123');
    expect(text).not.toContain(token);
    expect(text).not.toContain('secret-link-token-abc123');
    expect(lines.some((l) => l.path === '/a/[redacted]')).toBe(true);
  });
});

describe('/metrics and /readyz', () => {
  it('is not public on the main port: no token, no metrics', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
  });

  it('exposes latency by route, open sockets, relay and engine lag, deliveries per channel and pool use', async () => {
    const duty = await server.login('duty');
    const socket = await server.connect(await server.login('commander'));
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '指标测试' }) });
    expect(filed.status).toBe(201);
    await socket.waitFor((type, e) => type === 'incident.reported' && e.incidentId === filed.body.id);
    const text = await scrape();
    expect(sample(text, 'lianfang_http_request_duration_seconds_count', { route: '/api/v1/incidents', method: 'POST', status: '201' })).toBe(1);
    expect(sample(text, 'lianfang_http_request_duration_seconds_bucket', { route: '/api/v1/incidents', method: 'POST', status: '201', le: '+Inf' })).toBe(1);
    expect(sample(text, 'lianfang_socketio_open_sockets')).toBe(1);
    expect(sample(text, 'lianfang_relay_lag_events')).toBe(0);
    expect(sample(text, 'lianfang_engine_lag_seconds')).toBe(0);
    expect(sample(text, 'lianfang_db_pool_connections', { state: 'max' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'lianfang_db_pool_connections', { state: 'active' })).toBeGreaterThanOrEqual(1);
    // Filing alone sends a dozen statements or more; the count only grows.
    const statements = sample(text, 'lianfang_db_statements_total');
    expect(statements).toBeGreaterThan(10);
    expect(sample(await scrape(), 'lianfang_db_statements_total')).toBeGreaterThanOrEqual(statements!);
    expect(text).toContain('# TYPE lianfang_deliveries gauge');
    // A made-up path is one label value, not one per path.
    await fetch(`${server.url}/api/v1/no/such/path/${Date.now()}`);
    const after = await scrape();
    expect(after).not.toContain('/no/such/path');
    expect(after).toMatch(/lianfang_http_requests_total\{route="[^"]*",method="GET",status="40\d"\}/);
    socket.close();
  });

  it('/readyz fails while due steps wait beyond the bound, and passes once the engine has taken them', async () => {
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // Two hours pass with the engine stopped: every acknowledgement timer of the report is overdue.
    server.clock!.advance(2 * 3_600_000);
    const late = await fetch(`${server.url}/readyz`);
    expect(late.status).toBe(503);
    const body = await late.json();
    expect(body.checks.find((c: any) => c.name === 'engine').ok).toBe(false);
    expect(Number(late.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(sample(await scrape(), 'lianfang_engine_lag_seconds')).toBeGreaterThan(120);
    while ((await server.engine.tick()).steps > 0);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status, JSON.stringify(await ready.clone().json())).toBe(200);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

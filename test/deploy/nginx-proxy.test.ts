/**
 * The shipped nginx example (deploy/nginx-lianfang.conf), run by Debian's nginx with TLS in front
 * of two Lianfang processes on one PostgreSQL database, used as browsers and phones would: over
 * WebSocket, over HTTP long-polling (which needs the sticky upstream), and from several client
 * addresses (127.0.0.2, 127.0.0.3, … are all this machine on Linux). nginx reaches the nodes from
 * 127.0.0.1, the only TRUSTED_PROXIES entry, and clients never use 127.0.0.1 themselves.
 *
 * PostgreSQL only: two processes cannot share one embedded PGlite folder, so on PGlite it skips.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { NGINX_EXAMPLE, nginxUnavailable, renderSite, selfSignedCertificate, startNginx, type Certificate, type RunningNginx } from '../support/nginx.js';
import { freePort } from '../support/ports.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { xinyangReport } from '../support/reports.js';

const skipped = !process.env.DATABASE_URL ? 'PostgreSQL only (DATABASE_URL): two nodes cannot share one PGlite folder' : nginxUnavailable();

let dir: string;
let database: TestDatabase;
let certificate: Certificate;
const nodes: ServerProcess[] = [];
const metricsPorts: number[] = [];
let proxy: RunningNginx;
let roundRobin: RunningNginx;
let edge: { https: number; http: number; roundRobinHttps: number };
const sockets: Socket[] = [];

beforeAll(async () => {
  if (skipped) return;
  dir = await mkdtemp(join(tmpdir(), 'lianfang-nginx-'));
  database = await createTestDatabase();
  certificate = await selfSignedCertificate(dir);
  edge = { https: await freePort(), http: await freePort(), roundRobinHttps: await freePort() };
  const nodePorts = [await freePort(), await freePort()];
  metricsPorts.push(await freePort(), await freePort());
  const env = (i: number) => ({
    DATABASE_URL: database.databaseUrl!,
    SEED_DEMO: 'true',
    PUBLIC_URL: `https://127.0.0.1:${edge.https}`,
    TRUSTED_PROXIES: '127.0.0.1',
    METRICS_PORT: String(metricsPorts[i]),
    // The access log: which client each node believed it served.
    LOG_LEVEL: 'info',
  });
  // Two nodes started together on an empty database (migrations run once, under a lock).
  nodes.push(...(await Promise.all(nodePorts.map((port, i) => spawnServer(env(i), port)))));

  const example = await readFile(NGINX_EXAMPLE, 'utf8');
  const site = (https: number, http: number, name: string, sticky: boolean) =>
    renderSite(example, { nodes: nodePorts.map((p) => `127.0.0.1:${p}`), httpPort: http, httpsPort: https, certificate, accessLog: join(dir, name, 'access.log'), sticky });
  proxy = await startNginx(join(dir, 'sticky'), site(edge.https, edge.http, 'sticky', true), edge.https);
  roundRobin = await startNginx(join(dir, 'round-robin'), site(edge.roundRobinHttps, await freePort(), 'round-robin', false), edge.roundRobinHttps);
}, 180_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await proxy?.stop();
  await roundRobin?.stop();
  await Promise.all(nodes.map((n) => n.stop()));
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: any;
}

/**
 * One HTTP(S) request from a given client address on this machine. `to` is nginx's HTTPS port
 * (the default), its plain HTTP port, or a node's own URL.
 */
function send(from: string, method: string, path: string, options: { to?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const target = new URL(path, options.to ?? `https://127.0.0.1:${edge.https}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers };
  const secure = target.protocol === 'https:';
  return new Promise((resolve, reject) => {
    const req = (secure ? httpsRequest : httpRequest)(
      target,
      { method, headers, localAddress: from, ...(secure ? { ca: certificate.pem } : {}), agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            /* HTML or plain text */
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
        });
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

async function login(from: string, username: string, password = DEMO_PASSWORD, options: { to?: string; headers?: Record<string, string> } = {}) {
  return send(from, 'POST', '/api/v1/auth/login', { ...options, body: { username, password } });
}

async function tokenFor(username: string, from = '127.0.0.2') {
  const res = await login(from, username);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.token as string;
}

/** A socket.io client through nginx from `from`, trusting the test's certificate. */
function openSocket(from: string, transports: ('websocket' | 'polling')[], options: { port?: number; auth?: Record<string, string>; headers?: Record<string, string> } = {}) {
  const agent = new Agent({ localAddress: from, ca: certificate.pem });
  const socket = io(`https://127.0.0.1:${options.port ?? edge.https}`, {
    transports,
    agent: agent as never,
    ca: certificate.pem,
    auth: options.auth,
    extraHeaders: options.headers,
    reconnection: false,
    forceNew: true,
  });
  sockets.push(socket);
  const received: { type: string; envelope: any }[] = [];
  socket.onAny((type: string, envelope: any, ack?: unknown) => {
    received.push({ type, envelope });
    if (typeof ack === 'function') (ack as () => void)();
  });
  const outcome = new Promise<{ connected: true } | { connected: false; reason: string }>((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { description?: unknown }) => resolve({ connected: false, reason: `${err.message} ${JSON.stringify(err.description ?? '')}` }));
  });
  return { socket, received, outcome };
}

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Client addresses spread over 127.0.0.0/8 (all this machine), so the upstream hash spreads them. */
const clientAddress = (n: number) => `127.${((n * 37 + 11) % 250) + 1}.${((n * 101 + 7) % 250) + 1}.${((n * 59 + 3) % 250) + 1}`;

const nodeOutput = () => nodes.map((n) => n.output()).join('\n');
/** The node's access-log line for a request id (the edge's $request_id), parsed. */
const accessLine = (reqId: string) =>
  nodeOutput()
    .split('\n')
    .filter((l) => l.includes(`"reqId":"${reqId}"`) && l.includes('"msg":"request"'))
    .map((l) => JSON.parse(l) as { client: string; status: number });
async function openSocketsPerNode(): Promise<number[]> {
  return Promise.all(
    metricsPorts.map(async (port) => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return Number(/^lianfang_socketio_open_sockets (\d+)/m.exec(text)![1]);
    }),
  );
}

describe.skipIf(!!skipped)(`nginx (deploy/nginx-lianfang.conf) with TLS in front of two nodes${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  it('serves the app over HTTPS, redirects plain HTTP to HTTPS and keeps /metrics private', async () => {
    const page = await send('127.0.0.2', 'GET', '/login');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<html');
    expect(page.headers['strict-transport-security']).toContain('max-age=');
    const plain = await send('127.0.0.2', 'GET', '/login', { to: `http://127.0.0.1:${edge.http}` });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toMatch(/^https:\/\/[^/]+\/login$/);
    expect((await send('127.0.0.2', 'GET', '/metrics')).status).toBe(404);
  });

  it('upgrades sockets to WebSocket through nginx, spreads clients over both nodes, and a report filed through one reaches every socket', async () => {
    const token = await tokenFor('commander');
    // Clients from ever more addresses until both nodes hold some (the hash decides which node).
    const clients: ReturnType<typeof openSocket>[] = [];
    let perNode: number[] = [];
    for (let batch = 0; batch < 8; batch++) {
      const opened = Array.from({ length: 6 }, (_, i) => openSocket(clientAddress(batch * 6 + i), ['websocket'], { auth: { token } }));
      for (const c of opened) expect(await c.outcome).toEqual({ connected: true });
      clients.push(...opened);
      perNode = await openSocketsPerNode();
      if (perNode.every((n) => n > 0)) break;
    }
    for (const c of clients) expect(c.socket.io.engine.transport.name).toBe('websocket');
    expect(perNode.reduce((a, b) => a + b, 0)).toBe(clients.length);
    expect(perNode.every((n) => n > 0), `sockets per node: ${perNode}`).toBe(true);

    const filed = await send('127.0.0.3', 'POST', '/api/v1/incidents', { headers: { authorization: `Bearer ${await tokenFor('duty', '127.0.0.3')}` }, body: xinyangReport({ title: '代理-WebSocket' }) });
    expect(filed.status).toBe(201);
    const reported = (c: (typeof clients)[number]) => c.received.some((r) => r.type === 'incident.reported' && JSON.stringify(r.envelope).includes('代理-WebSocket'));
    await waitUntil('the report on every socket, on both nodes', () => clients.every(reported));
    for (const c of clients) c.socket.close();
  });

  it('the polling fallback works through the sticky upstream, and fails without it ("Session ID unknown")', async () => {
    const token = await tokenFor('commander');
    const polling = openSocket('127.0.0.30', ['polling'], { auth: { token } });
    expect(await polling.outcome).toEqual({ connected: true });
    expect(polling.socket.io.engine.transport.name).toBe('polling');
    const filed = await send('127.0.0.3', 'POST', '/api/v1/incidents', { headers: { authorization: `Bearer ${await tokenFor('duty', '127.0.0.3')}` }, body: xinyangReport({ title: '代理-长轮询' }) });
    expect(filed.status).toBe(201);
    await waitUntil('the report over long-polling', () => polling.received.some((r) => r.type === 'incident.reported' && JSON.stringify(r.envelope).includes('代理-长轮询')));
    // Same configuration without the `hash` line: nginx alternates the nodes, the second request
    // of the session reaches the node that never saw it.
    const unsticky = openSocket('127.0.0.30', ['polling'], { auth: { token }, port: edge.roundRobinHttps });
    expect((await unsticky.outcome).connected).toBe(false);
    const refused = /"(GET|POST) \/socket\.io\/\?[^"]*sid=[^"]*" 400 /;
    await waitUntil('the refused poll in the access log', async () => refused.test(await readFile(join(roundRobin.dir, 'access.log'), 'utf8')));
    const roundRobinLog = await readFile(join(roundRobin.dir, 'access.log'), 'utf8');
    expect(roundRobinLog).toMatch(/"(GET|POST) \/socket\.io\/\?[^"]*sid=[^"]*" 400 /);
    polling.socket.close();
  });

  it('believes X-Forwarded-For from nginx (each client is limited on its own), never from a client', async () => {
    // Through nginx: an attacker at 127.0.0.40 forging a new address each try is still 127.0.0.40.
    const guesses: number[] = [];
    for (let i = 0; i < 6; i++) guesses.push((await login('127.0.0.40', 'duty.licheng', `guess-${i}`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
    expect(guesses).toEqual([401, 401, 401, 401, 401, 429]);
    // The real officer at another address is not locked out by it.
    const real = await login('127.0.0.41', 'duty.licheng');
    expect(real.status).toBe(200);
    // Each node logged the client nginx saw, under the edge's request id.
    const reqId = real.headers['x-request-id'] as string;
    expect(reqId).toMatch(/^[0-9a-f]{32}$/);
    // Both logs are written after the answer.
    await waitUntil('the node access-log line', () => accessLine(reqId).length > 0);
    expect(accessLine(reqId)).toEqual([expect.objectContaining({ client: '127.0.0.41', status: 200 })]);
    await waitUntil('the nginx access-log line', async () => (await readFile(join(proxy.dir, 'access.log'), 'utf8')).includes(reqId));
    expect(await readFile(join(proxy.dir, 'access.log'), 'utf8')).toMatch(new RegExp(`^127\\.0\\.0\\.41 .*rid=${reqId} upstream=127\\.0\\.0\\.1:\\d+`, 'm'));

    // Straight to a node from an address that is not TRUSTED_PROXIES: the forged header is ignored.
    const direct: number[] = [];
    for (let i = 0; i < 6; i++)
      direct.push((await login('127.0.0.42', 'duty.anji', `guess-${i}`, { to: nodes[i % 2]!.url, headers: { 'x-forwarded-for': `203.0.113.${i}` } })).status);
    expect(direct).toEqual([401, 401, 401, 401, 401, 429]);
    const forged = await login('127.0.0.43', 'duty.anji', DEMO_PASSWORD, { to: nodes[0]!.url, headers: { 'x-forwarded-for': '127.0.0.41', 'x-request-id': 'forged-direct-1' } });
    expect(forged.status).toBe(200);
    await waitUntil('the node access-log line', () => accessLine('forged-direct-1').length > 0);
    expect(accessLine('forged-direct-1')).toEqual([expect.objectContaining({ client: '127.0.0.43' })]);
  });

  it('sets the Secure cookie through the HTTPS proxy, and that cookie opens a socket through it', async () => {
    const viaProxy = await login('127.0.0.50', 'commander');
    const cookie = (viaProxy.headers['set-cookie'] ?? []).find((c) => c.startsWith('lianfang_session='))!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    // A client claiming HTTPS straight to a node is not believed.
    const direct = await login('127.0.0.51', 'commander', DEMO_PASSWORD, { to: nodes[1]!.url, headers: { 'x-forwarded-proto': 'https' } });
    const directCookie = (direct.headers['set-cookie'] ?? []).find((c) => c.startsWith('lianfang_session='))!;
    expect(directCookie).toMatch(/^lianfang_session=/);
    expect(directCookie).not.toMatch(/;\s*Secure/i);

    const browser = openSocket('127.0.0.50', ['websocket'], { headers: { cookie: cookie.split(';')[0]!, origin: `https://127.0.0.1:${edge.https}` } });
    expect(await browser.outcome).toEqual({ connected: true });
    const elsewhere = openSocket('127.0.0.50', ['websocket'], { headers: { cookie: cookie.split(';')[0]!, origin: 'https://elsewhere.example' } });
    expect((await elsewhere.outcome).connected).toBe(false);
    browser.socket.close();
  });

  it('nginx logged no errors of its own', async () => {
    expect(await proxy.errors()).not.toMatch(/\[(emerg|alert|crit)\]/);
  });
});

/**
 * The session cookie is believed only from the service's own pages (socket handshake and
 * state-changing REST alike); forwarded headers only from trusted proxies; API answers are never
 * cached; the CSP lets pages connect to their own origin only.
 */
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let cookie: string;
let token: string;

beforeAll(async () => {
  server = await startTestServer({ config: { allowedOrigins: 'https://lianfang.example.gov.cn' } });
  const res = await fetch(`${server.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'liaison.xy_zgh', password: DEMO_PASSWORD }),
  });
  token = ((await res.json()) as { token: string }).token;
  cookie = res.headers.getSetCookie().find((c) => c.startsWith('lianfang_session='))!.split(';')[0]!;
});
afterAll(async () => server?.close());

/** Opens a socket with the browser's cookie and the given Origin; answers how the handshake ended. */
function handshake(headers: Record<string, string>, auth?: Record<string, string>): Promise<{ connected: boolean; status?: number }> {
  const socket = io(server.url, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: headers, auth });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve({ connected: true });
    });
    socket.once('connect_error', (err: Error & { data?: { status?: number } }) => {
      socket.close();
      resolve({ connected: false, status: err.data?.status });
    });
  });
}

describe('the socket handshake checks Origin before it believes the cookie', () => {
  it('a page on another port of the same host is refused with 403', async () => {
    const other = new URL(server.url);
    other.port = String(Number(other.port) + 1);
    expect(await handshake({ cookie, origin: other.origin })).toEqual({ connected: false, status: 403 });
  });

  it('Origin null, a malformed origin and an origin with a path are refused, and the server stays up', async () => {
    for (const origin of ['null', 'http://', 'not a url', `${server.url}/m`, 'file://'])
      expect(await handshake({ cookie, origin }), origin).toEqual({ connected: false, status: 403 });
    expect((await server.request('GET', '/healthz')).status).toBe(200);
  });

  it('the service’s own origin, a configured one and a request without Origin are accepted', async () => {
    expect(await handshake({ cookie, origin: server.url })).toEqual({ connected: true });
    expect(await handshake({ cookie, origin: 'https://lianfang.example.gov.cn' })).toEqual({ connected: true });
    expect(await handshake({ cookie })).toEqual({ connected: true });
  });

  it('a bearer token (not sent by the browser on its own) is not an ambient credential: no Origin check', async () => {
    expect(await handshake({ origin: 'http://elsewhere.example' }, { token })).toEqual({ connected: true });
  });
});

describe('state-changing REST with the cookie', () => {
  const logout = (headers: Record<string, string>) => server.request('POST', '/api/v1/auth/logout', { headers: { cookie, ...headers } });

  it('Origin null or malformed is 403 problem+json, never 500', async () => {
    for (const origin of ['null', 'http://', '::']) {
      const res = await logout({ origin });
      expect(res.status, origin).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('another origin is 403; a cross-site fetch without Origin but with Sec-Fetch-Site is 403', async () => {
    expect((await logout({ origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await logout({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('the session survives the refused attempts', async () => {
    expect((await server.request('GET', '/api/v1/auth/me', { headers: { cookie } })).status).toBe(200);
  });
});

describe('answers', () => {
  it('every API answer carries Cache-Control: no-store, errors included', async () => {
    for (const res of [
      await server.request('GET', '/api/v1/auth/me', { token }),
      await server.request('GET', '/api/v1/auth/me'),
      await server.request('GET', '/api/v1/no-such-thing', { token }),
      await server.request('GET', '/api/v1/jurisdictions', { token }),
    ])
      expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('the CSP lets pages connect to their own origin only, not to any ws:/wss: host', async () => {
    const res = await fetch(`${server.url}/login`);
    const csp = res.headers.get('content-security-policy')!;
    const connect = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self'");
  });
});

describe('the session cookie is Secure when the client came over HTTPS', () => {
  const login = (on: TestServer, headers: Record<string, string>) =>
    fetch(`${on.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'commander', password: DEMO_PASSWORD }),
    });

  let proxied: TestServer;
  beforeAll(async () => {
    proxied = await startTestServer({ config: { trustedProxies: '127.0.0.1,::1' } });
  });
  afterAll(async () => proxied?.close());
  const sessionCookie = (res: Response) => res.headers.getSetCookie().find((c) => c.startsWith('lianfang_session='))!;

  it('behind a trusted TLS-terminating proxy (X-Forwarded-Proto: https) it is Secure', async () => {
    const res = await login(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(sessionCookie(res)).toMatch(/;\s*Secure/i);
    const plain = await login(proxied, { 'x-forwarded-proto': 'http' });
    expect(sessionCookie(plain)).not.toMatch(/;\s*Secure/i);
  });

  it('from a peer that is not a trusted proxy, X-Forwarded-Proto is not believed', async () => {
    const res = await login(server, { 'x-forwarded-proto': 'https' });
    expect(sessionCookie(res)).toMatch(/lianfang_session=/);
    expect(sessionCookie(res)).not.toMatch(/;\s*Secure/i);
  });
});

describe('the client address', () => {
  it('without a trusted proxy, X-Forwarded-For is no way around the login limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `192.0.2.${i}` },
        body: JSON.stringify({ username: 'duty.licheng', password: `guess-${i}` }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });
});

/** Starts the real server (HTTP + socket.io) on a free port with a fresh database, for one test file. */
import { io, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../src/server.js';
import { DEMO_PASSWORD } from '../../src/seed/demo.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { pgliteSnapshot } from './pglite-snapshot.js';
import type { ChannelAdapters } from '../../src/engine/dispatcher.js';
import type { Config } from '../../src/config.js';
import type { PushEndpointPolicy } from '../../src/domain/push-endpoints.js';
import type { RelayOptions } from '../../src/realtime/event-relay.js';

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestServer extends RunningServer {
  request<T = any>(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<HttpAnswer<T>>;
  login(username: string, password?: string): Promise<string>;
  connect(token: string, options?: { autoResume?: boolean }): Promise<TestSocket>;
  /** Lets the test move time forward. */
  clock: { now: Date; advance(ms: number): void } | null;
}

export interface TestSocket {
  socket: Socket;
  /** Every event received live, in order. */
  received: { type: string; envelope: any }[];
  waitFor(predicate: (type: string, envelope: any) => boolean, timeoutMs?: number): Promise<any>;
  emitWithAck<T = any>(event: string, payload: unknown): Promise<T>;
  close(): void;
}

export interface TestServerOptions {
  fixedClock?: Date;
  /** Channel adapters to use instead of the real ones (e.g. a recording fake). */
  adapters?: ChannelAdapters;
  /** Leave the engine stopped so the test drives it with `engine.tick()`. */
  manualEngine?: boolean;
  /** Reuse a database (restart tests); it is then not dropped on close. */
  database?: TestDatabase;
  dataDir?: string;
  /** Settings beyond the defaults (e.g. trustedProxies, allowedOrigins). */
  config?: Partial<Config>;
  /** Which push endpoints the server accepts (tests with a local fake push service pass LOCAL_PUSH_SERVICE). */
  pushEndpoints?: PushEndpointPolicy;
  /** Relay settings (e.g. a poll so slow that only NOTIFY can deliver in time). */
  relay?: RelayOptions;
  /** The milliseconds sockets' message budgets refill by (a test holds it still to count exactly). */
  loadClock?: () => number;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const clockState = options.fixedClock
    ? {
        now: options.fixedClock,
        advance(ms: number) {
          this.now = new Date(this.now.getTime() + ms);
        },
      }
    : null;
  // A file's own in-memory database starts from the suite's migrated, seeded copy (PGlite only).
  const seeded = options.config?.seedDemo !== false;
  const snapshot = ownDatabase && seeded && !database.databaseUrl && !options.dataDir ? await pgliteSnapshot() : undefined;
  const server = await startServer({
    pgliteSnapshot: snapshot,
    config: {
      port: 0,
      host: '127.0.0.1',
      databaseUrl: database.databaseUrl,
      dataDir: options.dataDir ?? database.dataDir,
      seedDemo: true,
      databasePool: 5,
      ...options.config,
    },
    clock: clockState ? () => clockState.now : undefined,
    log: () => {},
    adapters: options.adapters,
    engineAutoStart: !options.manualEngine,
    pushEndpoints: options.pushEndpoints,
    relay: options.relay,
    loadClock: options.loadClock,
    // Links must point at the origin the browser uses, or the service worker's fetch is cross-origin.
    linksAtListenAddress: true,
  });
  const sockets: Socket[] = [];

  const request: TestServer['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    if (opts.raw !== undefined) headers['content-type'] ??= 'application/json';
    const res = await fetch(server.url + path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, headers: res.headers, body: parsed as any };
  };

  const connect: TestServer['connect'] = async (token) => {
    const socket = io(server.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    sockets.push(socket);
    const received: TestSocket['received'] = [];
    const waiters: { predicate: (t: string, e: any) => boolean; resolve: (e: any) => void }[] = [];
    socket.onAny((type: string, envelope: any, ack?: unknown) => {
      received.push({ type, envelope });
      if (typeof ack === 'function') (ack as () => void)();
      for (const w of [...waiters])
        if (w.predicate(type, envelope)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(envelope);
        }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    return {
      socket,
      received,
      // Generous: a wait only ends early when the event comes, so a slow machine costs time, never a failure.
      waitFor(predicate, timeoutMs = 15_000) {
        const found = received.find((r) => predicate(r.type, r.envelope));
        if (found) return Promise.resolve(found.envelope);
        return new Promise((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('timed out waiting for a socket event')), timeoutMs);
          waiters.push({ predicate, resolve: (e) => (clearTimeout(timer), resolve(e)) });
        });
      },
      emitWithAck: (event, payload) => socket.timeout(15_000).emitWithAck(event, payload),
      close: () => socket.close(),
    };
  };

  return {
    ...server,
    clock: clockState,
    request,
    connect,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request('POST', '/api/v1/auth/login', { body: { username, password } });
      if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.token as string;
    },
    async close() {
      for (const s of sockets) s.close();
      await server.close();
      if (ownDatabase) await database.drop();
    },
  };
}

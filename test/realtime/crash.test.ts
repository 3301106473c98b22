/**
 * The server process dies after a report commits and before any notification is delivered.
 * After a restart, every liaison's socket has each notification exactly once, and the duty
 * officer's retry with the same Idempotency-Key finds the first incident.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { freePort } from '../support/ports.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { xinyangReport } from '../support/reports.js';

let database: TestDatabase;
let dataDir: string;
let running: ServerProcess | undefined;
const sockets: Socket[] = [];

afterAll(async () => {
  for (const s of sockets) s.close();
  await running?.stop();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function post(url: string, path: string, body: unknown, token?: string, headers: Record<string, string> = {}) {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

interface Liaison {
  username: string;
  unitId: string;
  notifications: string[];
  lastSeq: number;
}

describe('a crash between commit and delivery', () => {
  it('loses nothing and duplicates nothing', async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'lianfang-crash-'));
    const port = await freePort();
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'true', ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}) };
    running = await spawnServer({ ...env, LIANFANG_FAULT: 'exit-before-delivery' }, port);
    const url = running.url;

    const duty = (await post(url, '/api/v1/auth/login', { username: 'duty', password: 'lianfang-demo' })).body.token;
    const preview = await post(url, '/api/v1/routing/preview', xinyangReport(), duty);
    const liaisons: Liaison[] = [];
    for (const row of preview.body.routing.filter((r: any) => r.role !== 'inform')) {
      const username = `liaison.${row.unitId}`;
      const token = (await post(url, '/api/v1/auth/login', { username, password: 'lianfang-demo' })).body.token;
      const inbox = await (await fetch(`${url}/api/v1/inbox`, { headers: { authorization: `Bearer ${token}` } })).json();
      const liaison: Liaison = { username, unitId: row.unitId, notifications: [], lastSeq: inbox.lastSeq };
      liaisons.push(liaison);
      const socket = io(url, { auth: { token }, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300 });
      sockets.push(socket);
      const take = (e: any) => {
        if (e.seq <= liaison.lastSeq) return;
        liaison.lastSeq = e.seq;
        if (e.type === 'notification.created') liaison.notifications.push(e.data.notification.id);
      };
      socket.onAny((type: string, e: any, ack?: () => void) => {
        ack?.();
        take(e);
      });
      // On every (re)connection, ask for what was missed: the client's half of exactly-once.
      // A resume the crash cuts off is asked again at the next connection.
      socket.on('connect', async () => {
        const answer = await socket
          .timeout(5000)
          .emitWithAck('resume', { afterSeq: liaison.lastSeq })
          .catch(() => null);
        for (const e of answer?.events ?? []) take(e);
      });
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    }
    expect(liaisons.length).toBeGreaterThanOrEqual(3);

    // The report commits; the server dies before the relay delivers anything.
    const key = { 'idempotency-key': 'crash-test-report-1' };
    const attempt = await post(url, '/api/v1/incidents', xinyangReport({ title: '崩溃测试' }), duty, key).catch(() => null);
    expect(await running.exited).toBe(86);
    expect(liaisons.every((l) => l.notifications.length === 0)).toBe(true);

    running = await spawnServer(env, port);
    // The duty officer's client retries with the same key and gets the first incident back.
    const retry = await post(url, '/api/v1/incidents', xinyangReport({ title: '崩溃测试' }), duty, key);
    expect(retry.status).toBe(201);
    if (attempt) expect(retry.body.id).toBe(attempt.body.id);

    const deadline = Date.now() + 15_000;
    while (liaisons.some((l) => l.notifications.length === 0) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    for (const l of liaisons) expect(l.notifications, l.username).toHaveLength(1);

    const list = await (await fetch(`${url}/api/v1/incidents`, { headers: { authorization: `Bearer ${duty}` } })).json();
    expect(list.incidents.filter((i: any) => i.title === '崩溃测试')).toHaveLength(1);
    const filedIds = new Set(retry.body.notifications.map((n: any) => n.id));
    for (const l of liaisons) expect(filedIds.has(l.notifications[0])).toBe(true);
  }, 120_000);
});

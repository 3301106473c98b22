/**
 * Two app instances on one PostgreSQL database: a session ended on node A (a password change, an
 * administrator deactivating a person, a role or unit change) or from the command line closes that
 * person's sockets on node B at once — through the control row in the event log that B's relay
 * reads — without waiting for any later event. A session the change itself hands out (the person's own password change) keeps
 * its socket on B, even when B's relay reaches the change only after that socket opened.
 * PostgreSQL only: PGlite is one process's memory and cannot be shared by two nodes.
 */
import { execFile } from 'node:child_process';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { addLiaison } from '../support/users.js';

const onPostgres = !!process.env.DATABASE_URL;

let database: TestDatabase;
let a: TestServer;
let b: TestServer;
let adminOnA: string;
let dutyOnA: string;
let union: string;

const disconnected = (s: TestSocket) =>
  new Promise<string>((resolve) => (s.socket.connected ? s.socket.once('disconnect', (reason) => resolve(reason)) : resolve('already')));

/** `npm run lianfang` on the nodes' database, as an operator would run it. */
function lianfang(args: string[]): Promise<{ code: number; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: database.databaseUrl!, SEED_DEMO: 'false', LOG_LEVEL: 'warn' };
  return new Promise((resolve) => {
    const child = execFile('npm', ['run', '-s', 'lianfang', '--', ...args], { env, timeout: 120_000 }, (err, _stdout, stderr) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }),
    );
    child.stdin!.end();
  });
}

async function idOf(server: TestServer, token: string): Promise<string> {
  return (await server.request('GET', '/api/v1/auth/me', { token })).body.id;
}

describe.skipIf(!onPostgres)('ending a session on node A closes its sockets on node B (PostgreSQL: two nodes cannot share one PGlite)', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestServer({ database });
    b = await startTestServer({ database });
    adminOnA = await a.login('admin');
    dutyOnA = await a.login('duty');
    union = await unitIdByName(a, dutyOnA, 'xinyang', '总工会');
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  it('a password change on A closes every socket of the person on B, with nothing else happening', async () => {
    const phone = await addLiaison(a, 'liaison.pw.changer', 'xinyang', union);
    const desk = await b.login('liaison.pw.changer', 'second-liaison-pw');
    const sockets = [await b.connect(phone), await b.connect(desk)];
    const closed = sockets.map(disconnected);
    const changed = await a.request('POST', '/api/v1/auth/password', { token: phone, body: { currentPassword: 'second-liaison-pw', newPassword: 'a-much-better-passphrase-7' } });
    expect(changed.status).toBe(200);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const s of sockets) expect(s.received.map((r) => r.type)).toContain('session.ended');
  });

  it('an administrator deactivating a liaison on A closes the liaison’s socket on B, which gets no later notification', async () => {
    const token = await addLiaison(a, 'liaison.pw.deactivated', 'xinyang', union);
    const socket = await b.connect(token);
    const closed = disconnected(socket);
    expect((await a.request('PATCH', `/api/v1/admin/users/${await idOf(a, token)}`, { token: adminOnA, body: { active: false } })).status).toBe(200);
    expect(await closed).toBe('io server disconnect');
    const filed = await a.request('POST', '/api/v1/incidents', { token: dutyOnA, body: xinyangReport({ title: '停用后跨节点' }) });
    expect(filed.status).toBe(201);
    expect(socket.received.some((r) => r.envelope?.incidentId === filed.body.id)).toBe(false);
    await expect(b.connect(token)).rejects.toThrow(/unauthorized/);
  });

  it('a role change and a unit change on A close the person’s sockets on B', async () => {
    const propaganda = await unitIdByName(a, dutyOnA, 'xinyang', '宣传部');
    const promoted = await addLiaison(a, 'liaison.pw.promoted', 'xinyang', union);
    const moved = await addLiaison(a, 'liaison.pw.moved', 'xinyang', union);
    const promotedSocket = await b.connect(promoted);
    const movedSocket = await b.connect(moved);
    const closed = [disconnected(promotedSocket), disconnected(movedSocket)];
    await a.request('PATCH', `/api/v1/admin/users/${await idOf(a, promoted)}`, { token: adminOnA, body: { role: 'unit_head' } });
    await a.request('PATCH', `/api/v1/admin/users/${await idOf(a, moved)}`, { token: adminOnA, body: { unitId: propaganda } });
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
  });

  it('a password reset from the command line, on no node, closes the person’s sockets on both nodes', async () => {
    const onA = await a.connect(await addLiaison(a, 'liaison.pw.cli', 'xinyang', union));
    const onB = await b.connect(await b.login('liaison.pw.cli', 'second-liaison-pw'));
    const closed = [disconnected(onA), disconnected(onB)];
    const reset = await lianfang(['reset-password', 'liaison.pw.cli']);
    expect(reset.code, reset.stderr).toBe(0);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
  });

  it('the socket a person opens on B with the session their password change gave them stays open when B’s relay reaches the change later', async () => {
    const old = await addLiaison(a, 'liaison.pw.fast', 'xinyang', union);
    const oldSocket = await b.connect(old);
    const oldClosed = disconnected(oldSocket);
    // An open transaction that holds an id keeps every relay behind it (the settled head), so B
    // reaches the change only after the new socket has opened — as on a busy node.
    const holder = postgres(database.databaseUrl!, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const transaction = holder.begin(async (tx) => {
      await tx`select pg_current_xact_id()`;
      holding();
      await released;
    });
    try {
      await held;
      const changed = await a.request('POST', '/api/v1/auth/password', { token: old, body: { currentPassword: 'second-liaison-pw', newPassword: 'a-much-better-passphrase-8' } });
      expect(changed.status).toBe(200);
      const fresh = await b.connect(changed.body.token);
      expect(oldSocket.socket.connected).toBe(true);
      release();
      await transaction;
      expect(await oldClosed).toBe('io server disconnect');
      // B's relay is past the change: a later notification reaches the new socket, still open.
      const filed = await a.request('POST', '/api/v1/incidents', { token: dutyOnA, body: xinyangReport({ title: '改密后的新连接' }) });
      await fresh.waitFor((t, e) => t === 'notification.created' && e.incidentId === filed.body.id);
      expect(fresh.socket.connected).toBe(true);
      expect(fresh.received.map((r) => r.type)).not.toContain('session.ended');
    } finally {
      release();
      await transaction.catch(() => {});
      await holder.end();
    }
  });
});

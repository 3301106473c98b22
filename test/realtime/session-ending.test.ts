/**
 * Ending a session ends its sockets at once: logging out, deactivating a person, moving a person
 * to another unit or changing a role. Nothing committed after the change reaches the old socket,
 * and `resume` re-checks the session before it answers — on every node sharing the database.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../../src/db/schema.js';
import { activeSessionActors } from '../../src/services/auth/sessions.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { startTestServer, type TestServer, type TestSocket } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';
import { addLiaison } from '../support/users.js';

let server: TestServer;
let duty: string;
let admin: string;
let union: string;
let watcher: TestSocket;

beforeAll(async () => {
  server = await startTestServer();
  duty = await server.login('duty');
  admin = await server.login('admin');
  union = await unitIdByName(server, duty, 'xinyang', '总工会');
  watcher = await server.connect(await server.login('commander'));
});
afterAll(async () => server?.close());

const disconnected = (s: TestSocket) =>
  new Promise<string>((resolve) => (s.socket.connected ? s.socket.once('disconnect', (reason) => resolve(reason)) : resolve('already')));

/** Files a report and waits until a socket that still may see it has it, so the relay is past it. */
async function fileAndRelay(title: string): Promise<string> {
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }) });
  expect(filed.status).toBe(201);
  await watcher.waitFor((t, e) => t === 'incident.reported' && e.incidentId === filed.body.id);
  return filed.body.id;
}

describe('ending a session ends its sockets', () => {
  it('a commander who logs out stops receiving live events at once, and the socket is closed', async () => {
    const token = await server.login('commander');
    const socket = await server.connect(token);
    const closed = disconnected(socket);
    expect((await server.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const incidentId = await fileAndRelay('登出后的事故');
    expect(await closed).toBe('io server disconnect');
    expect(socket.received.some((r) => r.envelope?.incidentId === incidentId)).toBe(false);
    expect(socket.received.some((r) => r.type === 'session.ended')).toBe(true);
    // The same token cannot open a new one either.
    await expect(server.connect(token)).rejects.toThrow(/unauthorized/);
  });

  it('logging out ends only that session: the same person’s other session keeps its socket', async () => {
    const kept = await server.connect(await server.login('commander'));
    const ending = await server.login('commander');
    const endingSocket = await server.connect(ending);
    const closed = disconnected(endingSocket);
    await server.request('POST', '/api/v1/auth/logout', { token: ending });
    await closed;
    const incidentId = await fileAndRelay('另一会话仍在线');
    await kept.waitFor((t, e) => t === 'incident.reported' && e.incidentId === incidentId);
    expect(kept.socket.connected).toBe(true);
  });

  it('a deactivated liaison’s socket is closed and gets no later notification; the session is gone for good', async () => {
    const token = await addLiaison(server, 'liaison.deactivated', 'xinyang', union);
    const socket = await server.connect(token);
    const me = await server.request('GET', '/api/v1/auth/me', { token });
    const closed = disconnected(socket);
    const patched = await server.request('PATCH', `/api/v1/admin/users/${me.body.id}`, { token: admin, body: { active: false } });
    expect(patched.status).toBe(200);
    const incidentId = await fileAndRelay('停用后的事故');
    await closed;
    expect(socket.received.some((r) => r.type === 'notification.created' && r.envelope.incidentId === incidentId)).toBe(false);
    // Reactivating the account does not bring the old session back.
    await server.request('PATCH', `/api/v1/admin/users/${me.body.id}`, { token: admin, body: { active: true } });
    expect((await server.request('GET', '/api/v1/auth/me', { token })).status).toBe(401);
  });

  it('moving a liaison to another unit closes the socket that joined the old unit’s room', async () => {
    const propaganda = await unitIdByName(server, duty, 'xinyang', '宣传部');
    const token = await addLiaison(server, 'liaison.moved', 'xinyang', union);
    const socket = await server.connect(token);
    const me = await server.request('GET', '/api/v1/auth/me', { token });
    const closed = disconnected(socket);
    const moved = await server.request('PATCH', `/api/v1/admin/users/${me.body.id}`, { token: admin, body: { unitId: propaganda } });
    expect(moved.status).toBe(200);
    expect(moved.body.user.unitId).toBe(propaganda);
    const incidentId = await fileAndRelay('调动后的事故');
    await closed;
    expect(socket.received.some((r) => r.envelope?.incidentId === incidentId)).toBe(false);
    // A fresh login joins the new unit.
    const again = await server.request('POST', '/api/v1/auth/login', { body: { username: 'liaison.moved', password: 'second-liaison-pw' } });
    expect(again.body.user.unitId).toBe(propaganda);
  });

  it('changing a liaison’s role closes the socket', async () => {
    const token = await addLiaison(server, 'liaison.promoted', 'xinyang', union);
    const socket = await server.connect(token);
    const me = await server.request('GET', '/api/v1/auth/me', { token });
    const closed = disconnected(socket);
    const changed = await server.request('PATCH', `/api/v1/admin/users/${me.body.id}`, { token: admin, body: { role: 'unit_head' } });
    expect(changed.status).toBe(200);
    expect(changed.body.user.role).toBe('unit_head');
    await closed;
  });

  it('a role or unit change is only for unit members, within the jurisdiction, and names the field', async () => {
    const commander = (await server.request('GET', '/api/v1/admin/users?role=commander&jurisdictionId=xinyang', { token: admin })).body.users[0];
    const refused = await server.request('PATCH', `/api/v1/admin/users/${commander.id}`, { token: admin, body: { role: 'liaison' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].field).toBe('role');
    const liaison = (await server.request('GET', `/api/v1/admin/users?unitId=${union}&role=liaison`, { token: admin })).body.users[0];
    const anjiUnit = await unitIdByName(server, await server.login('duty.anji'), 'anji', '总工会');
    const elsewhere = await server.request('PATCH', `/api/v1/admin/users/${liaison.id}`, { token: admin, body: { unitId: anjiUnit } });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.errors[0].field).toBe('unitId');
  });

  it('resume re-checks the session: a session ended behind the relay’s back gets no history and the socket closes', async () => {
    const token = await server.login('commander');
    const socket = await server.connect(token);
    const me = await server.request('GET', '/api/v1/auth/me', { token });
    // Revoked without an access-change row, as if this node had missed it.
    await server.services.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, await sessionIdOf(me.body.id)));
    const closed = disconnected(socket);
    const answer = await socket.emitWithAck('resume', { afterSeq: 0 });
    expect(answer.ok).toBe(false);
    expect(answer.error.status).toBe(401);
    expect(answer.events).toBeUndefined();
    await closed;
  });

  it('the sweep closes sockets whose session expired or was revoked without a relayed change', async () => {
    const token = await server.login('commander');
    const socket = await server.connect(token);
    const me = await server.request('GET', '/api/v1/auth/me', { token });
    await server.services.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.id, await sessionIdOf(me.body.id)));
    const closed = disconnected(socket);
    expect(await server.access.sweep((ids) => activeSessionActors(server.services, ids))).toBeGreaterThanOrEqual(1);
    await closed;
    expect(watcher.socket.connected).toBe(true);
  });
});

/** The newest session of a user. */
async function sessionIdOf(userId: string): Promise<string> {
  const rows = await server.services.db.select().from(sessions).where(eq(sessions.userId, userId));
  return rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]!.id;
}

describe.skipIf(!process.env.DATABASE_URL)('two app instances on one database (PostgreSQL; PGlite is one process’s memory and cannot be shared)', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase();
    a = await startTestServer({ database });
    b = await startTestServer({ database });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  it('logging out on one node closes the sockets of that session on the other node', async () => {
    const token = await a.login('commander');
    const onB = await b.connect(token);
    const watcherOnB = await b.connect(await b.login('commander'));
    const closed = disconnected(onB);
    expect((await a.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const filed = await a.request('POST', '/api/v1/incidents', { token: await a.login('duty'), body: xinyangReport({ title: '跨节点登出' }) });
    await watcherOnB.waitFor((t, e) => t === 'incident.reported' && e.incidentId === filed.body.id);
    await closed;
    expect(onB.received.some((r) => r.envelope?.incidentId === filed.body.id)).toBe(false);
  });
});

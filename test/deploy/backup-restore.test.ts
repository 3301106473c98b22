/**
 * Backups, as the README's deploy section tells an operator to take and restore them:
 * - PostgreSQL: `pg_dump --format=custom` of the live database, `pg_restore` into a fresh one, a
 *   node started on it. The incident, its acknowledgement, its clocks and the event log are all
 *   there; a socket's `resume` replays from the right seq; new events continue the seq; the
 *   clocks still escalate what was not acknowledged (and only that).
 * - Embedded PGlite: stop the server, copy the data folder, start on the copy.
 */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { xinyangReport } from '../support/reports.js';
import { startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const START = new Date('2026-11-23T00:40:00.000Z');
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** Files a report and has the first unit acknowledge it; answers what a restore must bring back. */
async function fileAndAcknowledge(server: TestServer, title: string) {
  const duty = await server.login('duty');
  const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title }) });
  expect(filed.status).toBe(201);
  const id = filed.body.id as string;
  // The units still to acknowledge (the commission's own notice is acknowledged at once).
  const [acknowledged, ...others] = (filed.body.notifications as { id: string; unitId: string; state: string }[]).filter((n) => n.state === 'pending');
  expect(others.length).toBeGreaterThan(0);
  server.clock!.advance(60_000);
  const liaison = await server.login(`liaison.${acknowledged!.unitId}`);
  const beforeAck = (await server.request('GET', '/api/v1/inbox', { token: liaison })).body.lastSeq as number;
  expect((await server.request('POST', `/api/v1/notifications/${acknowledged!.id}/acknowledge`, { token: liaison, body: {} })).status).toBe(200);
  return { id, acknowledged: acknowledged!, others, beforeAck };
}

/** The commander's view of the incident; notifications in id order (several share one createdAt). */
async function detailOf(server: TestServer, id: string) {
  const res = await server.request('GET', `/api/v1/incidents/${id}`, { token: await server.login('commander') });
  expect(res.status).toBe(200);
  res.body.notifications.sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id));
  return res.body;
}

describe.skipIf(!process.env.DATABASE_URL)('a pg_dump / pg_restore round trip (PostgreSQL)', () => {
  it('restores the incident, its acknowledgement, its clocks and the event log; the relay and the clocks carry on', async () => {
    const original: TestDatabase = await createTestDatabase();
    cleanups.push(() => original.drop());
    const folder = await mkdtemp(join(tmpdir(), 'lianfang-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    let server = await startTestServer({ database: original, fixedClock: START, manualEngine: true });
    cleanups.push(() => server.close());

    const filed = await fileAndAcknowledge(server, '备份-恢复');
    const before = await detailOf(server, filed.id);
    expect(before.notifications.find((n: any) => n.id === filed.acknowledged.id).state).toBe('acknowledged');
    const readLog = async (url: string) => {
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      try {
        return await sql`select seq, type, incident_id, data, audience_units from events order by seq`;
      } finally {
        await sql.end();
      }
    };
    const log = await readLog(original.databaseUrl!);
    const head = Number(log.at(-1)!.seq);
    expect(log.some((e) => e.type === 'notification.acknowledged')).toBe(true);

    // The backup is taken while the node runs, as a nightly job would.
    const dump = join(folder, 'lianfang.dump');
    await run('pg_dump', ['--format=custom', `--file=${dump}`, original.databaseUrl!]);
    await server.close();
    await original.drop();

    const restored = await createTestDatabase();
    cleanups.push(() => restored.drop());
    await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restored.databaseUrl!}`, dump]);
    server = await startTestServer({ database: restored, fixedClock: new Date(START.getTime() + 60_000), manualEngine: true });
    cleanups.push(() => server.close());

    expect(await detailOf(server, filed.id)).toEqual(before);
    expect(await readLog(restored.databaseUrl!)).toEqual(log);

    // A phone that saw everything up to its acknowledgement resumes from there.
    const liaison = await server.connect(await server.login(`liaison.${filed.acknowledged.unitId}`));
    const resumed = await liaison.emitWithAck('resume', { afterSeq: filed.beforeAck });
    expect(resumed.ok).toBe(true);
    expect(resumed.events.map((e: any) => e.type)).toContain('notification.acknowledged');
    expect(resumed.events.every((e: any) => e.seq > filed.beforeAck && e.seq <= head)).toBe(true);

    // New events continue the sequence, live to a socket opened on the restored node.
    const commander = await server.connect(await server.login('commander'));
    const next = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '备份-恢复之后' }) });
    expect(next.status).toBe(201);
    const live = await commander.waitFor((type, e) => type === 'incident.reported' && e.incidentId === next.body.id);
    expect(live.seq).toBe(head + 1);

    // The clocks: past the acknowledgement deadline, only the units that had not acknowledged escalate.
    const due = Math.max(...before.notifications.map((n: any) => Date.parse(n.ackDueAt)));
    server.clock!.advance(due - server.clock!.now.getTime() + 1000);
    await server.engine.tick();
    const after = await detailOf(server, filed.id);
    const escalated = (await readLog(restored.databaseUrl!)).filter((e) => e.type === 'notification.escalated' && e.incident_id === filed.id);
    const escalatedIds = new Set(escalated.map((e) => (e.data as any).notificationId ?? (e.data as any).notification?.id));
    expect(escalatedIds.has(filed.acknowledged.id)).toBe(false);
    for (const other of filed.others) expect(escalatedIds.has(other.id), other.unitId).toBe(true);
    expect(after.notifications.find((n: any) => n.id === filed.acknowledged.id).state).toBe('acknowledged');
  }, 240_000);
});

describe('a PGlite data-folder backup (stop, copy the folder, start on the copy)', () => {
  it('the copy holds the incident, its acknowledgement and clocks, and the event log continues', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'lianfang-pglite-backup-'));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    const data = join(folder, 'data');
    const embedded = (dataDir: string) => ({ dataDir, drop: async () => {} });
    let server = await startTestServer({ database: embedded(data), fixedClock: START, manualEngine: true });
    cleanups.push(() => server.close());
    expect(server.database.kind).toBe('pglite');

    const filed = await fileAndAcknowledge(server, '备份-数据目录');
    const before = await detailOf(server, filed.id);
    const head = before.lastSeq as number;
    // The procedure: stop the server (PGlite is one process's folder), then copy it.
    await server.close();
    const copy = join(folder, 'data-copy');
    await cp(data, copy, { recursive: true });

    server = await startTestServer({ database: embedded(copy), fixedClock: new Date(START.getTime() + 60_000), manualEngine: true });
    cleanups.push(() => server.close());
    expect(await detailOf(server, filed.id)).toEqual(before);
    const liaison = await server.connect(await server.login(`liaison.${filed.acknowledged.unitId}`));
    const resumed = await liaison.emitWithAck('resume', { afterSeq: filed.beforeAck });
    expect(resumed.events.map((e: any) => e.type)).toContain('notification.acknowledged');
    const commander = await server.connect(await server.login('commander'));
    const next = await server.request('POST', '/api/v1/incidents', { token: await server.login('duty'), body: xinyangReport({ title: '备份-数据目录之后' }) });
    expect(next.status).toBe(201);
    const live = await commander.waitFor((type, e) => type === 'incident.reported' && e.incidentId === next.body.id);
    expect(live.seq).toBeGreaterThan(head);
  }, 240_000);
});

/**
 * Fan-out scenario of `npm run bench`: notification latency on real PostgreSQL with 1,000 sockets.
 *
 * For each of REPORTS reports: the time from the report's commit to the moment every lead/support
 * liaison socket has its notification. Interleaved with it, the fair floor: one Postgres commit,
 * then the same messages the relay sent for that report (same payloads, same rooms, the same
 * per-socket emits) emitted at once, timed from the moment that commit returns to the moment
 * every liaison socket has its copy. The ratio report/floor is what the log → relay path costs.
 * Clients live in two child processes so they do not share the server's event loop. Every sample
 * starts idle: before it, a barrier broadcast sent after the whole event log has been relayed must
 * have reached every socket (otherwise a client process still busy with the board watchers' share
 * of the previous report delays the liaisons it hosts, which real phones do not share).
 */
import { fork, type ChildProcess } from 'node:child_process';
import postgres from 'postgres';
import { fileReport } from '../../src/services/incidents/file-report.js';
import { authenticateToken } from '../../src/services/auth/sessions.js';
import { latestSeq } from '../../src/services/events/read.js';
import type { StoredEvent } from '../../src/services/events/append.js';
import { emitAsRelayWould } from './floor.js';
import { startBenchServer } from './bench-server.js';
import { logIn } from '../../src/services/auth/login.js';
import { hashPassword } from '../../src/services/auth/password.js';
import { createUsers } from '../../src/services/users/create-user.js';
import { reportSubmissionSchema } from '../../src/contract/report.js';
import { xinyangReport } from '../support/reports.js';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 200);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const LIAISONS_PER_UNIT = Number(process.env.BENCH_LIAISONS_PER_UNIT ?? 4);
const CLIENT_PROCESSES = 2;

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summary(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p90: percentile(s, 90), p99: percentile(s, 99), max: s[s.length - 1]! };
}

export async function runFanoutBench() {
  // What the relay sent for each report's filing, so the floor can send the same.
  const relayed = new Map<string, StoredEvent[]>();
  const bench = await startBenchServer('fanout', 10, {
    relay: {
      beforeDeliver: (batch) => {
        for (const e of batch) if (e.incidentId) relayed.set(e.incidentId, [...(relayed.get(e.incidentId) ?? []), e]);
      },
    },
  });
  const { server } = bench;
  const children: ChildProcess[] = [];
  try {
    const { services } = server;
    const book = (await services.rulebooks.current('xinyang'))!;
    const hash = await hashPassword('bench-password');
    const extra = book.units.flatMap((u) =>
      Array.from({ length: LIAISONS_PER_UNIT - 1 }, (_, i) => ({
        username: `bench.${u.id}.${i}`,
        passwordHash: hash,
        displayName: `${u.shortName}联络员${i + 2}`,
        role: 'liaison' as const,
        jurisdictionId: 'xinyang',
        unitId: u.id,
      })),
    );
    await createUsers(services.db, extra);
    const login = async (username: string, password: string) => (await logIn(services, { username, password, address: `bench-${username}` })).token;
    const liaisonClients: { token: string; label: string }[] = [];
    for (const u of book.units) {
      liaisonClients.push({ token: await login(`liaison.${u.id}`, 'lianfang-demo'), label: u.id });
      for (let i = 0; i < LIAISONS_PER_UNIT - 1; i++) liaisonClients.push({ token: await login(`bench.${u.id}.${i}`, 'bench-password'), label: u.id });
    }
    const boardToken = await login('commander', 'lianfang-demo');
    const boards = Array.from({ length: Math.max(0, CLIENTS - liaisonClients.length) }, () => ({ token: boardToken, label: 'board' }));
    const all = [...liaisonClients, ...boards];

    const receipts = new Map<string, Map<string, number[]>>(); // id → unit → receipt times
    const floorsDone = new Map<string, number>(); // floor or barrier id → client processes whose every socket has it
    let ready = 0;
    let connected = 0;
    for (let p = 0; p < CLIENT_PROCESSES; p++) {
      const child = fork(new URL('./clients.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'] });
      children.push(child);
      child.on('message', (m: any) => {
        if (m.kind === 'ready') {
          ready++;
          connected += m.connected;
          return;
        }
        if (m.kind === 'all') {
          floorsDone.set(m.id, (floorsDone.get(m.id) ?? 0) + 1);
          return;
        }
        const key = `${m.kind}:${m.id}`;
        const perUnit = receipts.get(key) ?? new Map<string, number[]>();
        receipts.set(key, perUnit);
        const list = perUnit.get(m.label) ?? [];
        list.push(m.at);
        perUnit.set(m.label, list);
      });
      child.send({ setup: { url: server.url, clients: all.filter((_, i) => i % CLIENT_PROCESSES === p) } });
    }
    while (ready < CLIENT_PROCESSES) await sleep(50);
    console.log(`connected ${connected} sockets (${liaisonClients.length} liaisons of ${book.units.length} units, ${boards.length} board watchers)`);

    const actor = (await authenticateToken(services, await login('duty', 'lianfang-demo')))!;
    const liaisonsOf = (unitId: string) => liaisonClients.filter((c) => c.label === unitId).length;
    const floorSql = postgres(bench.databaseUrl, { max: 1, onnotice: () => {} });
    await floorSql`CREATE TABLE bench_floor (id serial primary key, at timestamptz not null default now())`;
    const reportLatency: number[] = [];
    const floorLatency: number[] = [];
    const variants = [
      {},
      { casualties: { exposed: 30, acuteCases: 12, severeCases: 2, deaths: 1, anthraxCases: 0 } },
      { settings: ['construction_site'], employer: { name: '某建筑公司', industry: 'construction', ownership: 'state_owned', licensed: true, laborRelation: 'determined' } },
      { hazard: { category: 'radiation' }, flags: ['environmental_release'] },
    ];

    const waitAll = async (key: string, units: string[], timeoutMs = 5000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const perUnit = receipts.get(key);
        if (perUnit && units.every((u) => (perUnit.get(u)?.length ?? 0) >= liaisonsOf(u)))
          return Math.max(...units.flatMap((u) => perUnit.get(u)!));
        if (Date.now() > deadline) throw new Error(`timeout waiting for ${key}`);
        await sleep(2);
      }
    };

    const waitForEveryClient = async (id: string) => {
      const by = Date.now() + 5000;
      while ((floorsDone.get(id) ?? 0) < CLIENT_PROCESSES && Date.now() < by) await sleep(2);
    };
    // Each sample starts idle. The liaisons' socket acknowledgements are recorded in a batch a
    // little later and relayed to the 940 board watchers as notification.delivered; wait until the
    // relay has sent the whole log, then until every client has handled a barrier sent after it.
    const settle = async (barrierId: string) => {
      await sleep(50);
      const by = Date.now() + 5000;
      while (server.relay.position < (await latestSeq(services.db)) && Date.now() < by) await sleep(5);
      server.io.emit('bench.barrier', { id: barrierId });
      await waitForEveryClient(barrierId);
      await sleep(10);
    };

    const commitTimes = new Map<string, number>();
    server.committed.listen((events, at) => {
      const reported = events.find((e) => e.type === 'incident.reported');
      if (reported?.incidentId) commitTimes.set(reported.incidentId, at);
    });
    // Warm-up: a few of each, not measured.
    for (let i = 0; i < REPORTS + 10; i++) {
      const measured = i >= 10;
      const submission = reportSubmissionSchema.parse(xinyangReport({ title: `压测 ${i}`, ...variants[i % variants.length] }));
      const filed = await fileReport(services, actor, submission);
      // From the moment the commit returned, as the floor: this node emits its own events right then.
      const committedAt = commitTimes.get(filed.body.id) ?? now();
      commitTimes.delete(filed.body.id);
      const units = filed.body.routing.filter((r) => r.role !== 'inform').map((r) => r.unitId);
      const last = await waitAll(`report:${filed.body.id}`, units);
      if (measured) reportLatency.push(last - committedAt);

      await settle(`a${i}`);

      const floorId = `f${i}`;
      // The filing transaction's events (one `at`), as the relay sent them.
      const sent = relayed.get(filed.body.id) ?? [];
      const filing = sent.filter((e) => e.at.getTime() === sent.find((x) => x.type === 'notification.created')?.at.getTime());
      relayed.delete(filed.body.id);
      await floorSql`INSERT INTO bench_floor DEFAULT VALUES`;
      const started = now();
      emitAsRelayWould(server.io, filing, floorId);
      const floorLast = await waitAll(`report:${floorId}`, units);
      if (measured) floorLatency.push(floorLast - started);
      await settle(`b${i}`);
    }
    await floorSql.end();

    const r = summary(reportLatency);
    const f = summary(floorLatency);
    const fmt = (x: number) => x.toFixed(2).padStart(8);
    console.log(`\nfan-out latency, ms (commit returned → every lead/support liaison socket has it), ${connected} sockets, ${r.n} reports`);
    console.log('                       p50      p90      p99      max');
    console.log(`report             ${fmt(r.p50)} ${fmt(r.p90)} ${fmt(r.p99)} ${fmt(r.max)}`);
    console.log(`fair floor         ${fmt(f.p50)} ${fmt(f.p90)} ${fmt(f.p99)} ${fmt(f.max)}`);
    const ratio = { p50: r.p50 / f.p50, p99: r.p99 / f.p99 };
    console.log(`ratio report/floor ${fmt(ratio.p50)}          ${fmt(ratio.p99)}`);
    const targets = { p99Under50ms: r.p99 < 50, p50Within1_5xFloor: ratio.p50 <= 1.5, p99Within1_5xFloor: ratio.p99 <= 1.5 };
    console.log(`targets: p99 < 50 ms ${targets.p99Under50ms ? 'met' : 'NOT met'}; p50 ≤ 1.5× floor ${targets.p50Within1_5xFloor ? 'met' : 'NOT met'}; p99 ≤ 1.5× floor ${targets.p99Within1_5xFloor ? 'met' : 'NOT met'}`);
    return { sockets: connected, liaisons: liaisonClients.length, boardWatchers: boards.length, report: r, floor: f, ratio, targets };
  } finally {
    for (const c of children) c.send({ stop: true });
    await bench.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  runFanoutBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

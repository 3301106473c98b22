/**
 * Reconnect-storm and many-sockets scenarios of `npm run bench` (PostgreSQL, loopback): BENCH_SOCKETS
 * sockets (commission board watchers and liaisons) in several client processes connect within
 * BENCH_CONNECT_SPREAD_MS; the server's RSS per idle socket and connect errors are reported. Then
 * (storm) every socket drops, reports are filed while they are away, and all come back within
 * BENCH_STORM_SPREAD_MS asking `resume`: the time until the last is caught up, and what the storm
 * cost the database per socket: the statements the server sent (the target's measure) and the
 * transactions PostgreSQL counted (pg_stat_database, which also counts autovacuum), each less
 * what the server does without a storm (measured just before it, with the engine stopped).
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { RunningServer } from '../../src/server.js';
import type { Actor } from '../../src/services/context.js';
import { authenticateToken } from '../../src/services/auth/sessions.js';
import { fileReport } from '../../src/services/incidents/file-report.js';
import { reportSubmissionSchema } from '../../src/contract/report.js';
import { xinyangReport } from '../support/reports.js';
import { summary } from './run.js';
import { startBenchServer } from './bench-server.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

type Ask = <T>(child: ChildProcess, message: object, kind: string) => Promise<T>;

/**
 * Fan-out with every socket connected: three reports filed one after another; for each, the time
 * from its commit to each liaison socket's notification and each board watcher's report.
 */
async function measureFanOut(server: RunningServer, duty: Actor, children: ChildProcess[], ask: Ask, sockets: number) {
  const liaison: number[] = [];
  const board: number[] = [];
  let boardsMissing = 0;
  for (let r = 0; r < 3; r++) {
    const title = `扇出 ${r} ${Date.now().toString(36)}`;
    await Promise.all(children.map((c) => ask(c, { watch: title }, 'watching')));
    let committedAt = 0;
    const stop = server.committed.listen((events, at) => {
      if (events.some((e) => e.type === 'incident.reported' && (e.data.incident as { title?: string })?.title === title)) committedAt = at;
    });
    await fileReport(server.services, duty, reportSubmissionSchema.parse(xinyangReport({ title })));
    stop();
    await sleep(3000);
    const got = await Promise.all(children.map((c) => ask<{ at: { liaison: boolean; at: number }[] }>(c, { collect: true }, 'collected')));
    const seen = got.flatMap((g) => g.at);
    for (const x of seen) (x.liaison ? liaison : board).push(x.at - committedAt);
    boardsMissing += sockets - Math.ceil(sockets / 10) - seen.filter((x) => !x.liaison).length;
  }
  const fanOut = { reports: 3, liaisonMs: summary(liaison), boardMs: summary(board), boardsMissing };
  console.log(
    `fan-out with ${sockets} sockets, 3 reports: liaison sockets notified p50 ${fanOut.liaisonMs.p50.toFixed(1)} / p99 ${fanOut.liaisonMs.p99.toFixed(1)} ms (target p99 < 250 ms); every board watcher updated: p50 ${fanOut.boardMs.p50.toFixed(1)} / p99 ${fanOut.boardMs.p99.toFixed(1)} / last ${fanOut.boardMs.max.toFixed(1)} ms, ${boardsMissing} missed (target < 1 s)`,
  );
  return fanOut;
}

export async function runStormBench(defaults: { sockets: number; processes: number; storm: boolean }) {
  const SOCKETS = Number(process.env.BENCH_SOCKETS ?? defaults.sockets);
  const PROCESSES = Number(process.env.BENCH_CLIENT_PROCESSES ?? defaults.processes);
  const CONNECT_SPREAD = Number(process.env.BENCH_CONNECT_SPREAD_MS ?? 20_000);
  const STORM_SPREAD = Number(process.env.BENCH_STORM_SPREAD_MS ?? 5_000);
  const bench = await startBenchServer('storm', 10);
  const { server, login, admin, databaseName } = bench;
  const children: ChildProcess[] = [];
  try {
    const { services } = server;
    const book = (await services.rulebooks.current('xinyang'))!;
    const liaisons = await Promise.all(book.units.map((u) => login(`liaison.${u.id}`)));
    const board = await login('commander');
    const tokens = Array.from({ length: SOCKETS }, (_, i) => (i % 10 === 0 ? liaisons[(i / 10) % liaisons.length]! : board));
    const ask = <T>(child: ChildProcess, message: object, kind: string) =>
      new Promise<T>((resolve) => {
        const on = (m: any) => m.kind === kind && (child.off('message', on), resolve(m));
        child.on('message', on);
        child.send(message);
      });
    for (let p = 0; p < PROCESSES; p++) {
      const child = fork(new URL('./storm-client.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'] });
      children.push(child);
      child.send({ setup: { url: server.url, tokens: tokens.filter((_, i) => i % PROCESSES === p), liaisons: tokens.map((_, i) => i % 10 === 0).filter((_, i) => i % PROCESSES === p) } });
    }
    const rssBefore = process.memoryUsage().rss;
    const connectStart = now();
    const connected = await Promise.all(children.map((c) => ask<{ connected: number; errors: number }>(c, { connect: { spreadMs: CONNECT_SPREAD } }, 'connected')));
    const connectSeconds = (now() - connectStart) / 1000;
    await sleep(2000);
    const rssAfter = process.memoryUsage().rss;
    const sockets = connected.reduce((a, c) => a + c.connected, 0);
    const connectErrors = connected.reduce((a, c) => a + c.errors, 0);
    const rssPerSocketKB = (rssAfter - rssBefore) / Math.max(1, sockets) / 1024;
    console.log(`${sockets} of ${SOCKETS} sockets connected in ${connectSeconds.toFixed(1)} s from ${PROCESSES} processes; ${connectErrors} connect errors; server RSS +${((rssAfter - rssBefore) / 2 ** 20).toFixed(0)} MiB = ${rssPerSocketKB.toFixed(1)} KB per idle socket`);
    const duty = (await authenticateToken(services, await login('duty')))!;
    const fanOut = await measureFanOut(server, duty, children, ask, SOCKETS);
    const result: Record<string, unknown> = {
      sockets,
      connectErrors,
      connectSeconds,
      rssPerSocketKB,
      fanOut,
      targets: { rssPerSocketAtMost20KB: rssPerSocketKB <= 20, noConnectErrors: connectErrors === 0, fanOutP99Under250ms: fanOut.liaisonMs.p99 < 250, boardToAllUnder1s: fanOut.boardsMissing === 0 && fanOut.boardMs.max < 1000 },
    };
    if (!defaults.storm) return result;

    const commits = async () => Number((await admin`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${databaseName}`)[0]!.n);
    // What the idle server costs anyway (the engine's timer ticks, the relay's poll), to tell the storm's own cost.
    const statements = () => server.database.statementsSent();
    const perSecond = async (ms: number) => {
      const [start, sent, at] = [await commits(), statements(), now()];
      await sleep(ms);
      const seconds = (now() - at) / 1000;
      return { transactions: ((await commits()) - start) / seconds, statements: (statements() - sent) / seconds };
    };
    await Promise.all(children.map((c) => ask(c, { drop: true }, 'dropped')));
    for (let i = 0; i < 5; i++) await fileReport(services, duty, reportSubmissionSchema.parse(xinyangReport({ title: `风暴 ${i}` })));
    // The engine sends the reports' first messages before the storm, then stops: its retries of
    // the bench's unreachable SMS gateway and its timer ticks are not the storm's cost. What the
    // server still does by itself (the relay's poll, the socket sweep) is measured just before
    // and subtracted.
    await sleep(3000);
    await server.engine.stop();
    const idle = await perSecond(4000);
    const idlePerSecond = idle.transactions;
    const [before, sentBefore] = [await commits(), statements()];
    const stormStart = now();
    const serverCpu = process.cpuUsage();
    const back = await Promise.all(children.map((c) => ask<{ connected: number; errors: number; resumedEvents: number; caughtUpAt: number[]; cpuMs: number }>(c, { back: { spreadMs: STORM_SPREAD } }, 'back')));
    const serverUsed = process.cpuUsage(serverCpu);
    // Where the storm's time goes on a machine the clients share: the server's CPU and theirs.
    const cpuSeconds = { server: (serverUsed.user + serverUsed.system) / 1e6, clients: back.reduce((a, b) => a + b.cpuMs, 0) / 1000 };
    const caughtUp = back.flatMap((b) => b.caughtUpAt.map((t) => t - stormStart));
    const returned = back.reduce((a, b) => a + b.connected, 0);
    await sleep(1500); // pg_stat_database is updated by each backend at most every half second or so
    const transactions = (await commits()) - before;
    const stormSeconds = (now() - stormStart) / 1000;
    const background = Math.round(idlePerSecond * stormSeconds);
    // The statements the server sent (drizzle counts each), less its idle rate: the storm's own queries.
    const sent = statements() - sentBefore;
    const ownStatements = Math.max(0, sent - Math.round(idle.statements * stormSeconds));
    const statementsPerSocket = ownStatements / Math.max(1, returned);
    const errors = back.reduce((a, b) => a + b.errors, 0);
    const lastCaughtUpSeconds = Math.max(...caughtUp) / 1000;
    const perSocket = transactions / Math.max(1, returned);
    const stormOwn = Math.max(0, transactions - background);
    const ownPerSocket = stormOwn / Math.max(1, returned);
    console.log(
      `storm: ${returned} sockets back within ${STORM_SPREAD} ms of each other, ${errors} errors, ${back.reduce((a, b) => a + b.resumedEvents, 0)} events resumed; last caught up ${lastCaughtUpSeconds.toFixed(1)} s after the first returned (CPU meanwhile: server ${cpuSeconds.server.toFixed(1)} s, clients ${cpuSeconds.clients.toFixed(1)} s); ${transactions} database transactions (${perSocket.toFixed(3)} per socket), of which ~${background} the server's own without a storm (${idlePerSecond.toFixed(1)}/s measured just before, engine stopped: relay poll, socket sweep), so the storm's own ~${stormOwn} = ${ownPerSocket.toFixed(3)} per socket; the server sent ${sent} statements, ${ownStatements} of them the storm's (${statementsPerSocket.toFixed(3)} per socket, target ≤ 0.020, one per 50)`,
    );
    const s = summary(caughtUp);
    return {
      ...result,
      storm: {
        returned,
        errors,
        lastCaughtUpSeconds,
        caughtUpMs: s,
        cpuSeconds,
        transactions,
        transactionsPerSocket: perSocket,
        idleTransactionsPerSecond: idlePerSecond,
        stormTransactions: stormOwn,
        stormTransactionsPerSocket: ownPerSocket,
        statements: sent,
        stormStatements: ownStatements,
        stormStatementsPerSocket: statementsPerSocket,
        targets: { within10s: lastCaughtUpSeconds <= 10, atMostOneQueryPer50Sockets: statementsPerSocket <= 1 / 50 },
      },
    };
  } finally {
    for (const c of children) c.send({ stop: true });
    await bench.close();
  }
}

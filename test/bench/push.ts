/**
 * Web Push fan-out: one report whose units have 5,000 push subscriptions between them, sent by
 * the engine to a local push service in another process. Reports the time from commit to the
 * last delivery, throughput, and per-message latency percentiles.
 */
import { fork } from 'node:child_process';
import { contactPoints, users } from '../../src/db/schema.js';
import { reportSubmissionSchema } from '../../src/contract/report.js';
import { authenticateToken } from '../../src/services/auth/sessions.js';
import { newId } from '../../src/services/ids.js';
import { fileReport } from '../../src/services/incidents/file-report.js';
import { inArray, and, eq } from 'drizzle-orm';
import { createECDH, randomBytes } from 'node:crypto';
import { xinyangReport } from '../support/reports.js';
import { startBenchServer } from './bench-server.js';

const SUBSCRIPTIONS = Number(process.env.BENCH_PUSH_SUBSCRIPTIONS ?? 5000);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;

export async function runPushBench() {
  const receiver = fork(new URL('./push-receiver.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'] });
  const port: number = await new Promise((r) => receiver.once('message', (m: any) => r(m.port)));
  // The local push receiver is on loopback over http: allowed here only.
  const bench = await startBenchServer('push', 10, { pushEndpoints: { hosts: ['127.0.0.1'], allowPrivateNetwork: true } });
  const { server, login } = bench;
  const rounds: { toFirstMs: number; toLastMs: number; perSecond: number; p50: number; p99: number }[] = [];
  try {
    const { services } = server;
    const actor = (await authenticateToken(services, await login('duty')))!;
    const submission = reportSubmissionSchema.parse(xinyangReport({ title: '推送压测' }));
    const book = (await services.rulebooks.current('xinyang'))!;
    const { routeByRulebook } = await import('../../src/domain/routing.js');
    const { classifyIncident } = await import('../../src/domain/classification.js');
    // The filing commission's own unit stands acknowledged at filing and is sent nothing.
    const units = routeByRulebook(book, submission, classifyIncident(submission))
      .routing.map((r) => r.unitId)
      .filter((id) => id !== book.commissionUnitId);
    const liaisons = await services.db.select({ id: users.id }).from(users).where(and(inArray(users.unitId, units), eq(users.role, 'liaison')));
    // One real key pair shared by all rows keeps setup fast; each row is still its own subscription.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const keys = { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') };
    const rows = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
      id: newId('cpt'),
      userId: liaisons[i % liaisons.length]!.id,
      channel: 'web_push' as const,
      provider: 'webpush',
      address: `http://127.0.0.1:${port}/push/${i}`,
      secret: keys,
      createdAt: new Date(),
    }));
    for (let i = 0; i < rows.length; i += 1000) await services.db.insert(contactPoints).values(rows.slice(i, i + 1000));
    console.log(`\nWeb Push fan-out: ${SUBSCRIPTIONS} subscriptions on ${liaisons.length} liaisons of ${units.length} units`);
    console.log('round   to first / last (ms)   throughput (msg/s)   latency p50 / p99 (ms)');
    for (let round = 1; round <= ROUNDS; round++) {
      await fileReport(services, actor, { ...submission, title: `推送压测 ${round}` });
      const committedAt = now();
      let times: number[] = [];
      const deadline = Date.now() + 120_000;
      while (times.length < SUBSCRIPTIONS && Date.now() < deadline) {
        await sleep(200);
        receiver.send({ kind: 'collect' });
        times = times.concat(await new Promise<number[]>((r) => receiver.once('message', (m: any) => r(m.times))));
      }
      if (times.length < SUBSCRIPTIONS) throw new Error(`only ${times.length} pushes arrived`);
      const latencies = times.map((t) => t - committedAt).sort((a, b) => a - b);
      const last = latencies[latencies.length - 1]!;
      rounds.push({ toFirstMs: latencies[0]!, toLastMs: last, perSecond: (SUBSCRIPTIONS / last) * 1000, p50: pct(latencies, 50), p99: pct(latencies, 99) });
      console.log(
        `${String(round).padStart(5)} ${latencies[0]!.toFixed(0).padStart(10)} / ${last.toFixed(0).padStart(5)} ${((SUBSCRIPTIONS / last) * 1000).toFixed(0).padStart(20)}   ${pct(latencies, 50).toFixed(0)} / ${pct(latencies, 99).toFixed(0)}`,
      );
    }
    return { subscriptions: SUBSCRIPTIONS, rounds, target: { lastUnder3s: rounds.every((r) => r.toLastMs < 3000) } };
  } finally {
    receiver.send({ kind: 'stop' });
    await bench.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  runPushBench().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

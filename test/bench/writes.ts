/**
 * Write scenario of `npm run bench`: mixed writes over HTTP (filing, follow-up reports,
 * acknowledgements, task progress) sent open-loop at BENCH_WRITE_RATE requests/s for
 * BENCH_WRITE_SECONDS by client processes, against a server on PostgreSQL. Reports the rate
 * achieved and latency percentiles per kind; target ≥ 300 requests/s at p99 < 200 ms.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import { and, eq } from 'drizzle-orm';
import { notifications } from '../../src/db/schema.js';
import { reportSubmissionSchema } from '../../src/contract/report.js';
import { fileReport } from '../../src/services/incidents/file-report.js';
import { authenticateToken } from '../../src/services/auth/sessions.js';
import { xinyangReport } from '../support/reports.js';
import { summary } from './run.js';
import { startBenchServer } from './bench-server.js';
import { profileWindow } from './cpu-profile.js';
import { postgresCpuMs } from './postgres-cpu.js';

const RATE = Number(process.env.BENCH_WRITE_RATE ?? 300);
const SECONDS = Number(process.env.BENCH_WRITE_SECONDS ?? 15);
const PROCESSES = 2;
const POOL = Number(process.env.BENCH_WRITE_POOL ?? 20);

export async function runWritesBench() {
  const bench = await startBenchServer('write', POOL);
  const { server, login } = bench;
  try {
    const { services } = server;
    const book = (await services.rulebooks.current('xinyang'))!;
    const duty = await login('duty');
    const commander = await login('commander');
    const unitToken = new Map<string, string>();
    for (const u of book.units) unitToken.set(u.id, await login(`liaison.${u.id}`));
    const dutyActor = (await authenticateToken(services, duty))!;

    // What the run acts on: incidents to follow up, pending notifications to acknowledge, accepted tasks.
    const acknowledgeShare = 0.3;
    const wantAcks = Math.ceil(RATE * SECONDS * acknowledgeShare * 1.1);
    const incidents: string[] = [];
    const leadOf = new Map<string, string>();
    let pending = 0;
    for (let i = 0; pending < wantAcks && i < 2000; i++) {
      const filed = await fileReport(services, dutyActor, reportSubmissionSchema.parse(xinyangReport({ title: `写入压测准备 ${i}` })));
      incidents.push(filed.body.id);
      leadOf.set(filed.body.id, filed.body.routing.find((r: { unitId: string }) => unitToken.has(r.unitId))!.unitId);
      pending += filed.body.routing.length;
    }
    const rows = await services.db
      .select({ id: notifications.id, unitId: notifications.unitId })
      .from(notifications)
      .where(and(eq(notifications.state, 'pending')));
    const acknowledgements = rows.filter((r) => unitToken.has(r.unitId)).map((r) => ({ id: r.id, token: unitToken.get(r.unitId)! }));
    const tasks: { id: string; token: string }[] = [];
    for (const incidentId of incidents.slice(0, 30)) {
      const unitId = leadOf.get(incidentId)!;
      const res = await fetch(`${server.url}/api/v1/incidents/${incidentId}/tasks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${commander}`, 'content-type': 'application/json' },
        body: JSON.stringify({ unitId, role: 'lead', title: '压测任务', description: '压测', dueAt: new Date(Date.now() + 86_400_000).toISOString() }),
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`task create ${res.status} ${await res.text()}`);
      const { task } = (await res.json()) as { task: { id: string } };
      const token = unitToken.get(unitId)!;
      await fetch(`${server.url}/api/v1/tasks/${task.id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' });
      tasks.push({ id: task.id, token });
    }
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '写入压测续报' });
    console.log(`prepared ${incidents.length} incidents, ${acknowledgements.length} pending notifications, ${tasks.length} tasks; sending ${RATE}/s for ${SECONDS} s`);

    const stopProfile = await profileWindow('writes');
    const [sentBefore, cpuBefore, postgresBefore] = [server.database.statementsSent(), process.cpuUsage(), await postgresCpuMs()];
    const results = await Promise.all(
      Array.from({ length: PROCESSES }, (_, p) => {
        const child = fork(new URL('./write-client.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'] });
        child.send({
          url: server.url,
          ratePerSecond: RATE / PROCESSES,
          seconds: SECONDS,
          maxInFlight: 500,
          duty,
          filing: xinyangReport(),
          followUp: { ...facts, kind: 'follow_up' },
          incidents,
          acknowledgements: acknowledgements.filter((_, i) => i % PROCESSES === p),
          tasks,
          prefix: `p${p}-${Date.now()}`,
        });
        return new Promise<{ samples: { kind: string; status: number; ms: number }[]; skipped: number; seconds: number; cpuMs: number }>((resolve) =>
          child.once('message', (m: any) => {
            child.kill();
            resolve(m);
          }),
        );
      }),
    );
    // What each answered write cost the server, all in (the engine's and the relay's work it caused too).
    const cpu = process.cpuUsage(cpuBefore);
    const postgresAfter = await postgresCpuMs();
    await stopProfile();
    const samples = results.flatMap((r) => r.samples);
    const seconds = Math.max(...results.map((r) => r.seconds));
    const ok = samples.filter((s) => s.status >= 200 && s.status < 300);
    const failed = samples.length - ok.length;
    const statuses: Record<string, number> = {};
    for (const s of samples) if (s.status < 200 || s.status >= 300) statuses[`${s.kind} ${s.status}`] = (statuses[`${s.kind} ${s.status}`] ?? 0) + 1;
    const all = summary(samples.map((s) => s.ms));
    const perKind = Object.fromEntries(['filing', 'follow_up', 'acknowledge', 'task_progress'].map((k) => [k, summary(samples.filter((s) => s.kind === k).map((s) => s.ms))]));
    const achieved = ok.length / seconds;
    const answered = Math.max(1, ok.length);
    const perWrite = {
      statements: (server.database.statementsSent() - sentBefore) / answered,
      cpuMs: (cpu.user + cpu.system) / 1000 / answered,
      postgresCpuMs: postgresBefore === null || postgresAfter === null ? null : (postgresAfter - postgresBefore) / answered,
      clientCpuMs: results.reduce((a, r) => a + r.cpuMs, 0) / answered,
    };
    const fmt = (x: number) => x.toFixed(1).padStart(8);
    console.log(`\nmixed writes: ${samples.length} sent in ${seconds.toFixed(1)} s, ${ok.length} answered 2xx (${achieved.toFixed(0)}/s), ${failed} not 2xx, ${results.reduce((a, r) => a + r.skipped, 0)} not sent (cap in flight)`);
    if (failed) console.log('not 2xx:', statuses);
    console.log(`per answered write, all in: ${perWrite.statements.toFixed(1)} database statements, ${perWrite.cpuMs.toFixed(1)} ms of server CPU`);
    // The machine's whole budget: what each answered write cost the server, PostgreSQL and the clients.
    const machineMs = perWrite.cpuMs + (perWrite.postgresCpuMs ?? 0) + perWrite.clientCpuMs;
    console.log(`CPU per answered write: server ${perWrite.cpuMs.toFixed(1)} ms, PostgreSQL ${perWrite.postgresCpuMs?.toFixed(1) ?? '?'} ms, clients ${perWrite.clientCpuMs.toFixed(1)} ms; at that cost ${os.cpus().length} cores carry at most ${((os.cpus().length * 1000) / machineMs).toFixed(0)} writes/s`);
    console.log('kind                 n      p50      p90      p99      max   (ms)');
    for (const [k, s] of [['all', all] as const, ...Object.entries(perKind)]) console.log(`${k.padEnd(14)} ${String(s.n).padStart(6)} ${fmt(s.p50)} ${fmt(s.p90)} ${fmt(s.p99)} ${fmt(s.max)}`);
    const targets = { atLeast300PerSecond: achieved >= 300, p99Under200ms: all.p99 < 200 };
    console.log(`targets: ≥ 300 requests/s ${targets.atLeast300PerSecond ? 'met' : 'NOT met'}; p99 < 200 ms ${targets.p99Under200ms ? 'met' : 'NOT met'}`);
    return { offeredPerSecond: RATE, seconds, sent: samples.length, ok: ok.length, achievedPerSecond: achieved, perWrite, notOk: statuses, all, perKind, targets };
  } finally {
    await bench.close();
  }
}

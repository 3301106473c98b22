/**
 * Write-load client process: sends its share of the mixed requests open-loop (at a fixed rate,
 * whatever the answers' speed, up to a cap in flight) for a bounded time, and reports each
 * request's kind, status and latency over IPC.
 */
interface Work {
  url: string;
  ratePerSecond: number;
  seconds: number;
  maxInFlight: number;
  duty: string;
  filing: Record<string, unknown>;
  followUp: Record<string, unknown>;
  incidents: string[];
  acknowledgements: { id: string; token: string }[];
  tasks: { id: string; token: string }[];
  prefix: string;
}

type Kind = 'filing' | 'follow_up' | 'acknowledge' | 'task_progress';
const MIX: [Kind, number][] = [
  ['filing', 0.2],
  ['follow_up', 0.1],
  ['acknowledge', 0.3],
  ['task_progress', 0.4],
];

import { Agent, request } from 'node:http';

process.on('message', async (work: Work) => {
  const samples: { kind: Kind; status: number; ms: number }[] = [];
  let inFlight = 0;
  let skipped = 0;
  let n = 0;
  // node:http with kept-alive connections: a load generator should spend little of the machine
  // the server shares with it (fetch cost about 3 ms of CPU per request here).
  const agent = new Agent({ keepAlive: true, maxSockets: work.maxInFlight });
  const target = new URL(work.url);
  const post = (kind: Kind, path: string, token: string, body: unknown) =>
    new Promise<void>((resolve) => {
      const started = performance.now();
      const payload = JSON.stringify(body);
      const done = (status: number) => {
        samples.push({ kind, status, ms: performance.now() - started });
        resolve();
      };
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': `${work.prefix}-${n++}` },
        },
        (res) => {
          res.resume();
          res.once('end', () => done(res.statusCode ?? 0));
          res.once('error', () => done(-1));
        },
      );
      req.once('error', () => done(-1));
      req.end(payload);
    });
  const pick = (): Kind => {
    let r = Math.random();
    for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
    return 'task_progress';
  };
  const send = (): Promise<void> | undefined => {
    let kind = pick();
    if (kind === 'acknowledge' && work.acknowledgements.length === 0) kind = 'task_progress';
    const i = Math.floor(Math.random() * 1e9);
    switch (kind) {
      case 'filing':
        return post(kind, '/api/v1/incidents', work.duty, { ...work.filing, title: `写入压测 ${work.prefix}-${n}` });
      case 'follow_up':
        return post(kind, `/api/v1/incidents/${work.incidents[i % work.incidents.length]}/reports`, work.duty, work.followUp);
      case 'acknowledge': {
        const a = work.acknowledgements.pop()!;
        return post(kind, `/api/v1/notifications/${a.id}/acknowledge`, a.token, {});
      }
      case 'task_progress': {
        const t = work.tasks[i % work.tasks.length]!;
        return post(kind, `/api/v1/tasks/${t.id}/progress`, t.token, { note: '处置进展' });
      }
    }
  };
  const total = Math.round(work.ratePerSecond * work.seconds);
  const interval = 1000 / work.ratePerSecond;
  const start = performance.now();
  const cpuAtStart = process.cpuUsage();
  const running: Promise<void>[] = [];
  for (let k = 0; k < total; k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= work.maxInFlight) {
      skipped++;
      continue;
    }
    inFlight++;
    running.push(send()!.finally(() => inFlight--));
  }
  await Promise.all(running);
  const cpu = process.cpuUsage(cpuAtStart);
  process.send!({ samples, skipped, seconds: (performance.now() - start) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 });
});

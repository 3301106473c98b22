/**
 * `npm run bench -- write-costs`: what one write of each kind costs when it is alone (no queue, no
 * contention): server CPU, database statements and time to answer, over BENCH_COST_COUNT
 * sequential requests per kind on PostgreSQL. The mixed-writes throughput is bounded by these.
 * The CPU is this process's and includes the HTTP client's share (fetch), the same for every kind.
 */
import { eq } from 'drizzle-orm';
import { notifications } from '../../src/db/schema.js';
import { xinyangReport } from '../support/reports.js';
import { profileWindow } from './cpu-profile.js';
import { startBenchServer } from './bench-server.js';

const COUNT = Number(process.env.BENCH_COST_COUNT ?? 150);

interface Cost {
  cpuMs: number;
  statements: number;
  wallMs: number;
}

export async function runWriteCostsBench(): Promise<Record<string, Cost>> {
  const bench = await startBenchServer('cost', 20);
  const { server, login } = bench;
  try {
    const { services } = server;
    const book = (await services.rulebooks.current('xinyang'))!;
    const duty = await login('duty');
    const commander = await login('commander');
    const unitToken = new Map<string, string>();
    for (const u of book.units) unitToken.set(u.id, await login(`liaison.${u.id}`));
    let sent = 0;
    const post = async (path: string, token: string, body: unknown) => {
      const res = await fetch(server.url + path, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `write-cost-${Date.now()}-${sent++}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${text}`);
      return JSON.parse(text);
    };
    const costs: Record<string, Cost> = {};
    const measure = async (kind: string, write: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await write(i); // each connection's first run of a statement prepares it
      const stopProfile = await profileWindow(`write-cost-${kind}`);
      const [statements, cpu, started] = [server.database.statementsSent(), process.cpuUsage(), performance.now()];
      for (let i = 0; i < COUNT; i++) await write(i + 5);
      const wallMs = (performance.now() - started) / COUNT;
      const used = process.cpuUsage(cpu);
      await stopProfile();
      costs[kind] = { cpuMs: (used.user + used.system) / 1000 / COUNT, statements: (server.database.statementsSent() - statements) / COUNT, wallMs };
    };

    const filed: { id: string; routing: { unitId: string }[] }[] = [];
    await measure('filing', async (i) => filed.push(await post('/api/v1/incidents', duty, { ...xinyangReport(), title: `写入成本 ${i}` })));
    const { jurisdictionId: _j, receivedAt: _r, ...facts } = xinyangReport({ title: '写入成本续报' });
    await measure('follow_up', (i) => post(`/api/v1/incidents/${filed[i % filed.length]!.id}/reports`, duty, { ...facts, kind: 'follow_up' }));
    const pending = (await services.db.select().from(notifications).where(eq(notifications.state, 'pending'))).filter((n) => unitToken.has(n.unitId));
    await measure('acknowledge', () => {
      const n = pending.pop()!;
      return post(`/api/v1/notifications/${n.id}/acknowledge`, unitToken.get(n.unitId)!, {});
    });
    const incident = filed[0]!;
    const unitId = incident.routing.find((r) => unitToken.has(r.unitId))!.unitId;
    const { task } = await post(`/api/v1/incidents/${incident.id}/tasks`, commander, { unitId, role: 'lead', title: '成本任务', description: '成本', dueAt: new Date(Date.now() + 86_400_000).toISOString() });
    await post(`/api/v1/tasks/${task.id}/accept`, unitToken.get(unitId)!, {});
    await measure('task_progress', () => post(`/api/v1/tasks/${task.id}/progress`, unitToken.get(unitId)!, { note: '处置进展' }));

    console.log(`one write at a time, ${COUNT} of each kind`);
    console.log('kind            CPU ms  statements  answered in ms');
    for (const [kind, c] of Object.entries(costs)) console.log(`${kind.padEnd(14)} ${c.cpuMs.toFixed(1).padStart(7)} ${c.statements.toFixed(1).padStart(11)} ${c.wallMs.toFixed(1).padStart(15)}`);
    return costs;
  } finally {
    await bench.close();
  }
}

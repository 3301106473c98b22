/**
 * Prometheus metrics (prom-client) for one Node server: request latency by route pattern, method
 * and status; open sockets; relay and engine lag; delivery outcomes per channel; database pool use.
 * Lags, outcomes and pool use are read when scraped, from the database every node shares.
 */
import { sql } from 'drizzle-orm';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Server as SocketServer } from 'socket.io';
import type { DatabaseHandle } from '../db/client.js';
import { engineLagSeconds, relayLagEvents } from './lag.js';
import { logger } from './logger.js';
import type { RequestOutcome } from './request-log.js';

export interface MetricsSources {
  database: DatabaseHandle;
  io: SocketServer;
  relayPosition: () => number;
  clock: () => Date;
}

export interface ServerMetrics {
  registry: Registry;
  observeRequest(outcome: RequestOutcome): void;
  render(): Promise<{ body: string; contentType: string }>;
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export function createMetrics(sources: MetricsSources): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lianfang_' });
  const { database, io } = sources;
  const db = database.db;
  /** A failed read during an outage leaves the gauge as it was; the scrape itself still answers. */
  const guarded = (name: string, read: () => Promise<void>) => async () => {
    try {
      await read();
    } catch (err) {
      logger.debug({ err, metric: name }, 'metric not read');
    }
  };

  const latency = new Histogram({
    name: 'lianfang_http_request_duration_seconds',
    help: 'HTTP request latency by route pattern, method and status',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const requests = new Counter({ name: 'lianfang_http_requests_total', help: 'HTTP requests by route pattern, method and status', labelNames: ['route', 'method', 'status'] as const, registers: [registry] });
  new Counter({
    name: 'lianfang_db_statements_total',
    help: 'Statements this node has sent to the database (the load its paths cost)',
    registers: [registry],
    collect() {
      // Kept by the database handle; the counter shows its running total.
      this.reset();
      this.inc(database.statementsSent());
    },
  });
  new Gauge({
    name: 'lianfang_socketio_open_sockets',
    help: 'socket.io connections open on this node',
    registers: [registry],
    collect() {
      this.set(io.of('/').sockets.size);
    },
  });
  new Gauge({
    name: 'lianfang_relay_lag_events',
    help: 'Events in the log this node has not yet delivered to its sockets (log head minus delivered seq)',
    registers: [registry],
    async collect() {
      await guarded('relay lag', async () => this.set(await relayLagEvents(db, sources.relayPosition())))();
    },
  });
  new Gauge({
    name: 'lianfang_engine_lag_seconds',
    help: 'Age of the oldest due step (escalation, task, upward report, delivery, housekeeping) not yet taken',
    registers: [registry],
    async collect() {
      await guarded('engine lag', async () => this.set(await engineLagSeconds(db, sources.clock())))();
    },
  });
  new Gauge({
    name: 'lianfang_deliveries',
    help: 'External deliveries by channel and outcome (queued, sent, delivered, read, failed)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [registry],
    async collect() {
      await guarded('deliveries', async () => {
        const rows = rowsOf<{ channel: string; state: string; n: number }>(await db.execute(sql`select channel::text as channel, state::text as state, count(*)::int as n from deliveries group by 1, 2`));
        this.reset();
        for (const r of rows) this.set({ channel: r.channel, outcome: r.state }, Number(r.n));
      })();
    },
  });
  new Gauge({
    name: 'lianfang_db_pool_connections',
    help: 'Database connections of this node by state (active, idle, ...) and the pool maximum (state="max")',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      await guarded('pool', async () => {
        const pool = await database.poolStats();
        this.reset();
        this.set({ state: 'max' }, pool.max);
        for (const [state, n] of Object.entries(pool.byState)) this.set({ state }, n);
      })();
    },
  });

  return {
    registry,
    observeRequest({ route, method, status, seconds }) {
      const labels = { route, method, status: String(status) };
      latency.observe(labels, seconds);
      requests.inc(labels);
    },
    async render() {
      return { body: await registry.metrics(), contentType: registry.contentType };
    },
  };
}

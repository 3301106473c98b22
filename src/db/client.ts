/**
 * Opens the database: PostgreSQL through postgres.js when a URL is given, otherwise embedded
 * PGlite persisted under a data folder. Both run the same migrations and expose LISTEN, which
 * the event relay uses to wake up when events commit.
 *
 * Connection budget on PostgreSQL, per node: the pool (`maxConnections`) and one LISTEN connection
 * (shared by the relay and the engine); migrations at start use one more, closed before the others
 * open. With a `directUrl` the pool may go through PgBouncer in transaction pooling: it then
 * pipelines no queries and prepares no statements (see THROUGH_PGBOUNCER), and LISTEN and the
 * migrations' session advisory lock, which need a session of their own, use the direct URL.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { retryConflicts } from './retry.js';
import { hostname } from 'node:os';
import * as schema from './schema.js';
import { loadPostgresDriver } from './postgres-driver.js';
import { preparingStatements } from './prepared-statements.js';
import { MIGRATIONS_FOLDER, migratePostgres, requireMigrated } from './migrate.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Cheap round trip, for /healthz. */
  ping(): Promise<void>;
  /** Statements this process has sent through drizzle since it opened the database, for /metrics. */
  statementsSent(): number;
  /** This process's connections by state (pg_stat_activity) and the pool size, for /metrics. */
  poolStats(): Promise<{ max: number; byState: Record<string, number> }>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** The pool's PostgreSQL, or PgBouncer in transaction pooling in front of it (see directUrl). */
  databaseUrl?: string;
  /**
   * PostgreSQL itself, when databaseUrl goes through PgBouncer in transaction pooling: LISTEN (one
   * connection) and migrations use it, and the pool prepares no statements.
   */
  directUrl?: string;
  /** PGlite folder; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
  /** Apply pending migrations (under an advisory lock on PostgreSQL); false only checks none is pending. */
  migrate?: boolean;
  /**
   * An in-memory PGlite's starting contents (a `dumpDataDir` tarball). Creating PGlite runs initdb,
   * ~3 s; the test suite starts each file's database from one migrated, seeded copy instead.
   */
  pgliteSnapshot?: Blob;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  const migrate = config.migrate ?? true;
  return config.databaseUrl
    ? openPostgres(config.databaseUrl, config.directUrl, config.maxConnections ?? 10, migrate)
    : openPglite(config.dataDir, migrate, config.pgliteSnapshot);
}

/** Counts the statements drizzle sends (its logger sees each one): the database load a path costs. */
class StatementCounter {
  sent = 0;
  logQuery(): void {
    this.sent++;
  }
}

/**
 * The pool's driver settings behind PgBouncer in transaction pooling. No prepared statements: one
 * lives on one server connection, the next transaction may get another, and PgBouncer 1.18 then
 * leaves the query hanging. No pipelining: PgBouncer hands the server connection back at the first
 * ReadyForQuery and drops the replies still due to a query pipelined behind it, which then waits
 * for ever. (`max_pipeline` is missing from the driver's typings; the driver reads it.)
 */
export const THROUGH_PGBOUNCER = { prepare: false, max_pipeline: 0 } as const;

async function openPostgres(url: string, directUrl: string | undefined, max: number, migrate: boolean): Promise<DatabaseHandle> {
  const applicationName = `lianfang:${hostname()}:${process.pid}`.slice(0, 63);
  if (migrate) await migratePostgres(directUrl ?? url);
  const postgres = await loadPostgresDriver();
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const options = {
    onnotice: () => {},
    // Back in service within about a second of the database's return: the default backoff grows
    // to 20 s per connection after repeated failures, and a dead host should not hold a request 30 s.
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 1),
    connect_timeout: 5,
    // Lets /metrics find this process's connections in pg_stat_activity.
    connection: { application_name: applicationName },
  };
  const sql = postgres(url, { ...options, max, ...(directUrl ? THROUGH_PGBOUNCER : {}) });
  // postgres.js listens on a connection of its own (max 1) made from the instance's settings, so
  // this instance never opens another: it is only there to point that connection at PostgreSQL.
  const listener = directUrl ? postgres(directUrl, { ...options, max: 1 }) : sql;
  const counter = new StatementCounter();
  // Behind PgBouncer in transaction pooling a statement named on one server connection is unknown on the next.
  const db = drizzle(directUrl ? sql : preparingStatements(sql), { schema, logger: counter });
  if (!migrate) await requireMigrated(db);
  return {
    db: retryConflicts(db as unknown as Database),
    kind: 'postgres',
    statementsSent: () => counter.sent,
    async listen(channel, onNotify) {
      const sub = await listener.listen(channel, () => onNotify());
      return () => sub.unlisten();
    },
    async ping() {
      await sql`select 1`;
    },
    async poolStats() {
      const rows = await sql<{ state: string | null; n: number }[]>`
        select state, count(*)::int as n from pg_stat_activity where application_name = ${applicationName} and pid <> pg_backend_pid() group by state`;
      // The connection asking is in use too.
      const byState: Record<string, number> = { active: 1 };
      for (const r of rows) byState[r.state ?? 'unknown'] = (byState[r.state ?? 'unknown'] ?? 0) + r.n;
      return { max, byState };
    },
    close: async () => {
      await sql.end({ timeout: 5 });
      if (listener !== sql) await listener.end({ timeout: 5 });
    },
  };
}

async function openPglite(dataDir: string, runMigrations: boolean, snapshot?: Blob): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (!dataDir.startsWith('memory://')) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
  }
  const pg = await PGlite.create(dataDir, snapshot && dataDir.startsWith('memory://') ? { loadDataDir: snapshot } : {});
  const counter = new StatementCounter();
  const db = drizzle(pg, { schema, logger: counter });
  // One process owns a PGlite folder, so no lock is needed.
  if (runMigrations) await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  else await requireMigrated(db);
  return {
    db: retryConflicts(db as unknown as Database),
    kind: 'pglite',
    statementsSent: () => counter.sent,
    async listen(channel, onNotify) {
      const unlisten = await pg.listen(channel, () => onNotify());
      return () => unlisten();
    },
    async ping() {
      await pg.query('select 1');
    },
    async poolStats() {
      return { max: 1, byState: { active: 1 } };
    },
    close: () => pg.close(),
  };
}

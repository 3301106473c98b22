/**
 * Opens the database: PostgreSQL through postgres.js when a URL is given, otherwise embedded
 * PGlite persisted under a data folder. Both run the same migrations and expose LISTEN, which
 * the event relay uses to wake up when events commit.
 */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { retryConflicts } from './retry.js';
import * as schema from './schema.js';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Subscribes to a NOTIFY channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  /** Cheap round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  databaseUrl?: string;
  /** PGlite folder; `memory://` keeps it in memory (tests). */
  dataDir: string;
  /** Pool size for postgres.js. */
  maxConnections?: number;
}

const MIGRATIONS_FOLDER = new URL('../../drizzle', import.meta.url).pathname;

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl, config.maxConnections ?? 10) : openPglite(config.dataDir);
}

async function openPostgres(url: string, max: number): Promise<DatabaseHandle> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const sql = postgres(url, { max, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: retryConflicts(db as unknown as Database),
    kind: 'postgres',
    async listen(channel, onNotify) {
      const sub = await sql.listen(channel, () => onNotify());
      return () => sub.unlisten();
    },
    async ping() {
      await sql`select 1`;
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

async function openPglite(dataDir: string): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  if (!dataDir.startsWith('memory://')) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dataDir, { recursive: true });
  }
  const pg = await PGlite.create(dataDir);
  const db = drizzle(pg, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  return {
    db: retryConflicts(db as unknown as Database),
    kind: 'pglite',
    async listen(channel, onNotify) {
      const unlisten = await pg.listen(channel, () => onNotify());
      return () => unlisten();
    },
    async ping() {
      await pg.query('select 1');
    },
    close: () => pg.close(),
  };
}

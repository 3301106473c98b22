/**
 * Migrations (drizzle/), run once however many nodes start together: on PostgreSQL under a
 * session advisory lock, so the second node waits, then finds nothing left to do. Also a deploy
 * step of its own (`npm run db:migrate`), after which the nodes may start with MIGRATE=false.
 */
import { readFileSync } from 'node:fs';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { logger } from '../observability/logger.js';
import { loadPostgresDriver } from './postgres-driver.js';

export const MIGRATIONS_FOLDER = new URL('../../drizzle', import.meta.url).pathname;
/** Any fixed key, the same on every node: 'lianfang' in ASCII, as a bigint. */
const MIGRATION_LOCK = 0x6c69616e66616e67n;

/** Migrates a PostgreSQL database on one dedicated connection that holds the advisory lock throughout. */
export async function migratePostgres(url: string): Promise<void> {
  const postgres = await loadPostgresDriver();
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    try {
      await migrate(drizzle(client), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** The number of migrations in drizzle/ that the database has not applied. */
export async function pendingMigrations(db: PgDatabase<PgQueryResultHKT, any>): Promise<number> {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  try {
    const rows = (await db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`)) as unknown as { n: number }[] | { rows: { n: number }[] };
    const applied = Array.isArray(rows) ? rows[0]!.n : rows.rows[0]!.n;
    return Math.max(0, journal.entries.length - applied);
  } catch {
    return journal.entries.length;
  }
}

/** Refuses to start on a database that lacks migrations (MIGRATE=false with no deploy step run). */
export async function requireMigrated(db: PgDatabase<PgQueryResultHKT, any>): Promise<void> {
  const pending = await pendingMigrations(db);
  if (pending > 0) throw new Error(`the database lacks ${pending} migration(s) and MIGRATE=false: run \`npm run db:migrate\` first`);
}

async function main() {
  // Only the database settings: a migration needs no PUBLIC_URL or channel credentials.
  // The advisory lock is a session's: past PgBouncer in transaction pooling it needs PostgreSQL itself.
  const databaseUrl = process.env.DATABASE_DIRECT_URL?.trim() || process.env.DATABASE_URL?.trim() || undefined;
  const dataDir = process.env.DATA_DIR || './data';
  if (databaseUrl) {
    await migratePostgres(databaseUrl);
  } else {
    const { openDatabase } = await import('./client.js');
    await (await openDatabase({ dataDir, migrate: true })).close();
  }
  logger.info({ database: databaseUrl ? 'postgres' : `pglite:${dataDir}` }, 'migrations applied');
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    logger.fatal({ err }, 'migration failed');
    process.exit(1);
  });
}

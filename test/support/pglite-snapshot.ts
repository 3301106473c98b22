/**
 * The embedded database each test file starts from when the suite runs on PGlite: migrated, the
 * bundled rulebooks installed and the demo accounts seeded once per run, by the global setup.
 * Creating PGlite runs initdb (~3 s) and then the migrations; loading this copy takes ~1 s. On
 * PostgreSQL each file still gets a fresh database (created in well under a second).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { inject } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { MIGRATIONS_FOLDER } from '../../src/db/migrate.js';
import * as schema from '../../src/db/schema.js';
import { loadBundledRulebooks } from '../../src/rulebooks/index.js';
import { seedDemoAccounts } from '../../src/seed/demo.js';
import { installRulebooks } from '../../src/services/rulebooks/install.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The snapshot's file, or '' on PostgreSQL. */
    pgliteSnapshot: string;
  }
}

/** What startServer does to a new database before it serves: the same steps, once. */
export async function buildPgliteSnapshot(): Promise<{ file: string; remove(): Promise<void> }> {
  const pg = await PGlite.create('memory://');
  const db = drizzle(pg, { schema });
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
  const books = loadBundledRulebooks();
  await installRulebooks(db as unknown as Database, books);
  await seedDemoAccounts(db as unknown as Database, books);
  const file = join(tmpdir(), `lianfang-pglite-${process.pid}-${Date.now().toString(36)}.tar`);
  await writeFile(file, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
  await pg.close();
  return { file, remove: () => rm(file, { force: true }) };
}

let loaded: Promise<Blob> | undefined;

/** The snapshot for a test server's own in-memory database; undefined on PostgreSQL. */
export function pgliteSnapshot(): Promise<Blob> | undefined {
  const file = inject('pgliteSnapshot');
  if (!file) return undefined;
  loaded ??= readFile(file).then((bytes) => new Blob([bytes]));
  return loaded;
}

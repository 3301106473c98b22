/**
 * A fresh database per test file: embedded PGlite in memory by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (CI), dropped afterwards.
 */
import postgres from 'postgres';

export interface TestDatabase {
  /** The PostgreSQL database's name (absent on PGlite). */
  name?: string;
  databaseUrl?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** `base`: the PostgreSQL server to create it on (default DATABASE_URL; absent → PGlite). */
export async function createTestDatabase(base = process.env.DATABASE_URL): Promise<TestDatabase> {
  if (!base) return { dataDir: 'memory://', drop: async () => {} };
  const name = `lianfang_t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    name,
    databaseUrl: url.toString(),
    dataDir: 'memory://',
    async drop() {
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

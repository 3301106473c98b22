/**
 * postgres.js with the `nextWrite`, `sql.begin` and multi-host fixes (scripts/patch-postgres-driver.mjs,
 * applied on install). Without the first a PostgreSQL restart under load kills the process; without
 * the second a transaction behind PgBouncer runs on a connection others share; without the third
 * queries wait for ever during a failover. Start-up says so loudly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { logger } from '../observability/logger.js';

const MARKERS = ['lianfang: guarded nextWrite', 'lianfang: begin reserves its connection', 'lianfang: multi-host rounds'];

/** Null when the installed driver carries the fix, otherwise what is wrong. */
export function postgresDriverProblem(): string | null {
  try {
    // `require.resolve` gives the CommonJS build (cjs/src/index.js); the ESM build is ../../src.
    const cjs = dirname(createRequire(import.meta.url).resolve('postgres'));
    const unpatched = [join(cjs, 'connection.js'), join(cjs, '..', '..', 'src', 'connection.js')].filter((f) => {
      const source = readFileSync(f, 'utf8');
      return MARKERS.some((m) => !source.includes(m));
    });
    return unpatched.length ? `postgres.js lacks the nextWrite, sql.begin or multi-host fix in ${unpatched.join(', ')}: run \`npm run db:patch-driver\`` : null;
  } catch (err) {
    return `cannot check the postgres.js driver: ${(err as Error).message}`;
  }
}

export async function loadPostgresDriver() {
  const problem = postgresDriverProblem();
  if (problem) logger.error({ problem }, 'the database driver lacks fixes it needs (a PostgreSQL restart, PgBouncer, a failover)');
  const { default: postgres } = await import('postgres');
  return postgres;
}

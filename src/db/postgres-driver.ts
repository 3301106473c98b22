/**
 * postgres.js with the `nextWrite` fix (scripts/patch-postgres-driver.mjs, applied on install).
 * Without it a PostgreSQL restart under load kills the process, so start-up says so loudly.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { logger } from '../observability/logger.js';

const MARKER = 'lianfang: guarded nextWrite';

/** Null when the installed driver carries the fix, otherwise what is wrong. */
export function postgresDriverProblem(): string | null {
  try {
    // `require.resolve` gives the CommonJS build (cjs/src/index.js); the ESM build is ../../src.
    const cjs = dirname(createRequire(import.meta.url).resolve('postgres'));
    const unpatched = [join(cjs, 'connection.js'), join(cjs, '..', '..', 'src', 'connection.js')].filter((f) => !readFileSync(f, 'utf8').includes(MARKER));
    return unpatched.length ? `postgres.js lacks the nextWrite fix in ${unpatched.join(', ')}: run \`npm run db:patch-driver\`` : null;
  } catch (err) {
    return `cannot check the postgres.js driver: ${(err as Error).message}`;
  }
}

export async function loadPostgresDriver() {
  const problem = postgresDriverProblem();
  if (problem) logger.error({ problem }, 'the database driver would crash on a PostgreSQL restart');
  const { default: postgres } = await import('postgres');
  return postgres;
}

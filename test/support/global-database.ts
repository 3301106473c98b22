/** On PGlite (no DATABASE_URL), builds the database every test file starts from, once per run. */
import type { TestProject } from 'vitest/node';
import { buildPgliteSnapshot } from './pglite-snapshot.js';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  if (process.env.DATABASE_URL) {
    project.provide('pgliteSnapshot', '');
    return;
  }
  const snapshot = await buildPgliteSnapshot();
  project.provide('pgliteSnapshot', snapshot.file);
  return snapshot.remove;
}

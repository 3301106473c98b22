import { defineConfig } from 'vitest/config';
import BrowserFirstSequencer from './test/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The server serves web/dist; the browser tests need it current. On PGlite every file's
    // database starts from one migrated, seeded copy built once.
    globalSetup: ['test/e2e/global-setup.ts', 'test/support/global-database.ts'],
    // Each integration file starts its own server and database; two cores run two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    sequence: { sequencer: BrowserFirstSequencer },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Quiet logs unless a run asks for more (servers spawned by tests inherit it).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The server serves web/dist; the browser tests need it current.
    globalSetup: ['test/e2e/global-setup.ts'],
    // Each integration file starts its own server and database; two cores run two at a time.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Quiet logs unless a run asks for more (servers spawned by tests inherit it).
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
});

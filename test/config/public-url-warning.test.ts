/**
 * A start without PUBLIC_URL warns that one-tap links point at this machine only; a test server
 * (whose listening address is the one every client uses) starts without that warning.
 */
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server.js';
import { createLogger, logger, setLogger } from '../../src/observability/logger.js';
import { createTestDatabase } from '../support/database.js';
import { startTestServer } from '../support/server.js';

const lines: string[] = [];
const previous = logger;
setLogger(createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) })));
afterAll(() => setLogger(previous));

// The second case proves the capture sees the warning when it is logged.
const warnings = () => lines.filter((l) => l.includes('PUBLIC_URL is not set'));

describe('the PUBLIC_URL warning', () => {
  it('is not logged by a test server', async () => {
    const server = await startTestServer({ manualEngine: true });
    try {
      expect(warnings()).toEqual([]);
      expect(server.services.links.publicUrl).toBe(server.url);
    } finally {
      await server.close();
    }
  });

  it('is logged by a real start without PUBLIC_URL', async () => {
    const database = await createTestDatabase();
    const server = await startServer({
      config: { port: 0, host: '127.0.0.1', databaseUrl: database.databaseUrl, dataDir: database.dataDir, seedDemo: false, databasePool: 2 },
      log: () => {},
      engineAutoStart: false,
    });
    try {
      expect(warnings()).toHaveLength(1);
      expect(JSON.parse(warnings()[0]!)).toMatchObject({ level: 'warn', publicUrl: `http://localhost:${server.port}` });
    } finally {
      await server.close();
      await database.drop();
    }
  });
});

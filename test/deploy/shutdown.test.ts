/**
 * Stopping a node (SIGTERM, as a deploy or a supervisor does): with nothing in hand it exits 0 at
 * once; held by a request that never finishes (here a client that never sends the body it
 * announced) it still exits, with code 1, once SHUTDOWN_GRACE_SECONDS have passed.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.js';
import { spawnServer, type ServerProcess } from '../support/process.js';

// Embedded PGlite in memory, whatever database the suite runs on: the node is stopped, not the database.
// Each test starts a node process (migrations included: about 12 s here), hence the longer timeouts.
const env = { DATABASE_URL: '', DATA_DIR: 'memory://', SEED_DEMO: 'false', LOG_LEVEL: 'info' };
let node: ServerProcess | undefined;
let client: Socket | undefined;
afterEach(async () => {
  client?.destroy();
  if (node?.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGKILL');
});

/** Exit code and seconds from the signal to the exit. */
async function stopWith(signal: NodeJS.Signals): Promise<{ code: number | null; seconds: number }> {
  const sent = performance.now();
  node!.child.kill(signal);
  const code = await node!.exited;
  return { code, seconds: (performance.now() - sent) / 1000 };
}

describe('stopping a node', () => {
  it('exits 0 when nothing holds it', async () => {
    node = await spawnServer({ ...env, SHUTDOWN_GRACE_SECONDS: '30' }, await freePort());
    const { code } = await stopWith('SIGTERM');
    expect(code, node.output()).toBe(0);
    expect(node.output()).toContain('shutting down');
  }, 120_000);

  it('exits 1 once the grace has passed when a request never finishes', async () => {
    node = await spawnServer({ ...env, SHUTDOWN_GRACE_SECONDS: '1' }, await freePort());
    const port = Number(new URL(node.url).port);
    client = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => (client!.once('connect', resolve), client!.once('error', reject)));
    // A login whose body never arrives: the request stays open until the client or the server gives up.
    client.write('POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":');
    await new Promise((r) => setTimeout(r, 200));
    const { code, seconds } = await stopWith('SIGTERM');
    expect(code, node.output()).toBe(1);
    expect(seconds).toBeGreaterThanOrEqual(0.9);
    expect(node.output()).toContain('shutdown did not finish within SHUTDOWN_GRACE_SECONDS');
  }, 120_000);
});

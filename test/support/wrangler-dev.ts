/**
 * Runs the Workers tier as an operator would locally: `wrangler dev --local --test-scheduled` (the
 * wrangler CLI, workerd on this machine, offline) against a database the Node migrator prepared.
 * `--test-scheduled` exposes GET /__scheduled, which runs the worker's cron handler once.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { openDatabase } from '../../src/db/client.js';
import { loadBundledRulebooks } from '../../src/rulebooks/index.js';
import { seedDemoAccounts } from '../../src/seed/demo.js';
import { installRulebooks } from '../../src/services/rulebooks/install.js';
import { freePort } from './ports.js';

const root = new URL('../..', import.meta.url).pathname;

/** Migrates with the Node migrator and seeds the rulebooks and demo accounts, as a Node server's first start does. */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
  const handle = await openDatabase({ databaseUrl, dataDir: 'memory://', maxConnections: 2, migrate: true });
  try {
    const books = loadBundledRulebooks();
    await installRulebooks(handle.db, books);
    await seedDemoAccounts(handle.db, books);
  } finally {
    await handle.close();
  }
}

export interface WranglerDev {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Hyperdrive's local connection string must carry a password, even under trust authentication. */
function withPassword(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  if (!url.password) url.password = 'local';
  return url.toString();
}

export async function startWranglerDev(databaseUrl: string, vars: Record<string, string> = {}): Promise<WranglerDev> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const wrangler = join(dirname(createRequire(import.meta.url).resolve('wrangler/package.json')), 'bin', 'wrangler.js');
  const args = [wrangler, 'dev', '--local', '--test-scheduled', '--ip', '127.0.0.1', '--port', String(port), '--inspector-port', String(inspectorPort), '--show-interactive-dev-session=false'];
  for (const [name, value] of Object.entries(vars)) args.push('--var', `${name}:${value}`);
  const child = spawn(process.execPath, args, {
    cwd: root,
    // Its own process group, so stopping it also stops workerd.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      CLOUDFLARE_HYPERDRIVE_LOCAL_CONNECTION_STRING_HYPERDRIVE: withPassword(databaseUrl),
      // Offline: no telemetry, no error reports, no update check, no request.cf lookup.
      WRANGLER_SEND_METRICS: 'false',
      WRANGLER_SEND_ERROR_REPORTS: 'false',
      WRANGLER_HIDE_BANNER: 'true',
      CLOUDFLARE_CF_FETCH_ENABLED: 'false',
      CI: 'true',
      NO_COLOR: '1',
    },
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      await exited;
    }
  };
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${out}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler dev did not answer /healthz:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { url, output: () => out, stop };
}

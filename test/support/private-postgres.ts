/**
 * A private PostgreSQL cluster for fault tests: Debian's initdb and pg_ctl in a temporary folder,
 * on a free port, trust authentication on 127.0.0.1 only. The test may stop and start it at will;
 * the machine's own server on 5432 is never touched. Run as the postgres user when we are root
 * (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.js';

const run = promisify(execFile);

/** Debian's PostgreSQL binaries; PG_BIN overrides. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres */
  url: string;
  port: number;
  /** Stops the server; `fast` terminates every session the way a restart does. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes the folder. */
  destroy(): Promise<void>;
}

/** Why a private cluster cannot run here, or null when it can. */
export function privatePostgresUnavailable(): string | null {
  if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl'))) return `no initdb/pg_ctl in ${PG_BIN}`;
  if (process.getuid?.() === 0 && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser to drop to the postgres user';
  return null;
}

async function postgresIds(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: g } = await run('id', ['-g', 'postgres']);
  return { uid: Number(stdout.trim()), gid: Number(g.trim()) };
}

export interface ClusterOptions {
  /** More server settings (`name=value`), e.g. for replication. */
  settings?: string[];
}

export async function startPrivatePostgres(options: ClusterOptions = {}): Promise<PrivatePostgres> {
  const { dir, data, as } = await clusterFolder();
  await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  return runCluster(dir, data, as, options);
}

export interface StandbyPostgres extends PrivatePostgres {
  /** Ends recovery: the standby becomes a primary that takes writes. */
  promote(): Promise<void>;
}

/**
 * A streaming standby of `primary` (pg_basebackup -R), on its own free port. The primary should
 * run with `synchronous_standby_names='*'` for a failover to lose no commit confirmed to a client.
 */
export async function startStandby(primary: PrivatePostgres, options: ClusterOptions = {}): Promise<StandbyPostgres> {
  const { dir, data, as } = await clusterFolder();
  await as('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', data, '-R', '-X', 'stream', '--no-sync']);
  const cluster = await runCluster(dir, data, as, options);
  return { ...cluster, promote: async () => void (await as('pg_ctl', ['promote', '-w', '-t', '60', '-D', data])) };
}

type Runner = (bin: string, args: string[]) => Promise<unknown>;

async function clusterFolder(): Promise<{ dir: string; data: string; as: Runner }> {
  const ids = await postgresIds();
  const dir = await mkdtemp(join(tmpdir(), 'lianfang-pg-'));
  if (ids) await chown(dir, ids.uid, ids.gid);
  const as: Runner = (bin, args) => (ids ? run('/usr/sbin/runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args));
  return { dir, data: join(dir, 'data'), as };
}

async function runCluster(dir: string, data: string, as: Runner, { settings = [] }: ClusterOptions): Promise<PrivatePostgres> {
  const port = await freePort();
  // fsync=off is safe here: only the server process stops, the machine's page cache survives. An
  // asynchronous commit would not: an immediate stop loses commits already confirmed to clients.
  const options = [`-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='${dir}' -c fsync=off -c full_page_writes=off`, ...settings.map((x) => `-c ${x}`)].join(' ');
  const start = async () => {
    await as('pg_ctl', ['start', '-w', '-t', '60', '-D', data, '-l', join(dir, 'log'), '-o', options]);
  };
  let running = false;
  await start();
  running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    async stop(mode = 'fast') {
      await as('pg_ctl', ['stop', '-w', '-t', '60', '-D', data, '-m', mode]);
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async destroy() {
      if (running) await as('pg_ctl', ['stop', '-w', '-D', data, '-m', 'immediate']).catch(() => {});
      running = false;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

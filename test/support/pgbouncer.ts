/**
 * Debian's PgBouncer, run by a test in the foreground with its own configuration, auth file and log
 * in a temporary folder, on a loopback port, in transaction pooling in front of one database of the
 * machine's PostgreSQL (trust auth, as CI runs it). PgBouncer refuses to run as root: as root it is
 * told to switch to PostgreSQL's OS user (`-u`), who is given the folder.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';

const run = promisify(execFile);
export const PGBOUNCER_BIN = process.env.PGBOUNCER_BIN ?? '/usr/sbin/pgbouncer';

/** Why PgBouncer cannot run here, or null when it can. */
export function pgbouncerUnavailable(): string | null {
  if (!existsSync(PGBOUNCER_BIN)) return `no pgbouncer at ${PGBOUNCER_BIN} (apt-get install pgbouncer; .ci/run does)`;
  return null;
}

/** The PostgreSQL a PgBouncer test puts PgBouncer in front of: DATABASE_URL's server, or the machine's. */
export const BOUNCED_SERVER = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Why a PgBouncer test cannot run here (no PgBouncer, or no PostgreSQL to put it in front of), or null. */
export async function bouncerTestUnavailable(server = BOUNCED_SERVER): Promise<string | null> {
  const missing = pgbouncerUnavailable();
  if (missing) return missing;
  const probe = postgres(server, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return null;
  } catch (err) {
    return `no PostgreSQL at ${new URL(server).host} (${(err as Error).message}); set DATABASE_URL`;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/** Settings for PgBouncer in front of one database of `server` (a postgres:// URL). */
export function bouncerSettings(server: string, database: string, port: number, poolSize: number): BouncerSettings {
  const url = new URL(server);
  return { server: { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username) || 'postgres' }, database, port, poolSize };
}

export interface BouncerSettings {
  /** The PostgreSQL behind it. */
  server: { host: string; port: number; user: string };
  database: string;
  port: number;
  /** Server connections for the database, whatever the number of clients. */
  poolSize: number;
}

export interface RunningPgBouncer {
  child: ChildProcess;
  /** postgres:// through PgBouncer to the database. */
  url: string;
  log(): Promise<string>;
  stop(): Promise<void>;
}

export async function startPgBouncer(dir: string, settings: BouncerSettings): Promise<RunningPgBouncer> {
  const { server, database, port, poolSize } = settings;
  const logFile = join(dir, 'pgbouncer.log');
  await writeFile(join(dir, 'users.txt'), `"${server.user}" ""\n`);
  await writeFile(
    join(dir, 'pgbouncer.ini'),
    [
      '[databases]',
      `${database} = host=${server.host} port=${server.port} dbname=${database} user=${server.user}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${join(dir, 'users.txt')}`,
      'pool_mode = transaction',
      `default_pool_size = ${poolSize}`,
      `max_db_connections = ${poolSize}`,
      'max_client_conn = 200',
      `logfile = ${logFile}`,
      'pidfile =',
    ].join('\n') + '\n',
  );
  const runAs = process.getuid?.() === 0 ? await unprivilegedUser() : null;
  if (runAs) await run('chown', ['-R', runAs, dir]);
  const child = spawn(PGBOUNCER_BIN, [...(runAs ? ['-u', runAs] : []), join(dir, 'pgbouncer.ini')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = async () => `${stderr}${await readFile(logFile, 'utf8').catch(() => '')}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`pgbouncer exited (${child.exitCode}):\n${await log()}`);
    if (await accepts(port)) break;
    if (i > 200) throw new Error(`pgbouncer did not listen on ${port}:\n${await log()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url: `postgres://${server.user}@127.0.0.1:${port}/${database}`,
    log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      // SIGTERM: immediate shutdown (the nodes are closed first); SIGKILL if it hangs.
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** PostgreSQL's own OS user where it is installed, otherwise `nobody`. */
async function unprivilegedUser(): Promise<string> {
  return run('id', ['-u', 'postgres']).then(
    () => 'postgres',
    () => 'nobody',
  );
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

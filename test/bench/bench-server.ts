/**
 * What every bench scenario stands on: a scratch database on the machine's PostgreSQL (dropped
 * at the end), the real server on it with the demo accounts, and demo logins by username.
 */
import postgres from 'postgres';
import { startServer, type RunningServer, type StartOptions } from '../../src/server.js';
import { logIn } from '../../src/services/auth/login.js';

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchServer {
  server: RunningServer;
  databaseUrl: string;
  databaseName: string;
  /** A connection to the machine's PostgreSQL outside the server's pool (statistics). */
  admin: postgres.Sql;
  /** A demo account's bearer token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBenchServer(scenario: string, pool: number, options: Omit<StartOptions, 'config' | 'log'> = {}): Promise<BenchServer> {
  const databaseName = `lianfang_${scenario}bench_${Date.now().toString(36)}`;
  const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${databaseName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  const server = await startServer({
    ...options,
    config: { port: 0, host: '127.0.0.1', databaseUrl, dataDir: 'memory://', seedDemo: true, databasePool: pool },
    log: () => {},
  });
  return {
    server,
    databaseUrl,
    databaseName,
    admin,
    login: async (username) => (await logIn(server.services, { username, password: 'lianfang-demo', address: `bench-${username}` })).token,
    async close() {
      await server.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`);
      await admin.end();
    },
  };
}

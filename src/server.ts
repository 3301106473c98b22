/**
 * The Node server: Hono on @hono/node-server with socket.io on the same port, the event relay,
 * and the embedded database when no DATABASE_URL is given.
 */
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/client.js';
import { EventRelay, type RelayOptions } from './realtime/event-relay.js';
import { DeliveryRecorder } from './realtime/delivery-recorder.js';
import { attachSocketServer } from './realtime/socket-server.js';
import { loadBundledRulebooks } from './rulebooks/index.js';
import { demoBanner, seedDemoAccounts } from './seed/demo.js';
import type { Services } from './services/context.js';
import { installRulebooks } from './services/rulebooks/install.js';
import { createRulebookStore } from './services/rulebooks/store.js';
import { Engine } from './engine/engine.js';
import type { ChannelAdapters } from './engine/dispatcher.js';
import { generateVapidKeys, WebPushAdapter } from './delivery/web-push.js';
import { createChannelAdapters } from './delivery/providers.js';
import { linkSecret } from './services/links/action-links.js';
import { storedSetting } from './services/settings/stored-secret.js';

const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const ASSET_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
/** The built web app (npm run build:web). */
const webDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export interface RunningServer {
  port: number;
  url: string;
  services: Services;
  database: DatabaseHandle;
  relay: EventRelay;
  engine: Engine;
  io: import('socket.io').Server;
  close(): Promise<void>;
}

export interface StartOptions {
  config: Config;
  clock?: () => Date;
  relay?: RelayOptions;
  log?: (line: string) => void;
  /** Channel adapters by provider; defaults to Web Push plus whatever the environment configures. */
  adapters?: ChannelAdapters;
  /** Tests drive the engine with `engine.tick()` and an injected clock instead of the timer. */
  engineAutoStart?: boolean;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, clock = () => new Date(), relay: relayOptions, log = console.log } = options;
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, maxConnections: config.databasePool });
  // Generated once per deployment and stored, unless the environment provides them.
  const vapid = config.vapid ?? (await storedSetting(database.db, 'vapid', generateVapidKeys));
  const services: Services = {
    db: database.db,
    clock,
    rulebooks: createRulebookStore(database.db),
    links: { secret: await linkSecret(database.db, config.linkSecret), publicUrl: '', vapidPublicKey: vapid.publicKey! },
    desk: {
      demoAccounts: config.seedDemo,
      ...(config.mapUrlTemplate ? { mapUrlTemplate: config.mapUrlTemplate } : {}),
      ...(config.attachmentsDir ? { attachmentsDir: config.attachmentsDir } : {}),
      ...(config.attachmentMaxBytes ? { attachmentMaxBytes: config.attachmentMaxBytes } : {}),
    },
  };
  const books = loadBundledRulebooks();
  await installRulebooks(database.db, books);
  if (config.seedDemo && (await seedDemoAccounts(database.db, books)) > 0) log(demoBanner(books));

  const app = createApp({
    services: () => services,
    ping: () => database.ping(),
    clientAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    docsAsset: async (file) => {
      const type = ASSET_TYPES[file.slice(file.lastIndexOf('.'))];
      return type ? { body: await readFile(join(swaggerDir, file)), type } : null;
    },
    webAsset: (file) => readFile(join(webDir, file)).catch(() => null),
  });

  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  const recorder = new DeliveryRecorder(services);
  let relay: EventRelay | undefined;
  const io = attachSocketServer(httpServer, { services, recorder, relayPosition: () => relay!.position });
  relay = new EventRelay(io, database, services, recorder, relayOptions);
  // The relay knows its position before the first socket can join.
  await relay.start();
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  services.links.publicUrl = config.publicUrl ?? `http://localhost:${port}`;

  const adapters: ChannelAdapters = options.adapters ?? {
    webpush: new WebPushAdapter({ publicKey: vapid.publicKey!, privateKey: vapid.privateKey!, subject: config.vapidSubject ?? 'mailto:lianfang@localhost' }),
    ...createChannelAdapters(process.env),
  };
  const engine = new Engine(services, adapters, database);
  if (options.engineAutoStart ?? true) await engine.start();

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    services,
    database,
    relay,
    engine,
    io,
    close: () =>
      (closing ??= (async () => {
        await engine.stop();
        await relay!.stop();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await recorder.flush();
        await database.close();
      })()),
  };
}

async function main() {
  const config = loadConfig(process.env);
  const faultExit = process.env.LIANFANG_FAULT === 'exit-before-delivery';
  const server = await startServer({
    config,
    // Fault injection for the crash test: die after events commit and before any is delivered.
    relay: faultExit ? { beforeDeliver: () => process.exit(86) } : undefined,
  });
  console.log(
    `联防 Lianfang listening on http://localhost:${server.port} (${server.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL'})`,
  );
  console.log(`  API docs: http://localhost:${server.port}/api/docs`);
  const shutdown = async (signal: string) => {
    console.log(`${signal}: shutting down`);
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}

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
import { announceCommits, type CommittedEvents } from './services/events/committed.js';
import { DeliveryRecorder } from './realtime/delivery-recorder.js';
import { attachSocketServer } from './realtime/socket-server.js';
import { AccessEnforcer } from './realtime/access-enforcer.js';
import { activeSessionActors } from './services/auth/sessions.js';
import { parseTrustedProxies } from './api/client-address.js';
import { parseOriginList, type OriginPolicy } from './api/origin-check.js';
import { loadBundledRulebooks } from './rulebooks/index.js';
import { demoBanner, markSeededDemoAccounts, seedDemoAccounts } from './seed/demo.js';
import type { Services } from './services/context.js';
import { installRulebooks } from './services/rulebooks/install.js';
import { createRulebookStore } from './services/rulebooks/store.js';
import { Engine } from './engine/engine.js';
import type { ChannelAdapters } from './engine/dispatcher.js';
import { generateVapidKeys, WebPushAdapter } from './delivery/web-push.js';
import { DEFAULT_PUSH_SERVICE_HOSTS, type PushEndpointPolicy } from './domain/push-endpoints.js';
import { createChannelAdapters } from './delivery/providers.js';
import { linkSecret } from './services/links/action-links.js';
import { storedSetting } from './services/settings/stored-secret.js';
import { createLogger, logger, setLogger } from './observability/logger.js';
import { createMetrics, type ServerMetrics } from './observability/metrics.js';
import { startMetricsServer } from './observability/metrics-server.js';
import { checkReadiness } from './observability/readiness.js';
import { surviveLostConnections } from './observability/lost-connections.js';

/** Longer than nginx's upstream keepalive_timeout (60 s), so the proxy always closes first. */
const KEEP_ALIVE_MS = 75_000;

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
  /** The events each transaction of this node appended, announced as it commits. */
  committed: CommittedEvents;
  engine: Engine;
  io: import('socket.io').Server;
  /** Ends sockets whose access ended (the relay applies log rows; the sweep re-checks sessions). */
  access: AccessEnforcer;
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
  /** Tests and benchmarks with a local fake push service; otherwise from PUSH_SERVICE_HOSTS. */
  pushEndpoints?: PushEndpointPolicy;
  /**
   * Tests: the listening address is the one every client uses, so links point there and the
   * missing PUBLIC_URL is no warning. A real start leaves this unset and is warned.
   */
  linksAtListenAddress?: boolean;
  /** Tests: an in-memory PGlite starts from these contents (see DatabaseConfig.pgliteSnapshot). */
  pgliteSnapshot?: Blob;
  /** Tests: the milliseconds sockets' message budgets refill by (performance.now otherwise). */
  loadClock?: () => number;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { config, clock = () => new Date(), relay: relayOptions, log = (line: string) => logger.info(line) } = options;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    directUrl: config.databaseDirectUrl,
    dataDir: config.dataDir,
    maxConnections: config.databasePool,
    migrate: config.migrate,
    pgliteSnapshot: options.pgliteSnapshot,
  });
  // Generated once per deployment and stored, unless the environment provides them.
  const vapid = config.vapid ?? (await storedSetting(database.db, 'vapid', generateVapidKeys));
  const services: Services = {
    db: database.db,
    clock,
    rulebooks: createRulebookStore(database.db),
    links: { secret: await linkSecret(database.db, config.linkSecret), publicUrl: '', vapidPublicKey: vapid.publicKey! },
    pushEndpoints: options.pushEndpoints ?? { hosts: config.pushServiceHosts ?? DEFAULT_PUSH_SERVICE_HOSTS },
    demoLogin: config.demoLogin ?? true,
    desk: {
      // The login page advertises the demo accounts only where they may log in.
      demoAccounts: config.seedDemo && (config.demoLogin ?? true),
      ...(config.mapUrlTemplate ? { mapUrlTemplate: config.mapUrlTemplate } : {}),
      ...(config.attachmentsDir ? { attachmentsDir: config.attachmentsDir } : {}),
      ...(config.attachmentMaxBytes ? { attachmentMaxBytes: config.attachmentMaxBytes } : {}),
    },
  };
  const books = loadBundledRulebooks();
  await installRulebooks(database.db, books);
  if (config.seedDemo && (await seedDemoAccounts(database.db, books)) > 0) log(demoBanner(books));
  await markSeededDemoAccounts(database.db);

  const proxies = parseTrustedProxies(config.trustedProxies);
  const extraOrigins = parseOriginList(config.allowedOrigins);
  const origins: OriginPolicy = {
    // Read per request: the public origin is only known once the port is.
    allowed: () => [services.links.publicUrl, ...extraOrigins].filter(Boolean),
    trustHost: !config.publicUrl,
  };
  let metrics: ServerMetrics | undefined;
  const app = createApp({
    services: () => services,
    observeRequest: (outcome) => metrics?.observeRequest(outcome),
    operations: {
      readiness: () => checkReadiness(database, () => relay!.position, clock, { maxRelayLag: config.readyMaxRelayLag ?? 1000, maxEngineLagSeconds: config.readyMaxEngineLagSeconds ?? 120 }),
      metrics: config.metricsToken && !config.metricsPort ? { token: config.metricsToken, render: () => metrics!.render() } : undefined,
    },
    ping: () => database.ping(),
    peerAddress: (c) => getConnInfo(c).remote.address ?? 'unknown',
    proxies,
    origins,
    docsAsset: async (file) => {
      const type = ASSET_TYPES[file.slice(file.lastIndexOf('.'))];
      return type ? { body: await readFile(join(swaggerDir, file)), type } : null;
    },
    webAsset: (file) => readFile(join(webDir, file)).catch(() => null),
  });

  const committed = announceCommits(database.db);
  const httpServer = createAdaptorServer({ fetch: app.fetch }) as HttpServer;
  // Idle keep-alive connections outlive the proxy's (nginx keeps upstream ones 60 s) and the
  // client's: with Node's 5 s default, a proxy or client reusing a connection the server was just
  // closing got a reset (nginx: 502) for a request that never arrived.
  httpServer.keepAliveTimeout = KEEP_ALIVE_MS;
  const recorder = new DeliveryRecorder(services);
  let relay: EventRelay | undefined;
  const io = attachSocketServer(httpServer, { services, recorder, relayPosition: () => relay!.position, recent: () => relay?.recent, access: () => access, origins, proxies, loadClock: options.loadClock });
  const access = new AccessEnforcer(io);
  relay = new EventRelay(io, database, services, recorder, access, relayOptions);
  // The relay knows its position before the first socket can join.
  await relay.start();
  // This node's writes reach its sockets as soon as they commit, not after NOTIFY and a log read.
  const stopOffering = committed.listen((events) => relay!.offer(events));
  access.startSweeping((ids) => activeSessionActors(services, ids));
  metrics = createMetrics({ database, io, relayPosition: () => relay!.position, clock });
  const metricsServer = config.metricsPort ? await startMetricsServer(metrics, config.metricsPort, config.host) : undefined;
  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  services.links.publicUrl = config.publicUrl ?? (options.linksAtListenAddress ? url : `http://localhost:${port}`);
  if (!config.publicUrl && !options.linksAtListenAddress) logger.warn({ publicUrl: services.links.publicUrl }, 'PUBLIC_URL is not set: one-tap links point to this machine only');

  const adapters: ChannelAdapters = options.adapters ?? {
    webpush: new WebPushAdapter({ publicKey: vapid.publicKey!, privateKey: vapid.privateKey!, subject: config.vapidSubject ?? 'mailto:lianfang@localhost' }, services.pushEndpoints),
    ...createChannelAdapters(process.env),
  };
  // The channel pages say at once when a channel cannot deliver on this server.
  services.channels = {
    configured: (provider) => !!adapters[provider as keyof ChannelAdapters],
    refusesAddress: (provider, address) => adapters[provider as keyof ChannelAdapters]?.refusesAddress?.(address) ?? false,
  };
  services.voiceCalls = !!adapters.voice;
  services.voiceCallbackSecret = config.voiceCallbackSecret;
  const engine = new Engine(services, adapters, database);
  if (options.engineAutoStart ?? true) await engine.start();

  let closing: Promise<void> | undefined;
  return {
    port,
    url,
    services,
    database,
    relay,
    committed,
    engine,
    io,
    access,
    close: () =>
      (closing ??= (async () => {
        await engine.stop();
        stopOffering();
        await relay!.stop();
        access.stop();
        metricsServer?.close();
        io.disconnectSockets(true);
        await new Promise<void>((resolve) => io.close(() => resolve()));
        await recorder.flush();
        await database.close();
      })()),
  };
}

async function main() {
  const config = loadConfig(process.env);
  setLogger(createLogger(config.logLevel));
  surviveLostConnections();
  const faultExit = process.env.LIANFANG_FAULT === 'exit-before-delivery';
  const server = await startServer({
    config,
    // Fault injection for the crash test: die after a report's events commit and before any is
    // delivered (events with no incident, e.g. the annual round opened at start, do not count).
    relay: faultExit ? { beforeDeliver: (events) => events.some((e) => e.incidentId) && process.exit(86) } : undefined,
  });
  logger.info(
    { port: server.port, database: server.database.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}` : 'PostgreSQL', docs: `http://localhost:${server.port}/api/docs` },
    `联防 Lianfang listening on http://localhost:${server.port}`,
  );
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const graceSeconds = config.shutdownGraceSeconds ?? 25;
    // A request hung on a dead database or a client that never finishes its body would hold the close for ever.
    setTimeout(() => {
      logger.error({ graceSeconds }, 'shutdown did not finish within SHUTDOWN_GRACE_SECONDS; exiting');
      process.exit(1);
    }, graceSeconds * 1000).unref();
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((err) => {
    logger.fatal({ err }, err instanceof Error ? err.message : 'start-up failed');
    process.exit(1);
  });
}

/**
 * The same Hono app as a Cloudflare Worker: a stateless API tier over PostgreSQL (Hyperdrive or a
 * connection string), the web app and the API docs' files from Workers static assets, and the
 * timer engine on a cron trigger. Realtime (socket.io and the event relay) stays on the Node
 * servers, which relay the same event log.
 */
import type { Context } from 'hono';
import { createApp } from './app.js';
import type { Services } from './services/context.js';
import { docsAssetReader, webAssetReader } from './worker/assets.js';
import { openWorkerDatabase, workerServices, type ExecutionContext, type WorkerEnv } from './worker/env.js';
import { runScheduledPass } from './worker/scheduled.js';
import type postgres from 'postgres';

type RequestEnv = WorkerEnv & { services: Services; sql: postgres.Sql };

let app: ReturnType<typeof createApp> | undefined;

/** Built on the first request: the asset readers need the isolate's ASSETS binding. */
function workerApp(env: WorkerEnv) {
  app ??= createApp({
    services: (c: Context) => (c.env as RequestEnv).services,
    ping: async (c: Context) => {
      await (c.env as RequestEnv).sql`select 1`;
    },
    // Cloudflare's edge is the only peer; it names the client itself.
    peerAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
    origins: { allowed: () => [], trustHost: true },
    docsAsset: docsAssetReader(env.ASSETS),
    webAsset: webAssetReader(env.ASSETS),
  });
  return app;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const database = openWorkerDatabase(env);
    if (!database) return new Response('DATABASE_URL or a HYPERDRIVE binding is required', { status: 500 });
    try {
      const services = await workerServices(database.db, env, new URL(request.url).origin);
      return await workerApp(env).fetch(request, { ...env, services, sql: database.sql } satisfies RequestEnv, ctx as never);
    } finally {
      ctx.waitUntil(database.end());
    }
  },

  /** Every minute (wrangler.toml): one engine pass, then the invocation ends. */
  async scheduled(_controller: unknown, env: WorkerEnv): Promise<void> {
    // Awaited, not waitUntil: a failed pass fails the invocation, so it shows in the cron's log.
    await runScheduledPass(env);
  },
};

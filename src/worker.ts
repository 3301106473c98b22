/**
 * The same Hono app as a Cloudflare Worker: a stateless API tier over PostgreSQL (Hyperdrive or a
 * connection string). Realtime stays on the Node socket.io nodes, which relay the same event log.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import { retryConflicts } from './db/retry.js';
import postgres from 'postgres';
import type { Context } from 'hono';
import { createApp } from './app.js';
import type { Database } from './db/client.js';
import * as schema from './db/schema.js';
import type { LinkSettings, Services } from './services/context.js';
import { linkSecret } from './services/links/action-links.js';
import { storedSetting } from './services/settings/stored-secret.js';
import { generateVapidKeys } from './delivery/web-push.js';
import { createRulebookStore } from './services/rulebooks/store.js';

interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  DATABASE_URL?: string;
  PUBLIC_URL?: string;
  LINK_SECRET?: string;
  ASSETS?: { fetch(request: Request | string): Promise<Response> };
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

let links: LinkSettings | undefined;

type RequestEnv = WorkerEnv & { services: Services; sql: postgres.Sql };

const app = createApp({
  services: (c: Context) => (c.env as RequestEnv).services,
  ping: async (c: Context) => {
    await (c.env as RequestEnv).sql`select 1`;
  },
  // Cloudflare's edge is the only peer; it names the client itself.
  peerAddress: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
  origins: { allowed: () => [], trustHost: true },
  docsAsset: async () => null,
});

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL;
    if (!url) return new Response('DATABASE_URL or a HYPERDRIVE binding is required', { status: 500 });
    // One small pool per request, as Hyperdrive recommends; it is closed after the response.
    const sql = postgres(url, { max: 5, fetch_types: false });
    const db = retryConflicts(drizzle(sql, { schema }) as unknown as Database);
    // The link secret and VAPID key are the ones the Node servers generated and stored.
    links ??= {
      secret: await linkSecret(db, env.LINK_SECRET),
      publicUrl: env.PUBLIC_URL ?? new URL(request.url).origin,
      vapidPublicKey: (await storedSetting(db, 'vapid', generateVapidKeys)).publicKey!,
    };
    const services: Services = { db, clock: () => new Date(), rulebooks: createRulebookStore(db), links };
    try {
      return await app.fetch(request, { ...env, services, sql } satisfies RequestEnv, ctx as never);
    } finally {
      ctx.waitUntil(sql.end({ timeout: 5 }));
    }
  },
};

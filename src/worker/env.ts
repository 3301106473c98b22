/**
 * What a Worker is given (wrangler.toml bindings and vars) and what it builds from them per
 * invocation: a small postgres.js pool over Hyperdrive, closed when the invocation ends, and the
 * services the Node servers use, over the settings they generated and stored.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { Database } from '../db/client.js';
import { retryConflicts } from '../db/retry.js';
import * as schema from '../db/schema.js';
import { generateVapidKeys } from '../delivery/web-push.js';
import type { LinkSettings, Services } from '../services/context.js';
import { linkSecret } from '../services/links/action-links.js';
import { createRulebookStore } from '../services/rulebooks/store.js';
import { storedSetting } from '../services/settings/stored-secret.js';

/** The static assets binding (wrangler.toml `[assets] binding`). */
export interface AssetsBinding {
  fetch(request: Request | string): Promise<Response>;
}

export interface WorkerEnv {
  HYPERDRIVE?: { connectionString: string };
  DATABASE_URL?: string;
  /** The public origin one-tap links point at; required for the cron's deliveries. */
  PUBLIC_URL?: string;
  LINK_SECRET?: string;
  ASSETS?: AssetsBinding;
  /** Comma-separated webhook hosts, as on Node (src/delivery/providers.ts). */
  DINGTALK_WEBHOOK_HOSTS?: string;
  WECOM_WEBHOOK_HOSTS?: string;
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

export interface WorkerDatabase {
  db: Database;
  sql: postgres.Sql;
  /** Ends the pool; pass it to waitUntil once the invocation's work is done. */
  end(): Promise<void>;
}

/** One small pool per invocation, as Hyperdrive recommends; null when no database is bound. */
export function openWorkerDatabase(env: WorkerEnv): WorkerDatabase | null {
  const url = env.HYPERDRIVE?.connectionString ?? env.DATABASE_URL;
  if (!url) return null;
  const sql = postgres(url, { max: 5, fetch_types: false });
  const db = retryConflicts(drizzle(sql, { schema }) as unknown as Database);
  return { db, sql, end: () => sql.end({ timeout: 5 }) };
}

let stored: { secret: string; vapidPublicKey: string } | undefined;

/** The link secret and VAPID key the Node servers generated and stored (read once per isolate). */
async function storedLinkSettings(db: Database, env: WorkerEnv) {
  stored ??= {
    secret: await linkSecret(db, env.LINK_SECRET),
    vapidPublicKey: (await storedSetting(db, 'vapid', generateVapidKeys)).publicKey!,
  };
  return stored;
}

/** The services of one invocation; `publicUrl` is PUBLIC_URL, else what the caller knows (a request's origin). */
export async function workerServices(db: Database, env: WorkerEnv, fallbackOrigin = ''): Promise<Services> {
  const links: LinkSettings = { ...(await storedLinkSettings(db, env)), publicUrl: env.PUBLIC_URL ?? fallbackOrigin };
  return { db, clock: () => new Date(), rulebooks: createRulebookStore(db), links };
}

/** Configuration from the environment, parsed once at start (spec §8). */
import { z } from 'zod';
import { parseTrustedProxies } from './api/client-address.js';
import { parseOriginList } from './api/origin-check.js';
import { parsePushServiceHosts } from './domain/push-endpoints.js';
import { LOG_LEVELS, type LogLevel } from './observability/logger.js';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// URL'),
  /**
   * PostgreSQL itself, when DATABASE_URL points at PgBouncer in transaction pooling: the node then
   * LISTENs on one connection here and migrates here, and its pool prepares no statements.
   */
  DATABASE_DIRECT_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'DATABASE_DIRECT_URL must be a postgres:// URL'),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  /**
   * The node's pool: at most this many connections to DATABASE_URL (requests, the relay, the
   * engine and the socket checks all draw on it). The node's whole budget on PostgreSQL is this pool
   * plus one LISTEN connection (the relay and the engine share it; on DATABASE_DIRECT_URL when set);
   * with MIGRATE on, one connection migrates at start and closes before the others open. Through
   * PgBouncer the pool's connections are PgBouncer's clients, and PostgreSQL sees PgBouncer's own
   * pool plus each node's LISTEN connection. The README says how many nodes that carries.
   */
  DATABASE_POOL: z.coerce.number().int().min(1).max(100).default(10),
  /**
   * On SIGTERM/SIGINT the node stops taking work and finishes what it holds; past this many seconds
   * (a request hung on a dead database, a client that never sends its body) it exits anyway, with
   * code 1, so a deploy or a supervisor is never kept waiting. Below Kubernetes' 30 s default.
   */
  SHUTDOWN_GRACE_SECONDS: z.coerce.number().min(0).max(3600).default(25),
  /** `false`: migrations are a separate deploy step (`npm run db:migrate`); start-up only checks none is pending. */
  MIGRATE: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  /** Origin that one-tap links point to, e.g. https://lianfang.example.gov.cn */
  PUBLIC_URL: z.url().optional().transform((v) => v?.replace(/\/+$/, '')),
  /** Signing secret for one-tap links; generated once and stored when absent. */
  LINK_SECRET: z.string().min(32).optional(),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default('mailto:lianfang@localhost'),
  /** Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, e.g. 127.0.0.1,10.0.0.0/8 */
  TRUSTED_PROXIES: z.string().default(''),
  /** Origins besides PUBLIC_URL whose pages may use the session cookie, comma-separated. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Push services subscriptions may point to: host names or *.suffix, comma-separated. */
  PUSH_SERVICE_HOSTS: z.string().optional(),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Serve /metrics on this port only (bind it to a private interface); otherwise see METRICS_TOKEN. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** Bearer token for /metrics on the main port; without it (and without METRICS_PORT) /metrics is not served. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional(),
  /** /readyz fails when this node's relay is more events behind the log than this. */
  READY_MAX_RELAY_LAG: z.coerce.number().int().min(1).default(1000),
  /** /readyz fails when a due step has waited longer than this many seconds. */
  READY_MAX_ENGINE_LAG_SECONDS: z.coerce.number().min(1).default(120),
  /** Where a report's address links to: `{address}`, or `{lng}` and `{lat}` when it has coordinates. */
  MAP_URL_TEMPLATE: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => !v || (/^https?:\/\//.test(v) && /\{(address|lng|lat)\}/.test(v)), 'MAP_URL_TEMPLATE must be an http(s) URL with {address} or {lng}/{lat}'),
  /** A directory for attachments; absent → they are stored in the database. */
  ATTACHMENTS_DIR: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /**
   * Demo accounts (published password) refuse to log in when NODE_ENV=production, unless this is
   * `true` (e.g. a training installation run in production mode).
   */
  ALLOW_DEMO_LOGIN: z.enum(['true', 'false', '1', '0', '']).default('false').transform((v) => v === 'true' || v === '1'),
  /** Signs voice calls' session context, checked on the key-press callback (POST /voice/tencent/keypress). */
  VOICE_CALLBACK_SECRET: z.string().min(32, 'VOICE_CALLBACK_SECRET must be at least 32 characters').optional(),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  /** PostgreSQL itself when databaseUrl is PgBouncer in transaction pooling (LISTEN, migrations). */
  databaseDirectUrl?: string;
  dataDir: string;
  seedDemo: boolean;
  databasePool: number;
  /** Seconds a shutdown may take before the process exits anyway (main() only). */
  shutdownGraceSeconds?: number;
  /** Apply pending migrations at start (default true). */
  migrate?: boolean;
  publicUrl?: string;
  linkSecret?: string;
  vapid?: { publicKey: string; privateKey: string };
  vapidSubject?: string;
  /** Addresses or CIDRs, comma-separated; absent → no proxy is believed. */
  trustedProxies?: string;
  /** Origins, comma-separated. */
  allowedOrigins?: string;
  /** Push services subscriptions may point to; absent → the major browsers' (DEFAULT_PUSH_SERVICE_HOSTS). */
  pushServiceHosts?: string[];
  logLevel?: LogLevel;
  metricsPort?: number;
  metricsToken?: string;
  readyMaxRelayLag?: number;
  readyMaxEngineLagSeconds?: number;
  mapUrlTemplate?: string;
  attachmentsDir?: string;
  attachmentMaxBytes?: number;
  /** Whether demo accounts may log in: false under NODE_ENV=production unless ALLOW_DEMO_LOGIN=true. */
  demoLogin?: boolean;
  voiceCallbackSecret?: string;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const c = parsed.data;
  // Read now so a wrong entry stops the start, not the first request.
  parseTrustedProxies(c.TRUSTED_PROXIES);
  parseOriginList(c.ALLOWED_ORIGINS);
  if (c.DATABASE_DIRECT_URL && !c.DATABASE_URL) throw new Error('invalid configuration: DATABASE_DIRECT_URL is only for a DATABASE_URL that goes through PgBouncer; set DATABASE_URL too');
  if (!!c.VAPID_PUBLIC_KEY !== !!c.VAPID_PRIVATE_KEY) throw new Error('invalid configuration: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither');
  const needsPublicUrl = publicUrlRequiredBy(env);
  if (!c.PUBLIC_URL && needsPublicUrl)
    throw new Error(
      `invalid configuration: PUBLIC_URL is required (${needsPublicUrl}): the one-tap 签收 links in SMS, robot and push messages must point at the address people reach, e.g. PUBLIC_URL=https://lianfang.example.gov.cn`,
    );
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    databaseDirectUrl: c.DATABASE_DIRECT_URL,
    dataDir: c.DATA_DIR,
    seedDemo: c.SEED_DEMO,
    databasePool: c.DATABASE_POOL,
    shutdownGraceSeconds: c.SHUTDOWN_GRACE_SECONDS,
    migrate: c.MIGRATE,
    publicUrl: c.PUBLIC_URL,
    linkSecret: c.LINK_SECRET,
    vapid: c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY ? { publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY } : undefined,
    vapidSubject: c.VAPID_SUBJECT,
    trustedProxies: c.TRUSTED_PROXIES,
    allowedOrigins: c.ALLOWED_ORIGINS,
    pushServiceHosts: c.PUSH_SERVICE_HOSTS?.trim() ? parsePushServiceHosts(c.PUSH_SERVICE_HOSTS) : undefined,
    logLevel: c.LOG_LEVEL,
    metricsPort: c.METRICS_PORT,
    metricsToken: c.METRICS_TOKEN,
    readyMaxRelayLag: c.READY_MAX_RELAY_LAG,
    readyMaxEngineLagSeconds: c.READY_MAX_ENGINE_LAG_SECONDS,
    mapUrlTemplate: c.MAP_URL_TEMPLATE,
    attachmentsDir: c.ATTACHMENTS_DIR,
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    demoLogin: env.NODE_ENV !== 'production' || c.ALLOW_DEMO_LOGIN,
    voiceCallbackSecret: c.VOICE_CALLBACK_SECRET,
  };
}

/** Why PUBLIC_URL must be set, or null: production, or a channel that carries links outside the app. */
export function publicUrlRequiredBy(env: Record<string, string | undefined>): string | null {
  const set = (name: string) => !!env[name]?.trim();
  if (env.NODE_ENV === 'production') return 'NODE_ENV=production';
  const channels = [
    set('SMS_PROVIDER') && 'SMS_PROVIDER',
    set('VAPID_PUBLIC_KEY') && 'VAPID_PUBLIC_KEY',
    set('DINGTALK_WEBHOOK_HOSTS') && 'DINGTALK_WEBHOOK_HOSTS',
    set('WECOM_WEBHOOK_HOSTS') && 'WECOM_WEBHOOK_HOSTS',
  ].filter(Boolean);
  return channels.length ? `an external channel is configured: ${channels.join(', ')}` : null;
}

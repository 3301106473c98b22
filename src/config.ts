/** Configuration from the environment, parsed once at start (spec §8). */
import { z } from 'zod';

const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), 'DATABASE_URL must be a postgres:// URL'),
  DATA_DIR: z.string().default('./data'),
  SEED_DEMO: z
    .enum(['true', 'false', '1', '0', ''])
    .default('true')
    .transform((v) => v !== 'false' && v !== '0'),
  DATABASE_POOL: z.coerce.number().int().min(1).max(100).default(10),
  /** Origin that one-tap links point to, e.g. https://lianfang.example.gov.cn */
  PUBLIC_URL: z.url().optional().transform((v) => v?.replace(/\/+$/, '')),
  /** Signing secret for one-tap links; generated once and stored when absent. */
  LINK_SECRET: z.string().min(32).optional(),
  VAPID_PUBLIC_KEY: z.string().optional(),
  VAPID_PRIVATE_KEY: z.string().optional(),
  VAPID_SUBJECT: z.string().default('mailto:lianfang@localhost'),
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
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(10 * 1024 * 1024),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  seedDemo: boolean;
  databasePool: number;
  publicUrl?: string;
  linkSecret?: string;
  vapid?: { publicKey: string; privateKey: string };
  vapidSubject?: string;
  mapUrlTemplate?: string;
  attachmentsDir?: string;
  attachmentMaxBytes?: number;
};

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) throw new Error(`invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  const c = parsed.data;
  if (!!c.VAPID_PUBLIC_KEY !== !!c.VAPID_PRIVATE_KEY) throw new Error('invalid configuration: set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither');
  return {
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.DATA_DIR,
    seedDemo: c.SEED_DEMO,
    databasePool: c.DATABASE_POOL,
    publicUrl: c.PUBLIC_URL,
    linkSecret: c.LINK_SECRET,
    vapid: c.VAPID_PUBLIC_KEY && c.VAPID_PRIVATE_KEY ? { publicKey: c.VAPID_PUBLIC_KEY, privateKey: c.VAPID_PRIVATE_KEY } : undefined,
    vapidSubject: c.VAPID_SUBJECT,
    mapUrlTemplate: c.MAP_URL_TEMPLATE,
    attachmentsDir: c.ATTACHMENTS_DIR,
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
  };
}

/**
 * The one logger: structured JSON lines (pino) on stdout, level from LOG_LEVEL (default `info`).
 * Secrets never reach a line: the serializers and `redact` paths drop passwords, cookies, tokens
 * and one-tap link secrets wherever they appear.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

export type { Logger };

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const REDACTED_KEYS = ['password', 'newPassword', 'currentPassword', 'token', 'cookie', 'authorization', 'secret', 'linkSecret', 'privateKey', 'p256dh', 'auth'];

/** `/a/<token>` one-tap links carry their secret in the path. */
export function redactPath(path: string): string {
  return path.replace(/^\/a\/[^/?#]+/, '/a/[redacted]').replace(/([?&](?:token|t|secret)=)[^&#]*/gi, '$1[redacted]');
}

/** Fields every line logged while serving one request carries (its request id). */
const logContext = new AsyncLocalStorage<Record<string, unknown>>();

export function withLogContext<T>(fields: Record<string, unknown>, fn: () => T): T {
  return logContext.run(fields, fn);
}

export function createLogger(level: LogLevel = (process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: LOG_LEVELS.includes(level) ? level : 'info',
      base: { service: 'lianfang' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [...REDACTED_KEYS, ...REDACTED_KEYS.map((k) => `*.${k}`), ...REDACTED_KEYS.map((k) => `*.*.${k}`)],
        censor: '[redacted]',
      },
      serializers: { err: pino.stdSerializers.err },
      mixin: () => logContext.getStore() ?? {},
    },
    destination,
  );
}

/** The process-wide logger, for code that runs outside a request (engine, relay, start-up). */
export let logger: Logger = createLogger();

/** Replaces the process-wide logger (the server does this once from its configuration). */
export function setLogger(next: Logger): void {
  logger = next;
}

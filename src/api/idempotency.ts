/** The `Idempotency-Key` request header and how a replayed answer is sent back. */
import { z } from '@hono/zod-openapi';
import type { AppContext } from './env.js';

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, 'Idempotency-Key 至少8个字符 (at least 8 characters)')
    .max(200)
    .optional()
    .meta({ description: 'Retrying with the same key returns the first answer and never takes effect twice' }),
});

/** Marks a replayed answer so a client can tell its retry found the first submission. */
export function idempotentJson<T>(c: AppContext, outcome: { status: number; body: T; replayed: boolean }) {
  if (outcome.replayed) c.header('idempotent-replayed', 'true');
  return c.json(outcome.body as never, outcome.status as 201);
}

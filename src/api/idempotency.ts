/** The `Idempotency-Key` request header and how a replayed answer is sent back. */
import { z } from '@hono/zod-openapi';
import { problemSchema } from '../contract/api.js';
import type { AppContext } from './env.js';

export const idempotencyHeaders = z.object({
  'idempotency-key': z
    .string()
    .min(8, 'Idempotency-Key 至少8个字符 (at least 8 characters)')
    .max(200)
    .optional()
    .meta({ description: 'Retrying with the same key returns the first answer and never takes effect twice' }),
});

/** The 409 of a route whose only conflict is a key reused with another body. */
export const keyReused = { description: 'Idempotency-Key reused with another body', content: { 'application/problem+json': { schema: problemSchema } } };

/** Marks a replayed answer so a client can tell its retry found the first submission. */
export function idempotentJson<T>(c: AppContext, outcome: { status: number; body: T; replayed: boolean }) {
  if (outcome.replayed) c.header('idempotent-replayed', 'true');
  return c.json(outcome.body as never, outcome.status as 201);
}

/** The same for a write that records on something existing (a progress report): answered 200. */
export function idempotentUpdateJson<T>(c: AppContext, outcome: { status: number; body: T; replayed: boolean }) {
  if (outcome.replayed) c.header('idempotent-replayed', 'true');
  return c.json(outcome.body as never, outcome.status as 200);
}

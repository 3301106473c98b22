/**
 * Operator endpoints beside /healthz (liveness): /readyz, which fails when the database is
 * unreachable or the relay or the engine lags beyond its bound, and /metrics (Prometheus) when it
 * is served on the main port, then only with the bearer METRICS_TOKEN. Runtime-neutral.
 */
import { Hono } from 'hono';
import { problemResponse } from '../api/problem.js';

export interface ReadinessCheck {
  name: 'database' | 'relay' | 'engine';
  ok: boolean;
  detail: string;
}

export interface Operations {
  readiness(): Promise<ReadinessCheck[]>;
  /** Prometheus text, served on the main port only when a token protects it. */
  metrics?: { token: string; render(): Promise<{ body: string; contentType: string }> };
}

/** Constant-time comparison, so the token cannot be guessed a byte at a time. */
function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] ?? 0) ^ b[i]!;
  return diff === 0;
}

export function operationsRoutes(ops: Operations) {
  const app = new Hono();
  app.get('/readyz', async (c) => {
    const checks = await ops.readiness();
    if (checks.every((x) => x.ok)) return c.json({ status: 'ready', checks });
    return problemResponse(
      c,
      { type: 'about:blank', title: 'not ready', status: 503, detail: checks.filter((x) => !x.ok).map((x) => `${x.name}: ${x.detail}`).join('; '), checks },
      { 'retry-after': '5' },
    );
  });
  const metrics = ops.metrics;
  if (metrics)
    app.get('/metrics', async (c) => {
      const auth = c.req.header('authorization') ?? '';
      if (!auth.startsWith('Bearer ') || !sameSecret(auth.slice(7), metrics.token))
        return problemResponse(c, { type: 'about:blank', title: 'unauthorized', status: 401, detail: 'Authorization: Bearer <METRICS_TOKEN> required' }, { 'www-authenticate': 'Bearer' });
      const { body, contentType } = await metrics.render();
      return c.body(body, 200, { 'content-type': contentType });
    });
  return app;
}

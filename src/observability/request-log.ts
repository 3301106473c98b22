/**
 * Per request: runs the handlers inside the request's log context (so every line logged while
 * serving it carries its `reqId`), then writes one access-log line and reports the outcome to
 * whoever observes requests (the Node server's metrics). Runtime-neutral: no Node-only import.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { logger, redactPath, withLogContext } from './logger.js';

export interface RequestOutcome {
  method: string;
  /** The route pattern (`/api/v1/incidents/:id`), never the raw path: bounded label values. */
  route: string;
  status: number;
  seconds: number;
}

export type RequestObserver = (outcome: RequestOutcome) => void;

/** The pattern of the route that answered, or `unmatched` (made-up paths must not mint label values). */
export function routePattern(c: Context): string {
  try {
    // The route whose handler (or middleware, e.g. a 401) ran last, i.e. the one that answered.
    const route = matchedRoutes(c).at(c.req.routeIndex);
    return route && route.path !== '*' && route.path !== '/*' ? route.path : 'unmatched';
  } catch {
    return 'unmatched';
  }
}

export function requestLogging(observe?: RequestObserver): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    const reqId = c.get('requestId') as string | undefined;
    await withLogContext({ reqId }, () => next());
    // Answers built as fresh Responses (problem+json from onError) do not carry it yet.
    if (reqId && !c.res.headers.has('x-request-id')) {
      try {
        c.res.headers.set('x-request-id', reqId);
      } catch {
        c.res = new Response(c.res.body, c.res);
        c.res.headers.set('x-request-id', reqId);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    const outcome: RequestOutcome = { method: c.req.method, route: routePattern(c), status: c.res.status, seconds };
    observe?.(outcome);
    if (outcome.route === '/healthz' || outcome.route === '/readyz') return;
    logger.info(
      { reqId, client: (c.get('client') as { address?: string } | undefined)?.address, method: outcome.method, path: redactPath(c.req.path), route: outcome.route, status: outcome.status, ms: Math.round(seconds * 1000) },
      'request',
    );
  };
}

/**
 * The request-body size limit, enforced while the body is read: a declared Content-Length over the
 * limit is refused before a byte is read, and a chunked body is counted as it streams and refused
 * the moment it passes the limit. Either way the answer is 413 problem+json and the rest of the
 * body is never buffered.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from './env.js';
import { problemResponse } from './problem.js';

/** Every JSON body of this API is a form's worth of text; 256 KB is far above the largest report. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

/**
 * Routes that may receive more than the default, as `METHOD /path` with `:name` for a path
 * parameter. Adding a route here is the whole change, e.g.
 *   'POST /api/v1/incidents/:id/attachments': 10 * 1024 * 1024,
 */
export const BODY_LIMIT_OVERRIDES: Readonly<Record<string, number>> = {
  // The upload route enforces ATTACHMENT_MAX_BYTES itself while reading; this is its ceiling.
  'POST /api/v1/incidents/:id/attachments': 100 * 1024 * 1024,
  // 会议材料 and the units' report files: the same upload, the same ceiling.
  'POST /api/v1/meetings/:id/attachments': 100 * 1024 * 1024,
  // A campaign task's report files (photos of an inspection): the same upload, the same ceiling.
  'POST /api/v1/campaigns/:id/attachments': 100 * 1024 * 1024,
  // A roster spreadsheet; the route enforces ROSTER_MAX_BYTES itself while reading.
  'POST /api/v1/admin/jurisdictions/:jurisdictionId/roster/preview': 2 * 1024 * 1024,
  'POST /api/v1/admin/jurisdictions/:jurisdictionId/roster/import': 2 * 1024 * 1024,
};

interface Override {
  method: string;
  path: RegExp;
  maxBytes: number;
}

function compile(overrides: Readonly<Record<string, number>>): Override[] {
  return Object.entries(overrides).map(([route, maxBytes]) => {
    const [method, path] = route.split(' ') as [string, string];
    const pattern = path
      .split('/')
      .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { method: method.toUpperCase(), path: new RegExp(`^${pattern}/?$`), maxBytes };
  });
}

/** The limit of one request: the first matching override, else the default. */
export function bodyLimitFor(method: string, path: string, overrides: Override[], fallback: number): number {
  return overrides.find((o) => o.method === method && o.path.test(path))?.maxBytes ?? fallback;
}

export function limitRequestBodies(
  overrides: Readonly<Record<string, number>> = BODY_LIMIT_OVERRIDES,
  fallback = DEFAULT_BODY_LIMIT_BYTES,
): MiddlewareHandler<AppEnv> {
  const compiled = compile(overrides);
  const limiters = new Map<number, MiddlewareHandler<AppEnv>>();
  const limiter = (maxBytes: number) => {
    let handler = limiters.get(maxBytes);
    if (!handler) {
      handler = bodyLimit({
        maxSize: maxBytes,
        onError: (c) =>
          problemResponse(
            c,
            {
              type: 'https://lianfang.example/problems/too_large',
              title: '提交的内容过大',
              status: 413,
              detail: `请求内容超过 ${Math.round(maxBytes / 1024)} KB 的上限，未被处理`,
              instance: c.req.path,
              requestId: c.get('requestId' as never),
            },
            // The unread rest of the body is not worth a keep-alive connection.
            { connection: 'close' },
          ),
      }) as MiddlewareHandler<AppEnv>;
      limiters.set(maxBytes, handler);
    }
    return handler;
  };
  return (c, next) => limiter(bodyLimitFor(c.req.method, c.req.path, compiled, fallback))(c, next);
}

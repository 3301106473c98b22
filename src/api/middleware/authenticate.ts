/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie. Cookie-borne
 * requests that change state must come from the same origin (the cookie is the web app's).
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { authenticateToken } from '../../services/auth/sessions.js';
import { forbidden, unauthenticated } from '../../services/errors.js';
import type { AppEnv } from '../env.js';

export const SESSION_COOKIE = 'lianfang_session';

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** The host of an Origin header; `null`, an empty or a malformed origin has none and matches nothing. */
function originHost(origin: string): string | null {
  if (!URL.canParse(origin)) return null;
  const url = new URL(origin);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
}

export const requireActor = createMiddleware<AppEnv>(async (c, next) => {
  // Several routers guard overlapping paths (/incidents/*): authenticate once per request.
  if (c.get('actor')) return next();
  const bearer = bearerToken(c.req.header('authorization'));
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthenticated('请先登录 (send Authorization: Bearer <token>)');
  if (!bearer && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method)) {
    const origin = c.req.header('origin');
    if (origin !== undefined && originHost(origin) !== new URL(c.req.url).host) throw forbidden('跨站请求被拒绝 (cross-site request refused)');
  }
  const actor = await authenticateToken(c.get('services'), token);
  if (!actor) throw unauthenticated();
  c.set('actor', actor);
  await next();
});

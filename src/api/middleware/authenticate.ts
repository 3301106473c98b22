/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie. Cookie-borne
 * requests that change state must come from the same origin (the cookie is the web app's).
 */
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import { apiKeyPermits, mayProceedBeforePasswordChange } from '../../domain/policy/index.js';
import { authenticateApiKey, isApiKey } from '../../services/auth/api-keys.js';
import { authenticateToken } from '../../services/auth/sessions.js';
import { forbidden, unauthenticated } from '../../services/errors.js';
import type { AppContext, AppEnv } from '../env.js';
import { sameOriginRequest, type OriginFacts } from '../origin-check.js';

function originFacts(c: AppContext): OriginFacts {
  const host = c.req.header('host');
  return {
    origin: c.req.header('origin'),
    secFetchSite: c.req.header('sec-fetch-site'),
    addressed: host ? `${c.get('client').secure ? 'https' : 'http'}://${host}` : null,
  };
}

export const SESSION_COOKIE = 'lianfang_session';

export function bearerToken(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

export const requireActor = createMiddleware<AppEnv>(async (c, next) => {
  // Several routers guard overlapping paths (/incidents/*): authenticate once per request.
  if (c.get('actor')) return next();
  const bearer = bearerToken(c.req.header('authorization'));
  const token = bearer ?? getCookie(c, SESSION_COOKIE);
  if (!token) throw unauthenticated('请先登录 (send Authorization: Bearer <token>)');
  if (!bearer && !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) && !sameOriginRequest(originFacts(c), c.get('origins')))
    throw forbidden('跨站请求被拒绝 (cross-site request refused)');
  const services = c.get('services');
  const actor = bearer && isApiKey(bearer) ? await authenticateApiKey(services, bearer) : await authenticateToken(services, token);
  if (!actor) throw unauthenticated();
  const path = c.req.path.replace(/^\/api\/v1(?=\/)/, '');
  if (actor.scopes && !apiKeyPermits(actor.scopes, c.req.method, path)) throw forbidden('该服务账号的权限范围不包括此操作 (outside the API key’s scopes)');
  if (actor.mustChangePassword && !mayProceedBeforePasswordChange(c.req.method, path)) throw forbidden('管理员已重置您的密码，请先修改密码 (change your password first)');
  c.set('actor', actor);
  await next();
});

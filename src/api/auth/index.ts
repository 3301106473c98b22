/** 登录 / 登出 / 当前用户. */
import { createRoute } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { loginRequestSchema, loginResponseSchema, userSchema } from '../../contract/api.js';
import { passwordChangedSchema, passwordChangeSchema } from '../../contract/accounts.js';
import { PASSWORD_RULE } from '../../domain/password-policy.js';
import { logIn, SESSION_HOURS } from '../../services/auth/login.js';
import { changeOwnPassword } from '../../services/auth/passwords.js';
import { revokeSession } from '../../services/auth/sessions.js';
import { DEVICE_COOKIE, DEVICE_COOKIE_DAYS } from '../../services/auth/device-cookie.js';
import { requireActor, SESSION_COOKIE } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

export function authRoutes() {
  const router = createRouter();

  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags: ['auth'],
      summary: '登录 Log in',
      request: { body: jsonBody(loginRequestSchema) },
      responses: {
        200: jsonResponse(loginResponseSchema, 'Session opened; the token also comes as an HttpOnly cookie'),
        401: errorResponses[401],
        422: errorResponses[422],
        429: { description: 'Too many failed attempts from this source (or, for sources never used with this account, for the account); Retry-After says how long to wait', content: { 'application/problem+json': { schema: errorResponses[401].content['application/problem+json'].schema } } },
      },
    }),
    async (c) => {
      const input = c.req.valid('json');
      const { address, secure } = c.get('client');
      const result = await logIn(c.get('services'), { ...input, address, deviceCookie: getCookie(c, DEVICE_COOKIE) });
      // Only the login route reads it; it vouches for this browser, for this account.
      setCookie(c, DEVICE_COOKIE, result.deviceCookie, { httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth/login', secure, maxAge: DEVICE_COOKIE_DAYS * 86_400 });
      setCookie(c, SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        // Behind a trusted TLS-terminating proxy the connection is http, the client's is https.
        secure,
        maxAge: SESSION_HOURS * 3600,
      });
      return c.json({ token: result.token, user: result.user, expiresAt: result.expiresAt.toISOString(), mustChangePassword: result.mustChangePassword }, 200);
    },
  );

  router.use('/auth/logout', requireActor);
  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags: ['auth'],
      summary: '登出 Revoke the current session',
      security: bearerSecurity,
      responses: { 204: { description: 'Session revoked' }, 401: errorResponses[401] },
    }),
    async (c) => {
      await revokeSession(c.get('services'), c.get('actor'));
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  router.use('/auth/me', requireActor);
  router.openapi(
    createRoute({
      method: 'get',
      path: '/auth/me',
      tags: ['auth'],
      summary: '当前用户 The caller',
      security: bearerSecurity,
      responses: { 200: jsonResponse(userSchema, 'The caller'), 401: errorResponses[401] },
    }),
    (c) => {
      const { id, username, displayName, role, jurisdictionId, unitId, mustChangePassword } = c.get('actor');
      return c.json({ id, username, displayName, role, jurisdictionId, unitId, mustChangePassword: mustChangePassword ?? false }, 200);
    },
  );

  router.use('/auth/password', requireActor);
  router.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['auth'],
      summary: '修改密码 Change one’s own password (the current one first); every session of the person ends and this one is replaced',
      description: PASSWORD_RULE,
      security: bearerSecurity,
      request: { body: jsonBody(passwordChangeSchema) },
      responses: {
        200: jsonResponse(passwordChangedSchema, 'Changed; the new session’s token also comes as the cookie'),
        401: errorResponses[401],
        403: errorResponses[403],
        422: errorResponses[422],
        429: { description: 'Too many wrong current passwords from this session; Retry-After says how long to wait', content: { 'application/problem+json': { schema: errorResponses[401].content['application/problem+json'].schema } } },
      },
    }),
    async (c) => {
      const result = await changeOwnPassword(c.get('services'), c.get('actor'), c.req.valid('json'), c.get('client').address);
      setCookie(c, SESSION_COOKIE, result.token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: c.get('client').secure, maxAge: SESSION_HOURS * 3600 });
      return c.json({ token: result.token, user: result.user, expiresAt: result.expiresAt.toISOString() }, 200);
    },
  );

  return router;
}

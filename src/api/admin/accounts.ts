/** 管理 · 账号: an administrator's password reset, and service accounts with their API keys. */
import { createRoute, z } from '@hono/zod-openapi';
import { createdServiceAccountSchema, newServiceAccountSchema, passwordResetSchema, serviceAccountSchema } from '../../contract/accounts.js';
import { idempotencyHeaders, keyReused } from '../idempotency.js';
import { createServiceAccount, listServiceAccounts, revokeServiceAccount } from '../../services/admin/service-accounts.js';
import { resetPassword } from '../../services/auth/passwords.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const jurisdictionId = z.string().min(1).max(64);
const readErrors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] };

/** Registered on the admin router, behind its authentication. */
export function accountRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/users/{id}/reset-password',
      tags: ['admin'],
      summary: '重置密码 A one-time password, shown once; the person must change it at the next login, and every session of theirs ends',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 200: jsonResponse(passwordResetSchema, 'The one-time password'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => c.json(await resetPassword(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/service-accounts',
      tags: ['admin'],
      summary: '服务账号 Service accounts of a jurisdiction: scopes, key prefix, last use, revocation',
      security: bearerSecurity,
      request: { query: z.object({ jurisdictionId }) },
      responses: { 200: jsonResponse(z.object({ serviceAccounts: z.array(serviceAccountSchema) }), 'Service accounts'), ...readErrors },
    }),
    async (c) => c.json(await listServiceAccounts(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/service-accounts',
      tags: ['admin'],
      summary: '新建服务账号 A service account with an API key (shown once) for the chosen operations in one jurisdiction',
      security: bearerSecurity,
      description: 'A retry with the same `Idempotency-Key` creates nothing more: since the key is shown only once and never kept, it answers 409 naming the account already created.',
      request: { headers: idempotencyHeaders, body: jsonBody(newServiceAccountSchema) },
      responses: { 201: jsonResponse(createdServiceAccountSchema, 'Created; the key is shown only now'), ...readErrors, 409: keyReused },
    }),
    async (c) => c.json(await createServiceAccount(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key']), 201),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/service-accounts/{id}/revoke',
      tags: ['admin'],
      summary: '吊销 Revoke a service account’s API key: it stops working at once',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 200: jsonResponse(z.object({ serviceAccount: serviceAccountSchema }), 'Revoked'), ...readErrors },
    }),
    async (c) => c.json(await revokeServiceAccount(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

}

/** 管理: member units with their people, the rulebook as it is, users (add a liaison, on duty, active, reset a password), service accounts. */
import { createRoute, z } from '@hono/zod-openapi';
import { adminUnitsResponseSchema, newAccountResultSchema, newAccountSchema, personSchema, rulebookViewSchema, userPatchSchema, usersResponseSchema } from '../../contract/admin.js';
import { problemSchema } from '../../contract/api.js';
import { USER_ROLES } from '../../domain/enums.js';
import { currentRulebook } from '../../services/admin/rulebook.js';
import { listUnitsWithPeople } from '../../services/admin/units.js';
import { listUsers, updateUser } from '../../services/admin/users.js';
import { addAccount } from '../../services/admin/new-account.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { accountRoutes } from './accounts.js';

const jurisdictionId = z.string().min(1).max(64);
const readErrors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] };

export function adminRoutes() {
  const router = createRouter();
  router.use('/admin/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/units',
      tags: ['admin'],
      summary: '成员单位与人员 Member units of a jurisdiction with their liaisons and heads',
      description: 'Admins read every jurisdiction; a commander reads its own.',
      security: bearerSecurity,
      request: { query: z.object({ jurisdictionId }) },
      responses: { 200: jsonResponse(adminUnitsResponseSchema, 'Units in document order with their people'), ...readErrors },
    }),
    async (c) => c.json(await listUnitsWithPeople(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/rulebooks/{jurisdictionId}',
      tags: ['admin'],
      summary: '规则库 The jurisdiction’s current rulebook: rules, readable conditions, quoted clauses, deadlines',
      security: bearerSecurity,
      request: { params: z.object({ jurisdictionId }) },
      responses: { 200: jsonResponse(rulebookViewSchema, 'The current rulebook'), ...readErrors },
    }),
    async (c) => c.json((await currentRulebook(c.get('services'), c.get('actor'), c.req.valid('param'))) as never, 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/users',
      tags: ['admin'],
      summary: '用户 Accounts and their roles (no password hashes)',
      security: bearerSecurity,
      request: {
        query: z.object({ jurisdictionId: jurisdictionId.optional(), unitId: z.string().max(64).optional(), role: z.enum(USER_ROLES).optional() }),
      },
      responses: { 200: jsonResponse(usersResponseSchema, 'Accounts'), ...readErrors },
    }),
    async (c) => c.json(await listUsers(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/users',
      tags: ['admin'],
      summary: '新建账号 Add a person of any role the administrator may give (duty officer, commander, liaison, unit head; administrators: the system administrator only); they must change the password at the first login',
      security: bearerSecurity,
      request: { body: jsonBody(newAccountSchema) },
      responses: {
        201: jsonResponse(newAccountResultSchema, 'Account created; a one-time password when none was given'),
        401: errorResponses[401],
        403: errorResponses[403],
        409: { description: 'Username taken', content: { 'application/problem+json': { schema: problemSchema } } },
        422: errorResponses[422],
      },
    }),
    async (c) => c.json(await addAccount(c.get('services'), c.get('actor'), c.req.valid('json')), 201),
  );

  router.openapi(
    createRoute({
      method: 'patch',
      path: '/admin/users/{id}',
      tags: ['admin'],
      summary: '修改用户 On duty, active, display name, phone, unit or unit role (admins only); a deactivation, move or role change ends the person’s open sessions or sockets',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }), body: jsonBody(userPatchSchema) },
      responses: {
        200: jsonResponse(z.object({ user: personSchema }), 'Updated'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: { description: 'Not allowed in this state', content: { 'application/problem+json': { schema: problemSchema } } },
        422: errorResponses[422],
      },
    }),
    async (c) => c.json(await updateUser(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  accountRoutes(router);
  return router;
}

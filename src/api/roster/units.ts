/** 成员单位调整 and the rulebook's version history (administrators of the jurisdiction). */
import { createRoute, z } from '@hono/zod-openapi';
import { rulebookHistorySchema, rulebookVersionUnitsSchema, unitChangeResultSchema, unitChangeSchema } from '../../contract/roster.js';
import { rulebookHistory, rulebookVersionUnits } from '../../services/roster/history.js';
import { editUnit } from '../../services/roster/unit-admin.js';
import { problemSchema } from '../../contract/api.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const jurisdictionParam = z.object({ jurisdictionId: z.string().min(1).max(64) });
const readErrors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] };

export function registerUnitRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/jurisdictions/{jurisdictionId}/unit-changes',
      tags: ['admin'],
      summary: '成员单位调整 Add, rename, change the duties of, retire or merge a member unit: makes a new rulebook version with the reason',
      description: 'System admins for every jurisdiction, a jurisdiction admin for its own. Incidents keep the version they were routed with.',
      security: bearerSecurity,
      request: { params: jurisdictionParam, headers: idempotencyHeaders, body: jsonBody(unitChangeSchema) },
      responses: {
        201: jsonResponse(unitChangeResultSchema, 'The new rulebook version'),
        ...readErrors,
        409: { description: 'No current rulebook, or the Idempotency-Key was used with another body', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    }),
    async (c) => idempotentJson(c, await editUnit(c.get('services'), c.get('actor'), c.req.valid('param').jurisdictionId, c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/jurisdictions/{jurisdictionId}/rulebook-versions',
      tags: ['admin'],
      summary: '规则库版本记录 Every rulebook version with who made it, when and why',
      security: bearerSecurity,
      request: { params: jurisdictionParam },
      responses: { 200: jsonResponse(rulebookHistorySchema, 'Versions, newest first'), ...readErrors },
    }),
    async (c) => c.json(await rulebookHistory(c.get('services'), c.get('actor'), c.req.valid('param').jurisdictionId), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/jurisdictions/{jurisdictionId}/rulebook-versions/{version}',
      tags: ['admin'],
      summary: '规则库某一版本 The units, duty clauses and rules of one version',
      security: bearerSecurity,
      request: { params: jurisdictionParam.extend({ version: z.string().min(1).max(64) }) },
      responses: { 200: jsonResponse(rulebookVersionUnitsSchema, 'The version'), ...readErrors },
    }),
    async (c) => {
      const { jurisdictionId, version } = c.req.valid('param');
      return c.json(await rulebookVersionUnits(c.get('services'), c.get('actor'), jurisdictionId, version), 200);
    },
  );
}

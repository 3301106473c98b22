/** 成员调整: a unit proposes a change of its member or liaison; the office confirms or rejects it. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemSchema } from '../../contract/api.js';
import { memberChangeDecisionSchema, memberChangeProposalSchema, memberChangeSchema } from '../../contract/roster.js';
import { MEMBER_CHANGE_STATES } from '../../domain/enums.js';
import { decideMemberChange, listMemberChanges, proposeMemberChange } from '../../services/roster/member-changes.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const one = z.object({ change: memberChangeSchema });
const errors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] };

export function registerMemberChangeRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    createRoute({
      method: 'get',
      path: '/member-changes',
      tags: ['admin'],
      summary: '成员调整 Proposed, confirmed and rejected changes: a unit’s own, or a jurisdiction’s for its administrators',
      security: bearerSecurity,
      request: { query: z.object({ jurisdictionId: z.string().min(1).max(64).optional(), state: z.enum(MEMBER_CHANGE_STATES).optional() }) },
      responses: {
        200: jsonResponse(
          z.object({
            changes: z.array(memberChangeSchema),
            people: z.array(z.object({ id: z.string(), displayName: z.string(), role: z.string() })).optional().meta({ description: 'For a unit member: the unit’s active people' }),
          }),
          'Newest first',
        ),
        ...errors,
      },
    }),
    async (c) => c.json(await listMemberChanges(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/member-changes',
      tags: ['admin'],
      summary: '提出成员调整 A unit’s liaison or head (or an administrator) proposes adding, replacing or removing a member or liaison',
      security: bearerSecurity,
      description:
        'A person with a change already pending, or a username already proposed and pending, is refused with 409 until the office decides that one. A retry with the same `Idempotency-Key` and body returns the first proposal; another body with the key is a 409.',
      request: { headers: idempotencyHeaders, body: jsonBody(memberChangeProposalSchema) },
      responses: {
        201: jsonResponse(one, 'Proposed'),
        ...errors,
        409: { description: 'A change of the person or username is pending, or the Idempotency-Key was used with another body', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    }),
    async (c) => idempotentJson(c, await proposeMemberChange(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/member-changes/{id}/decision',
      tags: ['admin'],
      summary: '确认或退回成员调整 The office confirms (the accounts change) or rejects, with a reason',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }), body: jsonBody(memberChangeDecisionSchema) },
      responses: { 200: jsonResponse(one, 'Decided'), ...errors, 409: { description: 'Already decided', content: { 'application/problem+json': { schema: problemSchema } } } },
    }),
    async (c) => c.json(await decideMemberChange(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
}

/** 上报义务: an incident's statutory upward-reporting obligations, and recording one as submitted. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemSchema } from '../../contract/api.js';
import { obligationSchema, obligationSubmitSchema } from '../../contract/response.js';
import { listObligations } from '../../services/obligations/list.js';
import { submitObligation } from '../../services/obligations/submit.js';
import { idempotencyHeaders, idempotentUpdateJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const id = z.string().min(1).max(64);

export function obligationRoutes() {
  const router = createRouter();
  router.use('/incidents/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/obligations',
      tags: ['upward reporting'],
      summary: '上报义务 The statutory upward-reporting obligations, each due / overdue / submitted, with its article',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: {
        200: jsonResponse(z.object({ obligations: z.array(obligationSchema) }), 'Obligations, earliest deadline first'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await listObligations(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/obligations/{obligationId}/submit',
      tags: ['upward reporting'],
      summary: '上报 Record that an obligation was met: how, the reference, when and by whom',
      description:
        'When the recipient is a jurisdiction of this deployment, the report arrives there as an incoming incident (逐级上报), routed by its own rulebook; both incidents link to each other.',
      security: bearerSecurity,
      request: { params: z.object({ id, obligationId: id }), headers: idempotencyHeaders, body: jsonBody(obligationSubmitSchema) },
      responses: {
        200: jsonResponse(z.object({ obligation: obligationSchema, covered: z.array(obligationSchema).meta({ description: 'The other obligations to the same recipient this report met' }) }), 'Submitted'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: { description: 'Already submitted, or the Idempotency-Key was used with another body', content: { 'application/problem+json': { schema: problemSchema } } },
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const { id: incidentId, obligationId } = c.req.valid('param');
      const key = c.req.valid('header')['idempotency-key'];
      return idempotentUpdateJson(c, await submitObligation(c.get('services'), c.get('actor'), incidentId, obligationId, c.req.valid('json'), key));
    },
  );
  return router;
}

/** 辖区与成员单位. */
import { createRoute, z } from '@hono/zod-openapi';
import { jurisdictionSchema, unitSchema } from '../../contract/api.js';
import { listJurisdictions, listUnits } from '../../services/jurisdictions/list.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../openapi.js';

export function jurisdictionRoutes() {
  const router = createRouter();
  router.use('/jurisdictions', requireActor);
  router.use('/jurisdictions/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/jurisdictions',
      tags: ['jurisdictions'],
      summary: '辖区列表 Jurisdictions of this deployment',
      security: bearerSecurity,
      responses: { 200: jsonResponse(z.object({ jurisdictions: z.array(jurisdictionSchema) }), 'Jurisdictions'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await listJurisdictions(c.get('services')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/jurisdictions/{id}/units',
      tags: ['jurisdictions'],
      summary: '成员单位 Member units with their quoted duty clauses',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: {
        200: jsonResponse(z.object({ units: z.array(unitSchema) }), 'Member units in document order'),
        401: errorResponses[401],
        404: errorResponses[404],
      },
    }),
    async (c) => c.json(await listUnits(c.get('services'), c.req.valid('param').id), 200),
  );
  return router;
}

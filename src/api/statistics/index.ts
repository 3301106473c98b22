/** 统计: a jurisdiction's real incidents and how their deadlines were met; exercises left out. */
import { createRoute, z } from '@hono/zod-openapi';
import { isoDateTime } from '../../contract/report.js';
import { statisticsSchema } from '../../contract/account.js';
import { jurisdictionStatistics } from '../../services/statistics/statistics.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../openapi.js';

export function statisticsRoutes() {
  const router = createRouter();
  router.use('/statistics', requireActor);
  router.openapi(
    createRoute({
      method: 'get',
      path: '/statistics',
      tags: ['account'],
      summary: '统计 Incidents by severity and on-time rates of acknowledgements and upward reports (演练 excluded)',
      security: bearerSecurity,
      request: {
        query: z.object({
          jurisdictionId: z.string().min(1).max(64).optional(),
          from: isoDateTime.optional().meta({ description: 'Received at or after' }),
          to: isoDateTime.optional().meta({ description: 'Received before' }),
        }),
      },
      responses: { 200: jsonResponse(statisticsSchema, 'Figures'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => c.json((await jurisdictionStatistics(c.get('services'), c.get('actor'), c.req.valid('query'))) as never, 200),
  );
  return router;
}

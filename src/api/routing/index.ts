/** 预览通知名单: classification and routing before sending. */
import { createRoute, z } from '@hono/zod-openapi';
import { previewResponseSchema } from '../../contract/api.js';
import { reportSubmissionSchema } from '../../contract/report.js';
import { previewRouting } from '../../services/incidents/preview-routing.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

export function routingRoutes() {
  const router = createRouter();
  router.use('/routing/*', requireActor);
  router.openapi(
    createRoute({
      method: 'post',
      path: '/routing/preview',
      tags: ['incidents'],
      summary: '预览 Severity, regimes and the units that would be notified, with the quoted clause for each',
      security: bearerSecurity,
      request: {
        body: jsonBody(reportSubmissionSchema, 'The same body as POST /incidents'),
        query: z.object({ incidentId: z.string().max(64).optional().meta({ description: 'For a 续报/终报: plan as filing it on this incident would (resolved declines included)' }) }),
      },
      responses: {
        200: jsonResponse(previewResponseSchema, 'What filing this report would do; nothing is stored'),
        401: errorResponses[401],
        403: errorResponses[403],
        422: errorResponses[422],
      },
    }),
    async (c) => c.json(await previewRouting(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('query').incidentId), 200),
  );
  return router;
}

/** 指挥大屏: one snapshot of the open incidents and 督办 alerts, with the watermark to resume from. */
import { createRoute, z } from '@hono/zod-openapi';
import { boardSnapshotSchema } from '../../contract/admin.js';
import { boardSnapshot } from '../../services/board/snapshot.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../openapi.js';

export function boardRoutes() {
  const router = createRouter();
  router.use('/board', requireActor);
  router.openapi(
    createRoute({
      method: 'get',
      path: '/board',
      tags: ['incidents'],
      summary: '指挥大屏 Every open incident of a jurisdiction in full, and the open 督办 alerts',
      description: 'Commission only. Admins name the jurisdiction. Then resume the socket from `lastSeq`.',
      security: bearerSecurity,
      request: { query: z.object({ jurisdictionId: z.string().min(1).max(64).optional() }) },
      responses: {
        200: jsonResponse(boardSnapshotSchema, 'The board'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        422: errorResponses[422],
      },
    }),
    async (c) => c.json((await boardSnapshot(c.get('services'), c.get('actor'), c.req.valid('query'))) as never, 200),
  );
  return router;
}

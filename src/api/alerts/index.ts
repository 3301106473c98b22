/** 督办: the commanders' open alerts (overdue acknowledgements, declines, late standing work) and closing them. */
import { createRoute, z } from '@hono/zod-openapi';
import { ALERT_KINDS } from '../../domain/enums.js';
import { listAlerts, resolveAlert } from '../../services/alerts/alerts.js';
import { alertIncidentSchema } from '../../contract/admin.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const alertSchema = z
  .object({
    id: z.string(),
    incident: alertIncidentSchema.nullable(),
    subject: z.object({ kind: z.enum(['incident', 'standing']), title: z.string(), link: z.string() }),
    jurisdictionId: z.string(),
    incidentId: z.string().nullable(),
    notificationId: z.string().nullable(),
    taskId: z.string().nullable(),
    obligationId: z.string().nullable(),
    standingRequestId: z.string().nullable(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    kind: z.enum(ALERT_KINDS),
    reason: z.string(),
    raisedAt: z.string(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable(),
    resolution: z.string().nullable(),
  })
  .meta({ id: 'Alert' });

export function alertRoutes() {
  const router = createRouter();
  router.use('/alerts', requireActor);
  router.use('/alerts/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/alerts',
      tags: ['alerts'],
      summary: '督办列表 Alerts that need a commander',
      security: bearerSecurity,
      request: { query: z.object({ open: z.enum(['true', 'false']).default('true'), incidentId: z.string().max(64).optional() }) },
      responses: { 200: jsonResponse(z.object({ alerts: z.array(alertSchema) }), 'Alerts, newest first'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listAlerts(c.get('services'), c.get('actor'), { open: q.open === 'true', incidentId: q.incidentId }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/alerts/{id}/resolve',
      tags: ['alerts'],
      summary: '关闭督办 Close an alert with how it was resolved',
      security: bearerSecurity,
      request: {
        params: z.object({ id: z.string().min(1).max(64) }),
        body: jsonBody(z.object({ resolution: z.string().trim().min(2, '请填写处理情况 (resolution required)').max(1000) })),
      },
      responses: {
        200: jsonResponse(
          z.object({
            alert: alertSchema,
            /** Closed already with this very resolution (a retry after a lost answer): nothing more was recorded. */
            alreadyResolved: z.boolean(),
          }),
          'Closed, or already closed with this resolution (`alreadyResolved`)',
        ),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: { description: 'Already closed, otherwise', content: { 'application/problem+json': { schema: errorResponses[404].content['application/problem+json'].schema } } },
        422: errorResponses[422],
      },
    }),
    async (c) => c.json(await resolveAlert(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').resolution), 200),
  );
  return router;
}

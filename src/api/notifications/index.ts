/** 收件箱, 签收, 退回, 已读, and the commander's resolution of a decline. */
import { createRoute, z } from '@hono/zod-openapi';
import { acknowledgeRequestSchema, acknowledgementResponseSchema, declineRequestSchema, declineResponseSchema, inboxResponseSchema, notificationSchema, problemSchema } from '../../contract/api.js';
import { acknowledgeNotification } from '../../services/notifications/acknowledge.js';
import { declineNotification } from '../../services/notifications/decline.js';
import { unitInbox } from '../../services/notifications/inbox.js';
import { markNotificationRead } from '../../services/notifications/mark-read.js';
import { resolveDecline } from '../../services/notifications/resolve-decline.js';
import { resolveDeclineSchema } from '../../contract/response.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const params = z.object({ id: z.string().min(1).max(64) });
const conflictResponse = { description: 'Declined, superseded or withdrawn already', content: { 'application/problem+json': { schema: problemSchema } } };

export function notificationRoutes() {
  const router = createRouter();
  router.use('/inbox', requireActor);
  router.use('/notifications/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/inbox',
      tags: ['notifications'],
      summary: '收件箱 The caller’s unit’s notifications, open ones first',
      security: bearerSecurity,
      responses: { 200: jsonResponse(inboxResponseSchema, 'Notifications with their incidents'), 401: errorResponses[401], 403: errorResponses[403] },
    }),
    async (c) => c.json(await unitInbox(c.get('services'), c.get('actor')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/acknowledge',
      tags: ['notifications'],
      summary: '签收 Acknowledge for the whole unit (the first one counts; repeats are harmless)',
      security: bearerSecurity,
      request: { params, body: { ...jsonBody(acknowledgeRequestSchema), required: false } },
      responses: {
        200: jsonResponse(acknowledgementResponseSchema, 'Acknowledged (or already acknowledged, with who and when)'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: conflictResponse,
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const body = c.req.valid('json') ?? {};
      return c.json(await acknowledgeNotification(c.get('services'), c.get('actor'), c.req.valid('param').id, { note: body.note, channel: 'api' }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/decline',
      tags: ['notifications'],
      summary: '退回 Decline with a reason; the commanders must resolve it',
      security: bearerSecurity,
      request: { params, body: jsonBody(declineRequestSchema) },
      responses: {
        200: jsonResponse(declineResponseSchema, 'Declined, or already declined with the same reason (`alreadyDeclined`)'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: conflictResponse,
        422: errorResponses[422],
      },
    }),
    async (c) => c.json(await declineNotification(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/read',
      tags: ['notifications'],
      summary: '已读 The caller opened the notification',
      security: bearerSecurity,
      request: { params },
      responses: { 204: { description: 'Recorded' }, 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => {
      await markNotificationRead(c.get('services'), c.get('actor'), c.req.valid('param').id, 'api');
      return c.body(null, 204);
    },
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/notifications/{id}/resolve-decline',
      tags: ['notifications'],
      summary: '处理退回 A commander reassigns a declined duty to another unit (which is notified) or confirms the decline, with a reason',
      description: 'Closes the `declined` 督办 alert.',
      security: bearerSecurity,
      request: { params, body: jsonBody(resolveDeclineSchema) },
      responses: {
        200: jsonResponse(
          z.object({
            notification: notificationSchema,
            reassignedTo: notificationSchema.nullable(),
            /** The same resolution was already recorded (a retry after a lost answer): nothing more was. */
            alreadyResolved: z.boolean(),
          }),
          'Resolved, or already resolved the same way (`alreadyResolved`)',
        ),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: { description: 'Not declined, already resolved, or the incident is closed', content: { 'application/problem+json': { schema: problemSchema } } },
        422: errorResponses[422],
      },
    }),
    async (c) => c.json((await resolveDecline(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );
  return router;
}

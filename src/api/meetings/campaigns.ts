/** 联合执法 / 专项整治 (信阳 三(三)): the office opens a campaign; each participating unit reports on its task; the account per task. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemSchema } from '../../contract/api.js';
import { campaignCreateSchema, campaignDetailSchema, campaignReportSchema, campaignSchema } from '../../contract/campaigns.js';
import { standingRequestSchema } from '../../contract/meetings.js';
import { getCampaign, listCampaigns, openCampaign, reportOnCampaign } from '../../services/standing/campaigns.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const id = z.string().min(1).max(64);
const refusals = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] };
const writes = { ...refusals, 409: { description: 'Not possible in the task’s state', content: { 'application/problem+json': { schema: problemSchema } } }, 422: errorResponses[422] };

export function campaignRoutes() {
  const router = createRouter();
  router.use('/campaigns', requireActor);
  router.use('/campaigns/*', requireActor);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/campaigns',
      tags: ['meetings'],
      summary: '发起联合执法 / 专项整治 The office opens a campaign: scope, period, a task per participating unit with its due date',
      security: bearerSecurity,
      request: { headers: idempotencyHeaders, body: jsonBody(campaignCreateSchema) },
      responses: { 201: jsonResponse(z.object({ campaign: campaignSchema }), 'The campaign'), ...writes },
    }),
    async (c) => idempotentJson(c, await openCampaign(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );
  router.openapi(
    createRoute({ method: 'get', path: '/campaigns', tags: ['meetings'], summary: '联合行动 The office: all; a unit: those it takes part in', security: bearerSecurity, responses: { 200: jsonResponse(z.object({ campaigns: z.array(campaignSchema) }), 'Campaigns'), 401: errorResponses[401], 403: errorResponses[403] } }),
    async (c) => c.json((await listCampaigns(c.get('services'), c.get('actor'))) as never, 200),
  );
  router.openapi(
    createRoute({
      method: 'get',
      path: '/campaigns/{id}',
      tags: ['meetings'],
      summary: '联合行动详情与台账 The campaign, each unit’s task (a unit: its own) and the account: done on time / late / open / overdue',
      security: bearerSecurity,
      request: { params: z.object({ id }) },
      responses: { 200: jsonResponse(campaignDetailSchema, 'The campaign'), ...refusals },
    }),
    async (c) => c.json((await getCampaign(c.get('services'), c.get('actor'), c.req.valid('param').id)) as never, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/report',
      tags: ['meetings'],
      summary: '反馈任务进展 A participating unit reports progress on its task, or its completion (`done: true`), which stops the chase',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(campaignReportSchema) },
      responses: { 200: jsonResponse(z.object({ request: standingRequestSchema }), 'Recorded'), ...writes },
    }),
    async (c) => c.json((await reportOnCampaign(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );
  return router;
}

/** 联合执法 / 专项整治 (信阳 三(三)): the office opens a campaign; each participating unit reports on its task; the account per task. */
import { createRoute, z } from '@hono/zod-openapi';
import { problemSchema } from '../../contract/api.js';
import { campaignCancelSchema, campaignChangeSchema, campaignCreateSchema, campaignDetailSchema, campaignReportSchema, campaignSchema } from '../../contract/campaigns.js';
import { attachmentSchema } from '../../contract/desk.js';
import { cancelCampaign, changeCampaign } from '../../services/standing/campaign-changes.js';
import { addCampaignFile } from '../../services/standing/campaign-files.js';
import { standingRequestSchema } from '../../contract/meetings.js';
import { getCampaign, listCampaigns, openCampaign, reportOnCampaign } from '../../services/standing/campaigns.js';
import { idempotencyHeaders, idempotentJson, idempotentUpdateJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { readUploadedFile } from '../uploaded-file.js';

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
      summary: '发起联合执法 / 专项整治 The office, or a member unit that leads it, opens a campaign: scope, period, a task per participating unit with its due date',
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
      request: { params: z.object({ id }), headers: idempotencyHeaders, body: jsonBody(campaignReportSchema) },
      responses: { 200: jsonResponse(z.object({ request: standingRequestSchema }), 'Recorded'), ...writes },
    }),
    async (c) => idempotentUpdateJson(c, await reportOnCampaign(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );
  router.openapi(
    createRoute({
      method: 'patch',
      path: '/campaigns/{id}',
      tags: ['meetings'],
      summary: '调整联合行动 The office or the leading unit moves the end date, or rewords a unit’s open task or gives it a new due date (the unit is told and chased from it)',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(campaignChangeSchema) },
      responses: { 200: jsonResponse(z.object({ campaign: campaignSchema }), 'The campaign as changed'), ...writes },
    }),
    async (c) => c.json((await changeCampaign(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/cancel',
      tags: ['meetings'],
      summary: '终止联合行动 The office or the leading unit calls the campaign off: open tasks are withdrawn and their units told; finished ones stay on the record',
      security: bearerSecurity,
      request: { params: z.object({ id }), body: jsonBody(campaignCancelSchema) },
      responses: { 200: jsonResponse(z.object({ campaign: campaignSchema }), 'The campaign, cancelled'), ...writes },
    }),
    async (c) => c.json((await cancelCampaign(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'))) as never, 200),
  );
  router.openapi(
    createRoute({
      method: 'post',
      path: '/campaigns/{id}/attachments',
      tags: ['meetings'],
      summary: '任务反馈附件 A participating unit adds a file for its report (seen by it, the office and the leading unit)',
      description: 'The body is the file itself (JPEG, PNG, WebP, PDF, DOCX; the type is decided from the content). `fileName` names it. A retry with the same `Idempotency-Key`, file and name returns the first answer; another file or name with the key is a 409. At most ATTACHMENT_MAX_BYTES: 413 beyond.',
      security: bearerSecurity,
      request: { params: z.object({ id }), headers: idempotencyHeaders, query: z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不超过200字') }) },
      responses: { 201: jsonResponse(z.object({ attachment: attachmentSchema }), 'Stored'), ...writes, 413: errorResponses[422] },
    }),
    async (c) => {
      const services = c.get('services');
      const bytes = await readUploadedFile(c);
      return idempotentJson(c, (await addCampaignFile(services, c.get('actor'), c.req.valid('param').id, { fileName: c.req.valid('query').fileName, bytes }, c.req.valid('header')['idempotency-key'])) as never);
    },
  );
  return router;
}

/**
 * 简报 / 信息通报 / 经验交流 (信阳 三(四)1、3): draft, publish, read (a receipt per unit), files, the
 * print page and the Word file. Units' information for the next bulletin: ./items.ts.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { bulletinChangeSchema, bulletinDraftSchema, bulletinListSchema, bulletinSchema, pullItemsSchema } from '../../contract/bulletins.js';
import { changeBulletin, draftBulletin, pullItemsIntoDraft } from '../../services/bulletins/draft.js';
import { getBulletin, listBulletins } from '../../services/bulletins/list.js';
import { markBulletinRead, publishBulletin } from '../../services/bulletins/publish.js';
import { bulletinDocument } from '../../services/bulletins/document.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { documentResponse, documentResponses } from '../document-response.js';
import { problemSchema } from '../../contract/api.js';
import { bulletinFileRoutes } from './files.js';

const params = z.object({ id: z.string().min(1).max(64) });
const one = z.object({ bulletin: bulletinSchema }).meta({ id: 'BulletinAnswer' });
const conflict = { description: 'Already published', content: { 'application/problem+json': { schema: problemSchema } } };
const refusals = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: conflict, 422: errorResponses[422] };

export function bulletinRoutes() {
  const router = createRouter();
  router.use('/bulletins', requireActor);
  router.use('/bulletins/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get', path: '/bulletins', tags: ['bulletins'], security: bearerSecurity,
      summary: '简报列表 The office sees its jurisdiction’s; a unit those sent to it and its own',
      request: { query: z.object({ unread: z.enum(['true', 'false']).optional().meta({ description: '`true`: only those sent to the caller’s unit and not yet read (待阅)' }), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: { 200: jsonResponse(bulletinListSchema.extend({ lastSeq: z.number().int() }), 'Newest first'), 401: errorResponses[401], 422: errorResponses[422] },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listBulletins(c.get('services'), c.get('actor'), { unread: q.unread === 'true', limit: q.limit }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post', path: '/bulletins', tags: ['bulletins'], security: bearerSecurity,
      summary: '起草简报 The office or a member unit drafts a bulletin (kind, title, body, to all or chosen units)',
      request: { headers: idempotencyHeaders, body: jsonBody(bulletinDraftSchema) },
      responses: { 201: jsonResponse(one, 'The draft; nobody else sees it until published'), ...refusals },
    }),
    async (c) => idempotentJson(c, await draftBulletin(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/bulletins/{id}', tags: ['bulletins'], security: bearerSecurity,
      summary: '简报 One bulletin; the publisher and the office also see every recipient’s read receipt',
      request: { params },
      responses: { 200: jsonResponse(one.extend({ mayEdit: z.boolean() }), 'The bulletin'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => c.json(await getBulletin(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'patch', path: '/bulletins/{id}', tags: ['bulletins'], security: bearerSecurity,
      summary: '修改草稿 Its publisher changes a draft', request: { params, body: jsonBody(bulletinChangeSchema) },
      responses: { 200: jsonResponse(one, 'Changed'), ...refusals },
    }),
    async (c) => c.json(await changeBulletin(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'post', path: '/bulletins/{id}/pull-items', tags: ['bulletins'], security: bearerSecurity,
      summary: '采编 The office appends units’ information to its draft', request: { params, body: jsonBody(pullItemsSchema) },
      responses: { 200: jsonResponse(one, 'The draft with the items appended'), ...refusals },
    }),
    async (c) => c.json(await pullItemsIntoDraft(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').itemIds), 200),
  );

  router.openapi(
    createRoute({
      method: 'post', path: '/bulletins/{id}/publish', tags: ['bulletins'], security: bearerSecurity,
      summary: '发布 Sent to its recipients, each with an unread receipt', request: { params },
      responses: { 200: jsonResponse(one, 'Published'), ...refusals },
    }),
    async (c) => c.json(await publishBulletin(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post', path: '/bulletins/{id}/read', tags: ['bulletins'], security: bearerSecurity,
      summary: '已读 A person of a recipient unit opened it: the unit’s receipt, kept once (the first reader)', request: { params },
      responses: { 200: jsonResponse(one, 'Read (again: nothing changes)'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => c.json(await markBulletinRead(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/bulletins/{id}/document', tags: ['bulletins'], security: bearerSecurity,
      summary: '打印 / 导出 The bulletin as a print page or a Word (.docx) file',
      request: { params, query: z.object({ format: z.enum(['html', 'docx']).default('html') }) },
      responses: { 200: documentResponses, 401: errorResponses[401], 404: errorResponses[404], 422: errorResponses[422] },
    }),
    async (c) => {
      const services = c.get('services');
      const { bulletin } = await getBulletin(services, c.get('actor'), c.req.valid('param').id);
      const book = await services.rulebooks.current(bulletin.jurisdictionId);
      return (await documentResponse(c, bulletinDocument(bulletin, book!.jurisdiction.utcOffset), c.req.valid('query').format, bulletin.title)) as never;
    },
  );

  router.route('/', bulletinFileRoutes());
  return router;
}

/** A bulletin's files (upload to a draft, download), and 报送信息: units' information for the next bulletin. */
import { createRoute, z } from '@hono/zod-openapi';
import { bulletinItemInputSchema, bulletinItemSchema, bulletinSchema } from '../../contract/bulletins.js';
import { contentDisposition } from '../../domain/attachment-types.js';
import { addBulletinAttachment, readBulletinAttachment } from '../../services/bulletins/attachments.js';
import { listBulletinItems, submitBulletinItem } from '../../services/bulletins/items.js';
import { idempotencyHeaders, idempotentJson, keyReused } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { readUploadedFile } from '../uploaded-file.js';

const id = z.string().min(1).max(64);

export function bulletinFileRoutes() {
  const router = createRouter();
  router.use('/bulletin-items', requireActor);

  router.openapi(
    createRoute({
      method: 'post', path: '/bulletins/{id}/attachments', tags: ['bulletins'], security: bearerSecurity,
      summary: '简报附件 Its publisher adds a file (JPEG, PNG, WebP, PDF, DOCX) to a draft; the body is the file',
      request: { params: z.object({ id }), headers: idempotencyHeaders, query: z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不超过200字') }) },
      responses: {
        201: jsonResponse(z.object({ bulletin: bulletinSchema }), 'Stored'),
        401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: errorResponses[403], 413: errorResponses[422], 422: errorResponses[422],
      },
    }),
    async (c) => {
      const services = c.get('services');
      const bytes = await readUploadedFile(c);
      const input = { bulletinId: c.req.valid('param').id, fileName: c.req.valid('query').fileName, bytes };
      return idempotentJson(c, await addBulletinAttachment(services, c.get('actor'), input, c.req.valid('header')['idempotency-key']));
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/bulletins/{id}/attachments/{attachmentId}', tags: ['bulletins'], security: bearerSecurity,
      summary: '下载简报附件 Whoever may see the bulletin', request: { params: z.object({ id, attachmentId: id }) },
      responses: { 200: { description: 'The file' }, 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const p = c.req.valid('param');
      const file = await readBulletinAttachment(c.get('services'), c.get('actor'), p.id, p.attachmentId);
      return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-length': String(file.bytes.byteLength),
          'content-disposition': contentDisposition(file.fileName, file.contentType.startsWith('image/')),
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        },
      }) as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'post', path: '/bulletin-items', tags: ['bulletins'], security: bearerSecurity,
      summary: '报送信息 A member unit sends information for the next bulletin (信阳 三(四)1)', request: { headers: idempotencyHeaders, body: jsonBody(bulletinItemInputSchema) },
      responses: { 201: jsonResponse(z.object({ item: bulletinItemSchema }), 'Sent to the office'), 401: errorResponses[401], 403: errorResponses[403], 409: keyReused, 422: errorResponses[422] },
    }),
    async (c) => idempotentJson(c, await submitBulletinItem(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/bulletin-items', tags: ['bulletins'], security: bearerSecurity,
      summary: '报送信息列表 The office its jurisdiction’s; a unit its own',
      request: { query: z.object({ jurisdictionId: z.string().max(64).optional(), unused: z.enum(['true', 'false']).optional().meta({ description: '`true`: not yet in a bulletin' }) }) },
      responses: { 200: jsonResponse(z.object({ items: z.array(bulletinItemSchema) }), 'Newest first'), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await listBulletinItems(c.get('services'), c.get('actor'), { jurisdictionId: q.jurisdictionId, unused: q.unused === 'true' }), 200);
    },
  );
  return router;
}

/**
 * 附件: upload (the raw file as the body, up to ATTACHMENT_MAX_BYTES — this route reads its own
 * body with that limit, larger than the API's JSON limit), list and download. Downloads carry the
 * sniffed type, a Content-Disposition and `nosniff`, so a file is never run as a page.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { attachmentListSchema, attachmentSchema } from '../../contract/desk.js';
import { contentDisposition } from '../../domain/attachment-types.js';
import { addAttachment, listAttachments, readAttachment } from '../../services/attachments/attachments.js';
import { idempotencyHeaders, idempotentJson, keyReused } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../openapi.js';
import { readUploadedFile } from '../uploaded-file.js';

const incidentParam = z.object({ id: z.string().min(1).max(64) });

export function attachmentRoutes() {
  const router = createRouter();
  router.use('/incidents/*', requireActor);
  router.use('/attachments/*', requireActor);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/incidents/{id}/attachments',
      tags: ['attachments'],
      summary: '上传附件 Add a photo or document (JPEG, PNG, WebP, PDF, DOCX) to an incident',
      description:
        'The body is the file itself (any Content-Type; the type is decided from the content). `fileName` names it. A retry with the same `Idempotency-Key`, file and name returns the first answer; another file or name with the key is a 409. At most ATTACHMENT_MAX_BYTES (10 MB by default): 413 beyond. The commission of the jurisdiction may upload.',
      security: bearerSecurity,
      request: { params: incidentParam, headers: idempotencyHeaders, query: z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不超过200字') }) },
      responses: {
        201: jsonResponse(z.object({ attachment: attachmentSchema }), 'Stored'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: keyReused,
        413: errorResponses[422],
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const services = c.get('services');
      const bytes = await readUploadedFile(c);
      const input = { incidentId: c.req.valid('param').id, fileName: c.req.valid('query').fileName, bytes };
      return idempotentJson(c, await addAttachment(services, c.get('actor'), input, c.req.valid('header')['idempotency-key']));
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/attachments',
      tags: ['attachments'],
      summary: '附件列表 The incident’s attachments (whoever may see the incident)',
      security: bearerSecurity,
      request: { params: incidentParam },
      responses: { 200: jsonResponse(attachmentListSchema, 'Attachments, oldest first'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => c.json(await listAttachments(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/attachments/{id}',
      tags: ['attachments'],
      summary: '下载附件 One attachment’s content',
      security: bearerSecurity,
      request: { params: incidentParam },
      responses: { 200: { description: 'The file' }, 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => {
      const file = await readAttachment(c.get('services'), c.get('actor'), c.req.valid('param').id);
      // Images open in the page; documents are always downloaded.
      const inline = file.contentType.startsWith('image/');
      return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-length': String(file.bytes.byteLength),
          'content-disposition': contentDisposition(file.fileName, inline),
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
          'cache-control': 'private, no-store',
        },
      }) as never;
    },
  );
  return router;
}

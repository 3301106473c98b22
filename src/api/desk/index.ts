/** 桌面端设置与通讯录: the desk's configuration (public: the login page reads it) and the units' phone numbers. */
import { createRoute, z } from '@hono/zod-openapi';
import { clientSettingsSchema, phoneBookSchema } from '../../contract/desk.js';
import { ATTACHMENT_KINDS } from '../../domain/attachment-types.js';
import { deskSettings } from '../../services/context.js';
import { unitPhoneBook } from '../../services/contacts/phone-book.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../openapi.js';

export function deskRoutes() {
  const router = createRouter();
  router.use('/jurisdictions/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/client-settings',
      tags: ['desk'],
      summary: '页面设置 Map link template, whether demo accounts exist, attachment limits (no login needed)',
      responses: { 200: jsonResponse(clientSettingsSchema, 'Settings') },
    }),
    (c) => {
      const desk = deskSettings(c.get('services'));
      return c.json(
        {
          mapUrlTemplate: desk.mapUrlTemplate,
          demoAccounts: desk.demoAccounts,
          attachments: {
            maxBytes: desk.attachmentMaxBytes,
            types: Object.entries(ATTACHMENT_KINDS).map(([contentType, k]) => ({ contentType, label: k.label, extension: k.extension })),
          },
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/jurisdictions/{id}/phone-book',
      tags: ['desk'],
      summary: '成员单位通讯录 Phone numbers of each unit’s liaisons and heads (the commission of the jurisdiction)',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }) },
      responses: { 200: jsonResponse(phoneBookSchema, 'Units with the numbers of their people'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404] },
    }),
    async (c) => c.json(await unitPhoneBook(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );
  return router;
}

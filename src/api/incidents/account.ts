/** 事后报告: the after-action account as JSON, a printable page (?format=html) or CSV (?format=csv). */
import { createRoute, z } from '@hono/zod-openapi';
import { accountSchema } from '../../contract/account.js';
import { incidentAccount } from '../../services/incidents/account.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses } from '../openapi.js';
import { accountCsv, accountHtml } from './account-render.js';

export function accountRoutes() {
  const router = createRouter();
  router.use('/incidents/*', requireActor);
  router.openapi(
    createRoute({
      method: 'get',
      path: '/incidents/{id}/account',
      tags: ['account'],
      summary: '事后报告 Per unit: notified, reached, read, acknowledged vs. deadline; per obligation and task: due vs. done',
      description: 'Computed from the append-only timeline. `format=html` is a printable page (A4), `format=csv` a UTF-8 CSV with BOM for Excel. Exercises say 【演练】.',
      security: bearerSecurity,
      request: { params: z.object({ id: z.string().min(1).max(64) }), query: z.object({ format: z.enum(['json', 'html', 'csv']).default('json') }) },
      responses: {
        200: {
          description: 'The account',
          content: {
            'application/json': { schema: accountSchema },
            'text/html': { schema: z.string() },
            'text/csv': { schema: z.string() },
          },
        },
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        422: errorResponses[422],
      },
    }),
    async (c) => {
      const account = await incidentAccount(c.get('services'), c.get('actor'), c.req.valid('param').id);
      const { format } = c.req.valid('query');
      if (format === 'html') return c.html(accountHtml(account)) as never;
      if (format === 'csv')
        return c.body(accountCsv(account), 200, {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="account-${account.incident.ref}.csv"; filename*=UTF-8''${encodeURIComponent(`${account.incident.drill ? '【演练】' : ''}事后报告-${account.incident.ref}.csv`)}`,
        }) as never;
      return c.json(account as never, 200);
    },
  );
  return router;
}

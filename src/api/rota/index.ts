/** 值班表: who is on duty now and next per unit, a unit's rota and its week, editing it, a person's calendar feed URL. */
import { createRoute, z } from '@hono/zod-openapi';
import { calendarFeedSchema, dutyOverviewSchema, rotaUpdateSchema, unitRotaSchema } from '../../contract/rota.js';
import { rotateCalendarToken } from '../../services/rota/calendar-feed.js';
import { dutyOverview } from '../../services/rota/duty-view.js';
import { getUnitRota, saveUnitRota } from '../../services/rota/unit-rota.js';
import { problemSchema } from '../../contract/api.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const readErrors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] };
const unitId = z.string().min(1).max(64);

export function rotaRoutes() {
  const router = createRouter();
  router.use('/rota/*', requireActor);
  router.use('/me/calendar-feed', requireActor);

  router.openapi(
    createRoute({
      method: 'get',
      path: '/rota/duty',
      tags: ['rota'],
      summary: '值班总览 Who is on duty now and next in every unit of a jurisdiction, and the rota gaps of the next 7 days',
      security: bearerSecurity,
      request: { query: z.object({ jurisdictionId: z.string().min(1).max(64) }) },
      responses: { 200: jsonResponse(dutyOverviewSchema, 'Per unit, in document order'), ...readErrors },
    }),
    async (c) => c.json(await dutyOverview(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/rota/units/{unitId}',
      tags: ['rota'],
      summary: '单位值班表 A unit’s rota, its people and the shifts of one week (local Monday to Sunday)',
      security: bearerSecurity,
      request: { params: z.object({ unitId }), query: z.object({ week: z.iso.date({ message: '日期格式应为 年-月-日 (week: YYYY-MM-DD)' }).optional() }) },
      responses: { 200: jsonResponse(unitRotaSchema, 'The rota'), ...readErrors },
    }),
    async (c) => c.json(await getUnitRota(c.get('services'), c.get('actor'), { ...c.req.valid('param'), ...c.req.valid('query') }), 200),
  );

  router.openapi(
    createRoute({
      method: 'put',
      path: '/rota/units/{unitId}',
      tags: ['rota'],
      summary: '修改值班表 Replace a unit’s rota: patterns, holidays, overrides and swaps (admin, jurisdiction admin, the unit head)',
      security: bearerSecurity,
      request: { params: z.object({ unitId }), body: jsonBody(rotaUpdateSchema) },
      responses: {
        200: jsonResponse(z.object({ revision: z.number().int() }), 'Saved'),
        ...readErrors,
        409: { description: 'Changed by someone else meanwhile', content: { 'application/problem+json': { schema: problemSchema } } },
      },
    }),
    async (c) => c.json(await saveUnitRota(c.get('services'), c.get('actor'), { ...c.req.valid('param'), ...c.req.valid('json') }), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/me/calendar-feed',
      tags: ['rota'],
      summary: '我的值班日历 A new secret iCalendar URL of one’s own shifts; the previous URL stops working',
      security: bearerSecurity,
      responses: { 200: jsonResponse(calendarFeedSchema, 'The URL, shown once'), 401: errorResponses[401] },
    }),
    async (c) => c.json(await rotateCalendarToken(c.get('services'), c.get('actor')), 200),
  );
  return router;
}

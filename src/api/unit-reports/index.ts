/**
 * 成员单位报告 (信阳 三(四)2 「其他部门如遇…及时向有关单位通报」): a member unit files an accident it
 * learned of first; the commission confirms it into a 初报 or declines it with a reason.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { incidentCreatedSchema, problemSchema } from '../../contract/api.js';
import { reportSubmissionSchema } from '../../contract/report.js';
import { unitReportConfirmationSchema, unitReportListSchema, unitReportRejectionSchema, unitReportSchema } from '../../contract/unit-report.js';
import { UNIT_REPORT_STATES } from '../../domain/enums.js';
import { confirmUnitReport, rejectUnitReport } from '../../services/unit-reports/decide.js';
import { fileUnitReport } from '../../services/unit-reports/file.js';
import { getUnitReport, listUnitReports } from '../../services/unit-reports/list.js';
import { idempotencyHeaders, idempotentJson } from '../idempotency.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';

const params = z.object({ id: z.string().min(1).max(64) });
const one = z.object({ unitReport: unitReportSchema }).meta({ id: 'UnitReportAnswer' });
const conflictResponse = { description: 'Already confirmed or declined', content: { 'application/problem+json': { schema: problemSchema } } };

export function unitReportRoutes() {
  const router = createRouter();
  router.use('/unit-reports', requireActor);
  router.use('/unit-reports/*', requireActor);

  router.openapi(
    createRoute({
      method: 'post',
      path: '/unit-reports',
      tags: ['unit-reports'],
      summary: '成员单位报告 A member unit files an accident it learned of first, for the commission to confirm',
      security: bearerSecurity,
      request: { headers: idempotencyHeaders, body: jsonBody(reportSubmissionSchema) },
      responses: {
        201: jsonResponse(one, 'Filed; the commission’s duty officers see it at once'),
        401: errorResponses[401],
        403: errorResponses[403],
        409: conflictResponse,
        422: errorResponses[422],
      },
    }),
    async (c) => idempotentJson(c, await fileUnitReport(c.get('services'), c.get('actor'), c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/unit-reports',
      tags: ['unit-reports'],
      summary: '成员单位报告列表 The commission sees its jurisdiction’s; a unit its own',
      security: bearerSecurity,
      request: { query: z.object({ state: z.enum(UNIT_REPORT_STATES).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      responses: { 200: jsonResponse(unitReportListSchema, 'Reports, newest first'), 401: errorResponses[401], 422: errorResponses[422] },
    }),
    async (c) => c.json(await listUnitReports(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/unit-reports/{id}',
      tags: ['unit-reports'],
      summary: '成员单位报告 One report and its outcome',
      security: bearerSecurity,
      request: { params },
      responses: { 200: jsonResponse(one, 'The report'), 401: errorResponses[401], 404: errorResponses[404] },
    }),
    async (c) => c.json(await getUnitReport(c.get('services'), c.get('actor'), c.req.valid('param').id), 200),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/unit-reports/{id}/confirm',
      tags: ['unit-reports'],
      summary: '确认 The report becomes the 初报 of an incident: classified, routed, notified; clocks from its filing',
      security: bearerSecurity,
      description: 'A retry with the same `Idempotency-Key` and body returns the first answer (the incident it made); another body with the key is a 409.',
      request: { params, headers: idempotencyHeaders, body: jsonBody(unitReportConfirmationSchema) },
      responses: {
        201: jsonResponse(one.extend({ incident: incidentCreatedSchema }).meta({ id: 'UnitReportConfirmed' }), 'Confirmed and filed'),
        401: errorResponses[401],
        403: errorResponses[403],
        404: errorResponses[404],
        409: conflictResponse,
        422: errorResponses[422],
      },
    }),
    async (c) => idempotentJson(c, await confirmUnitReport(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json'), c.req.valid('header')['idempotency-key'])),
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/unit-reports/{id}/reject',
      tags: ['unit-reports'],
      summary: '不予确认 Declined with a reason the filing unit is shown',
      security: bearerSecurity,
      request: { params, body: jsonBody(unitReportRejectionSchema) },
      responses: { 200: jsonResponse(one, 'Declined'), 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 409: conflictResponse, 422: errorResponses[422] },
    }),
    async (c) => c.json(await rejectUnitReport(c.get('services'), c.get('actor'), c.req.valid('param').id, c.req.valid('json').reason), 200),
  );

  return router;
}

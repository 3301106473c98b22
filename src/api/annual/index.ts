/**
 * 年度报送 (信阳 四(三)): a unit files its year's submission; the office sees every unit against the
 * 15 January deadline and exports the year. 年度履职情况 (信阳 二(三)): the report per unit.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { annualReportSchema, annualSubmissionInputSchema, annualSubmissionSchema, annualYearSchema } from '../../contract/annual.js';
import { contentDisposition } from '../../domain/attachment-types.js';
import { SUBMISSION_STANDING_LABELS } from '../../domain/annual-submissions.js';
import { annualYear, annualYearForOffice, fileAnnualSubmission } from '../../services/annual/year.js';
import { annualReportDocument, buildAnnualReport } from '../../services/reports/annual.js';
import { writeSheets } from '../../services/roster/spreadsheet.js';
import { localDateTime } from '../../domain/local-time.js';
import { requireActor } from '../middleware/authenticate.js';
import { bearerSecurity, createRouter, errorResponses, jsonBody, jsonResponse } from '../openapi.js';
import { documentResponse, documentResponses } from '../document-response.js';

const year = z.coerce.number().int('年度须为整数').min(2000, '年度不早于2000年').max(2100, '年度不晚于2100年');
const yearQuery = z.object({ jurisdictionId: z.string().max(64).optional(), year: year.optional().meta({ description: 'Default: the round under way (from 1 December, the next year’s)' }) });
const SHEET_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

export function annualRoutes() {
  const router = createRouter();
  router.use('/annual-submissions', requireActor);
  router.use('/annual-submissions/*', requireActor);
  router.use('/reports/*', requireActor);

  router.openapi(
    createRoute({
      method: 'get', path: '/annual-submissions', tags: ['annual'], security: bearerSecurity,
      summary: '年度报送情况 The office: every member unit against the year’s deadline; a unit: its own', request: { query: yearQuery },
      responses: { 200: jsonResponse(annualYearSchema, 'The year'), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
    }),
    async (c) => c.json(await annualYear(c.get('services'), c.get('actor'), c.req.valid('query')), 200),
  );

  router.openapi(
    createRoute({
      method: 'put', path: '/annual-submissions/{year}', tags: ['annual'], security: bearerSecurity,
      summary: '年度报送 A unit files (or refiles) its previous year’s summary, this year’s plan and proposed topics',
      description: 'Refiling the same content changes nothing (safe to retry). Refiling other content is an amendment: it replaces the text, and the first filing time is still what the deadline judges. Filing answers the unit’s request, which stops its chasing.',
      request: { params: z.object({ year }), body: jsonBody(annualSubmissionInputSchema) },
      responses: { 200: jsonResponse(z.object({ submission: annualSubmissionSchema }), 'Filed'), 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
    }),
    async (c) => c.json(await fileAnnualSubmission(c.get('services'), c.get('actor'), c.req.valid('param').year, c.req.valid('json')), 200),
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/annual-submissions/export', tags: ['annual'], security: bearerSecurity,
      summary: '导出年度报送 The year’s submissions of every unit as .xlsx or .csv (the office)',
      request: { query: yearQuery.extend({ format: z.enum(['xlsx', 'csv'], '格式须为 xlsx 或 csv').default('xlsx') }) },
      responses: {
        200: { description: 'The spreadsheet', content: { [SHEET_TYPES.xlsx]: { schema: z.string() }, 'text/csv': { schema: z.string() } } },
        401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422],
      },
    }),
    async (c) => {
      const services = c.get('services');
      const q = c.req.valid('query');
      const y = await annualYearForOffice(services, c.get('actor'), q);
      const offset = (await services.rulebooks.current(y.jurisdictionId))!.jurisdiction.utcOffset;
      const header = ['成员单位', '状态', '报送时间', '报送人', '上年度工作总结', '本年度重点工作计划', '议题建议'];
      const rows = y.units.map((u) => [
        u.unitName, SUBMISSION_STANDING_LABELS[u.standing], u.submission ? localDateTime(new Date(u.submission.submittedAt), offset) : '', u.submission?.submittedByName ?? '',
        u.submission?.summary ?? '', u.submission?.plan ?? '', (u.submission?.topics ?? []).join('\n'),
      ]);
      const bytes = await writeSheets([{ name: `${y.year}年度报送`, rows: [header, ...rows] }], q.format);
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { 'content-type': SHEET_TYPES[q.format], 'content-disposition': contentDisposition(`${y.year}年度报送.${q.format}`, false), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
      }) as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'get', path: '/reports/annual', tags: ['annual'], security: bearerSecurity,
      summary: '年度履职情况 Per member unit for a year: acknowledgements, tasks, agreed items, the annual submission, against their deadlines (the office)',
      request: { query: z.object({ jurisdictionId: z.string().max(64).optional(), year: year.optional(), format: z.enum(['json', 'html', 'docx']).default('json') }) },
      responses: { 200: { ...documentResponses, content: { ...documentResponses.content, 'application/json': { schema: annualReportSchema } } }, 401: errorResponses[401], 403: errorResponses[403], 422: errorResponses[422] },
    }),
    async (c) => {
      const services = c.get('services');
      const q = c.req.valid('query');
      const report = await buildAnnualReport(services, c.get('actor'), q);
      if (q.format === 'json') return c.json(report, 200);
      const offset = (await services.rulebooks.current(report.jurisdictionId))!.jurisdiction.utcOffset;
      return (await documentResponse(c, annualReportDocument(report, offset), q.format, `${report.year}年度履职情况`)) as never;
    },
  );
  return router;
}

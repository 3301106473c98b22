/** 名册 import (preview, then all-or-nothing apply), export and template, as `.xlsx` or `.csv`. */
import { createRoute, z } from '@hono/zod-openapi';
import { rosterImportResultSchema, rosterPreviewSchema } from '../../contract/roster.js';
import { contentDisposition } from '../../domain/attachment-types.js';
import { readBodyWithin } from '../../services/attachments/storage.js';
import { DomainError } from '../../services/errors.js';
import { applyRosterImport, previewRosterImport } from '../../services/roster/roster-import.js';
import { exportRoster, rosterTemplate } from '../../services/roster/roster-export.js';
import type { AppEnv } from '../env.js';
import type { Context } from 'hono';
import { bearerSecurity, createRouter, errorResponses, jsonResponse } from '../openapi.js';

/** A roster is a few hundred rows; 2 MB is far above any office's spreadsheet. */
export const ROSTER_MAX_BYTES = 2 * 1024 * 1024;

const jurisdictionParam = z.object({ jurisdictionId: z.string().min(1).max(64) });
const formatQuery = z.object({ format: z.enum(['xlsx', 'csv'], { message: '格式须为 xlsx 或 csv' }).default('xlsx') });
const uploadQuery = z.object({ fileName: z.string().trim().min(1, '请提供文件名').max(200, '文件名不超过200字') });
const errors = { 401: errorResponses[401], 403: errorResponses[403], 404: errorResponses[404], 422: errorResponses[422] };

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' } as const;

function download(bytes: Uint8Array, format: 'xlsx' | 'csv', name: string) {
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': contentDisposition(`${name}.${format}`, false), 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
  });
}

async function upload(c: Context<AppEnv>, jurisdictionId: string, fileName: string) {
  const bytes = await readBodyWithin(c.req.raw.body, ROSTER_MAX_BYTES);
  if (bytes === 'too_large') throw new DomainError('too_large', '名册文件不超过2兆字节', [{ field: 'file', message: '文件过大' }]);
  return { jurisdictionId, fileName, bytes };
}

const fileDownload = (description: string) => ({
  200: { description, content: { [CONTENT_TYPES.xlsx]: { schema: z.string() }, 'text/csv': { schema: z.string() } } },
  ...errors,
});

export function registerSpreadsheetRoutes(router: ReturnType<typeof createRouter>) {
  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/jurisdictions/{jurisdictionId}/roster',
      tags: ['admin'],
      summary: '导出名册 The member units and their people (roles, phones, SMS channel, on duty) as .xlsx or .csv',
      security: bearerSecurity,
      request: { params: jurisdictionParam, query: formatQuery },
      responses: fileDownload('The roster'),
    }),
    async (c) => {
      const { format } = c.req.valid('query');
      return download(await exportRoster(c.get('services'), c.get('actor'), c.req.valid('param').jurisdictionId, format), format, '人员名册') as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'get',
      path: '/admin/jurisdictions/{jurisdictionId}/roster/template',
      tags: ['admin'],
      summary: '名册模板 The blank roster with its Chinese headers, how to fill it in and the jurisdiction’s units',
      security: bearerSecurity,
      request: { params: jurisdictionParam, query: formatQuery },
      responses: fileDownload('The template'),
    }),
    async (c) => {
      const { format } = c.req.valid('query');
      return download(await rosterTemplate(c.get('services'), c.get('actor'), c.req.valid('param').jurisdictionId, format), format, '人员名册模板') as never;
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/jurisdictions/{jurisdictionId}/roster/preview',
      tags: ['admin'],
      summary: '导入预览 Checks a roster file (the body) and lists every row’s problem with its row number; writes nothing',
      security: bearerSecurity,
      request: { params: jurisdictionParam, query: uploadQuery },
      responses: { 200: jsonResponse(rosterPreviewSchema, 'What the import would do, or every problem'), ...errors },
    }),
    async (c) => {
      const input = await upload(c, c.req.valid('param').jurisdictionId, c.req.valid('query').fileName);
      return c.json(await previewRosterImport(c.get('services'), c.get('actor'), input), 200);
    },
  );

  router.openapi(
    createRoute({
      method: 'post',
      path: '/admin/jurisdictions/{jurisdictionId}/roster/import',
      tags: ['admin'],
      summary: '导入名册 Applies a roster file all or nothing in one transaction; a file with any problem is refused whole (422)',
      security: bearerSecurity,
      request: { params: jurisdictionParam, query: uploadQuery },
      responses: { 200: jsonResponse(rosterImportResultSchema, 'Imported; new accounts with their initial passwords, shown once'), ...errors },
    }),
    async (c) => {
      const input = await upload(c, c.req.valid('param').jurisdictionId, c.req.valid('query').fileName);
      return c.json(await applyRosterImport(c.get('services'), c.get('actor'), input), 200);
    },
  );
}

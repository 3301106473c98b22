/** Answers with a plain document (src/services/documents) as a print page or a Word file. */
import type { Context } from 'hono';
import { DOCX_TYPE, renderDocx } from '../services/documents/docx.js';
import { renderPrintHtml } from '../services/documents/html.js';
import type { PlainDocument } from '../services/documents/structure.js';
import type { AppEnv } from './env.js';

export async function documentResponse(c: Context<AppEnv>, doc: PlainDocument, format: 'html' | 'docx', fileStem: string): Promise<Response> {
  if (format === 'html') return c.html(renderPrintHtml(doc));
  const bytes = await renderDocx(doc);
  const safeStem = fileStem.replace(/[\\/:*?"<>|\r\n]/g, '_').slice(0, 100) || 'document';
  return new Response(bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': DOCX_TYPE,
      'content-disposition': `attachment; filename="document.docx"; filename*=UTF-8''${encodeURIComponent(`${safeStem}.docx`)}`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

export const documentResponses = {
  description: 'A printable page (`format=html`) or a Word file (`format=docx`)',
  content: { 'text/html': { schema: { type: 'string' } }, [DOCX_TYPE]: { schema: { type: 'string', format: 'binary' } } },
} as const;

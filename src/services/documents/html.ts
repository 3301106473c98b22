/**
 * A plain document (./structure.ts) as a self-contained page that prints well on A4: no script, its
 * own styles, every text escaped.
 */
import type { DocumentBlock, PlainDocument } from './structure.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `@page{size:A4;margin:25mm 20mm}body{font-family:"SimSun","Songti SC",serif;font-size:16px;line-height:1.8;max-width:48em;margin:2em auto;color:#000}
h1{text-align:center;font-size:24px;margin:0 0 .5em}.sub{text-align:center;margin:0}h2{font-size:18px;margin:1.2em 0 .4em}
p.b{text-indent:2em;margin:.2em 0}table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:14px}th,td{border:1px solid #000;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#eee}tr{break-inside:avoid}@media print{.noprint{display:none}}`;

function block(b: DocumentBlock): string {
  if (b.kind === 'heading') return `<h2>${escapeHtml(b.text)}</h2>`;
  if (b.kind === 'paragraph') return `<p class="b">${escapeHtml(b.text)}</p>`;
  const head = `<tr>${b.header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr>`;
  return `<table><thead>${head}</thead><tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

export function renderPrintHtml(doc: PlainDocument): string {
  const sub = (doc.subtitle ?? []).map((s) => `<p class="sub">${escapeHtml(s)}</p>`).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.title)}</title><style>${STYLE}</style></head><body><h1>${escapeHtml(doc.title)}</h1>${sub}${doc.blocks.map(block).join('')}</body></html>`;
}

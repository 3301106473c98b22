/** A bulletin as a document to print or export as Word: title, issuer and date, body, files, who received it. */
import { BULLETIN_KIND_LABELS } from '../../contract/labels.js';
import { localDateTime } from '../../domain/local-time.js';
import type { BulletinView } from '../../contract/bulletins.js';
import { paragraphs, type PlainDocument } from '../documents/structure.js';

export function bulletinDocument(b: BulletinView, utcOffset: string): PlainDocument {
  const when = b.publishedAt ? localDateTime(new Date(b.publishedAt), utcOffset).slice(0, 10) : '（草稿，未发布）';
  const blocks: PlainDocument['blocks'] = [...paragraphs(b.body)];
  if (b.attachments.length) blocks.push({ kind: 'heading', text: '附件' }, ...b.attachments.map((a, i) => ({ kind: 'paragraph' as const, text: `${i + 1}. ${a.fileName}` })));
  if (b.receipts?.length)
    blocks.push({
      kind: 'table',
      header: ['接收单位', '阅读情况'],
      rows: b.receipts.map((r) => [r.unitName, r.readAt ? `${localDateTime(new Date(r.readAt), utcOffset)} ${r.readByName ?? ''} 已读` : '未读']),
    });
  return { title: b.title, subtitle: [`${BULLETIN_KIND_LABELS[b.kind]} · ${b.publisherName} · ${when}`], blocks };
}

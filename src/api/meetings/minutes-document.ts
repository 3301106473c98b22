/**
 * 会议纪要 as a plain document (src/services/documents), for the Word file offices exchange: the
 * same parts as the print page (minutes-render.ts) — title, issue line, body, agreed items,
 * attendees, 发/抄报. Pure.
 */
import { localDateTime } from '../../domain/local-time.js';
import { paragraphs, type PlainDocument } from '../../services/documents/structure.js';
import type { PrintableMinutes } from './minutes-render.js';

export function minutesDocument(p: PrintableMinutes): PlainDocument {
  const t = (iso: string | null) => (iso ? localDateTime(new Date(iso), p.utcOffset) : '');
  const kind = p.meeting.kind === 'plenary' ? '全体会议' : '专题会议';
  const blocks: PlainDocument['blocks'] = [
    ...(p.minutes.state === 'issued' ? [] : paragraphs('征求意见稿，未印发')),
    ...paragraphs(`${t(p.meeting.startsAt)}，在${p.meeting.place}召开${kind}，议题：${p.meeting.topic}。`),
    ...paragraphs(p.minutes.text),
  ];
  if (p.items.length)
    blocks.push(
      { kind: 'heading', text: '议定事项' },
      { kind: 'table', header: ['序号', '事项', '牵头单位', '配合单位', '办结时限'], rows: p.items.map((i) => [String(i.number), i.title, i.lead, i.supports.join('、'), t(i.dueAt)]) },
    );
  if (p.attendees.length)
    blocks.push({ kind: 'heading', text: '参会单位及人员' }, ...paragraphs(p.attendees.map((a) => `${a.unitName}：${a.attendeeName}${a.deputy ? '（受委托）' : ''}`).join('；')));
  if (p.recipients.length) blocks.push(...paragraphs(`发：${p.recipients.join('、')}`));
  if (p.minutes.copiedTo) blocks.push(...paragraphs(`抄报：${p.minutes.copiedTo}`));
  return {
    title: `${p.jurisdictionName}职业病防治工作联席会议纪要`,
    subtitle: [`（${kind}·第${p.minutes.version}版${p.minutes.issuedAt ? `·${t(p.minutes.issuedAt)}印发` : ''}）`],
    blocks,
  };
}

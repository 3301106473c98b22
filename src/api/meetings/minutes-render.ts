/**
 * 会议纪要 as a printable page (A4 portrait, like a government document: title, issue line, body,
 * agreed items with their units and dates, 抄报 line). A pure renderer of the issued minutes.
 */
import { localDateTime } from '../../domain/local-time.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export interface PrintableMinutes {
  jurisdictionName: string;
  utcOffset: string;
  meeting: { kind: 'plenary' | 'topical'; topic: string; startsAt: string; place: string };
  minutes: { version: number; text: string; state: string; issuedAt: string | null; copiedTo: string | null };
  items: { number: number; title: string; lead: string; supports: string[]; dueAt: string }[];
  attendees: { unitName: string; attendeeName: string; deputy: boolean }[];
  recipients: string[];
}

const STYLE = `body{font-family:"FangSong","STFangsong","Noto Serif CJK SC","SimSun",serif;color:#111;margin:32px auto;max-width:760px;font-size:16px;line-height:1.8}
h1{font-family:"SimHei","Noto Sans CJK SC",sans-serif;font-size:24px;text-align:center;margin:0 0 4px;color:#b91c1c}
.sub{text-align:center;margin:0 0 16px}.rule{border-top:2px solid #b91c1c;margin:8px 0 20px}
h2{font-family:"SimHei","Noto Sans CJK SC",sans-serif;font-size:17px;margin:20px 0 6px}
p.body{text-indent:2em;white-space:pre-wrap;margin:0 0 8px}
table{width:100%;border-collapse:collapse;font-size:14px}th,td{border:1px solid #555;padding:4px 6px;text-align:left;vertical-align:top}
.foot{border-top:1px solid #111;margin-top:28px;padding-top:6px;font-size:14px}.draft{color:#b91c1c;font-weight:700;text-align:center}
@media print{body{margin:0;max-width:none}tr{break-inside:avoid}}
@page{size:A4 portrait;margin:25mm 20mm}`;

export function minutesHtml(p: PrintableMinutes): string {
  const t = (iso: string | null) => (iso ? esc(localDateTime(new Date(iso), p.utcOffset)) : '');
  const kind = p.meeting.kind === 'plenary' ? '全体会议' : '专题会议';
  const items = p.items
    .map((i) => `<tr><td>${i.number}</td><td>${esc(i.title)}</td><td>${esc(i.lead)}</td><td>${esc(i.supports.join('、'))}</td><td>${t(i.dueAt)}</td></tr>`)
    .join('');
  const attendees = p.attendees.map((a) => `${esc(a.unitName)}：${esc(a.attendeeName)}${a.deputy ? '（受委托）' : ''}`).join('；');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(p.meeting.topic)} 会议纪要</title><style>${STYLE}</style></head><body>
<h1>${esc(p.jurisdictionName)}职业病防治工作联席会议纪要</h1>
<p class="sub">（${esc(kind)}·第${p.minutes.version}版${p.minutes.issuedAt ? `·${t(p.minutes.issuedAt)}印发` : ''}）</p>
${p.minutes.state === 'issued' ? '' : '<p class="draft">征求意见稿，未印发</p>'}
<div class="rule"></div>
<p class="body">${esc(`${t(p.meeting.startsAt)}，在${p.meeting.place}召开${kind}，议题：${p.meeting.topic}。`)}</p>
<p class="body">${esc(p.minutes.text)}</p>
${p.items.length ? `<h2>议定事项</h2><table><thead><tr><th>序号</th><th>事项</th><th>牵头单位</th><th>配合单位</th><th>办结时限</th></tr></thead><tbody>${items}</tbody></table>` : ''}
${attendees ? `<h2>参会单位及人员</h2><p>${attendees}</p>` : ''}
<div class="foot">${p.recipients.length ? `<p>发：${esc(p.recipients.join('、'))}</p>` : ''}${p.minutes.copiedTo ? `<p>抄报：${esc(p.minutes.copiedTo)}</p>` : ''}</div>
</body></html>`;
}

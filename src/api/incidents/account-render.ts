/**
 * The after-action account as a printable page (clean print CSS, A4) and as CSV for Excel (UTF-8
 * with BOM). Both say 【演练】 first for an exercise. Pure renderers of the account's figures.
 */
import { localDateTime as localAt } from '../../domain/local-time.js';
import type { IncidentAccount } from '../../services/incidents/account.js';

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** `YYYY-MM-DD HH:mm` at the jurisdiction's offset; empty for none. */
export function localDateTime(iso: string | null | undefined, utcOffset: string): string {
  return iso ? localAt(new Date(iso), utcOffset) : '';
}

const SEVERITY: Record<string, string> = { general: '一般', major: '重大', extraordinary: '特大' };
const ROLE: Record<string, string> = { lead: '牵头', support: '配合', inform: '知悉' };
const CHANNEL: Record<string, string> = { socket: '应用', api: '应用', web_push: '推送', sms: '短信', robot: '群机器人', link: '签收链接' };
const METHOD: Record<string, string> = { phone: '电话', fax: '传真', document: '书面文件', system: '系统' };
const KIND: Record<string, string> = { initial: '初报', follow_up: '续报', final: '终报' };

export function outcomeText(outcome: string, lateBy: number | null): string {
  if (outcome === 'late') return `逾期${lateBy}分钟`;
  if (outcome === 'missed') return `逾期${lateBy}分钟未报，后被续报取代`;
  return (
    { on_time: '按时', never: '未签收', pending: '待签收', declined: '退回', superseded: '已被续报取代', withdrawn: '已撤回', overdue: '逾期未完成', due: '未到期', closed: '已关闭', open: '办理中', informational: '他方职责，仅核实' } as Record<string, string>
  )[outcome] ?? outcome;
}

const channel = (c: string | null) => (c ? CHANNEL[c] ?? c : '');

const STYLE = `body{font-family:"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",system-ui,sans-serif;color:#111;margin:24px;font-size:13px;line-height:1.45}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px;border-bottom:2px solid #111;padding-bottom:2px}
.meta{color:#333;margin:0 0 8px}.drill{border:3px solid #7c3aed;color:#7c3aed;font-weight:700;font-size:18px;text-align:center;padding:6px;margin-bottom:12px;letter-spacing:4px}
table{width:100%;border-collapse:collapse;margin:4px 0}th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}th{background:#eee}
.late,.never,.overdue{color:#b91c1c;font-weight:700}.on_time{color:#15803d}.note{color:#555;font-size:12px}
@media print{body{margin:0}.noprint{display:none}h2{break-after:avoid}tr{break-inside:avoid}th{background:#eee!important;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
@page{size:A4 landscape;margin:12mm}`;

export function accountHtml(a: IncidentAccount): string {
  const tz = a.jurisdiction.utcOffset;
  const t = (iso: string | null | undefined) => esc(localDateTime(iso, tz));
  const drill = a.incident.drill;
  const s = a.summary as { notifications: Record<string, number>; obligations: Record<string, number>; tasks: Record<string, number> };
  const units = a.units
    .flatMap((u) => u.notifications)
    .map(
      (n) =>
        `<tr><td>${esc(n.unitName)}</td><td>${n.version}</td><td>${esc(ROLE[n.role] ?? n.role)}</td><td>${t(n.notifiedAt)}</td><td>${t(n.firstDeliveredAt)} ${esc(channel(n.firstDeliveredVia))}</td><td>${t(n.firstReadAt)}</td><td>${t(n.acknowledgedAt)}</td><td>${esc(n.acknowledgedBy)} ${esc(channel(n.acknowledgedVia))}</td><td>${t(n.ackDueAt)}</td><td class="${esc(n.outcome)}">${esc(outcomeText(n.outcome, n.lateByMinutes))}</td><td class="note">${esc([n.declineReason && `退回：${n.declineReason}`, n.declineResolution, n.escalations.length ? `催办${n.escalations.length}次` : ''].filter(Boolean).join('；'))}</td></tr>`,
    )
    .join('');
  const obligations = (a.obligations as any[])
    .map(
      (o) =>
        `<tr><td>${esc(o.recipientName)}${o.informational ? '（核实）' : ''}</td><td>${esc(o.deadlineText)}</td><td>${t(o.dueAt)}</td><td>${t(o.submittedAt)}</td><td>${esc(o.submittedBy)}</td><td>${esc(o.method ? METHOD[o.method] ?? o.method : '')} ${esc(o.reference)}</td><td class="${esc(o.outcome)}">${esc(outcomeText(o.outcome, o.lateByMinutes))}</td><td class="note">${esc(o.citation)}</td></tr>`,
    )
    .join('');
  const tasks = (a.tasks as any[])
    .map(
      (k) =>
        `<tr><td>${esc(k.unitName)}（${esc(ROLE[k.role] ?? k.role)}）</td><td>${esc(k.title)}</td><td>${t(k.createdAt)}</td><td>${t(k.dueAt)}</td><td>${t(k.acceptedAt)}</td><td>${t(k.doneAt ?? k.closedAt)}</td><td class="${esc(k.outcome)}">${esc(outcomeText(k.outcome, k.lateByMinutes))}</td><td class="note">${esc(k.closeReason ?? '')}</td></tr>`,
    )
    .join('');
  const versions = a.incident.versions.map((v) => `${esc(KIND[v.kind] ?? v.kind)}（第${v.version}版，${t(v.at)}，${esc(SEVERITY[v.severity] ?? v.severity)}）`).join(' → ');
  const title = `${drill ? '【演练】' : ''}事后报告：${a.incident.title}`;
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(title)}</title><style>${STYLE}</style></head><body>
${drill ? '<div class="drill" role="note">【演练】本报告为演练记录，不计入真实事故的统计和考核</div>' : ''}
<h1>${esc(title)}</h1>
<p class="meta">${esc(a.jurisdiction.name)} · 编号 ${esc(a.incident.ref)} · ${esc(SEVERITY[a.incident.severity] ?? a.incident.severity)} · 接报 ${t(a.incident.receivedAt)} · ${a.incident.closedAt ? `结案 ${t(a.incident.closedAt)}` : '未结案'}${a.incident.closeOverride ? `（强制结案：${esc(a.incident.closeOverride.reason)}）` : ''}</p>
<p class="meta">报告版本：${versions}</p>
<p class="meta">签收：按时 ${s.notifications.on_time}，逾期 ${s.notifications.late}，未签收 ${s.notifications.never}，退回 ${s.notifications.declined}；上报：按时 ${s.obligations.onTime}，逾期上报 ${s.obligations.late}，逾期未报 ${s.obligations.overdue}；任务：按时办结 ${s.tasks.onTime}，逾期办结 ${s.tasks.late}，关闭 ${s.tasks.closed}</p>
<h2>一、成员单位通知与签收</h2>
<table><thead><tr><th>单位</th><th>版本</th><th>角色</th><th>通知时间</th><th>首次送达</th><th>首次阅读</th><th>签收时间</th><th>签收人·渠道</th><th>签收时限</th><th>结果</th><th>备注</th></tr></thead><tbody>${units}</tbody></table>
<h2>二、向上级报告</h2>
<table><thead><tr><th>报告对象</th><th>时限</th><th>截止时间</th><th>上报时间</th><th>上报人</th><th>方式·文号</th><th>结果</th><th>依据</th></tr></thead><tbody>${obligations}</tbody></table>
<h2>三、联合处置任务</h2>
<table><thead><tr><th>单位</th><th>任务</th><th>布置时间</th><th>办结时限</th><th>接收时间</th><th>办结/关闭时间</th><th>结果</th><th>说明</th></tr></thead><tbody>${tasks}</tbody></table>
<p class="note">生成时间 ${t(a.generatedAt)}。时间为当地时间（UTC${esc(tz)}）。本报告由事故时间线（只增不改）计算得出。</p>
</body></html>`;
}

/**
 * What a spreadsheet may read as the start of a formula: = + - @ in their ASCII, full-width
 * (＝＋－＠, typed with a Chinese input method) and small forms (﹦﹢﹣﹫), also after leading blanks,
 * and a leading tab or carriage return.
 */
const FORMULA_START = /^[\t\r]|^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B]/;

/** A cell Excel will neither split nor evaluate as a formula. */
export function cell(value: unknown): string {
  let text = String(value ?? '');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function accountCsv(a: IncidentAccount): string {
  const tz = a.jurisdiction.utcOffset;
  const t = (iso: string | null | undefined) => localDateTime(iso, tz);
  const rows: unknown[][] = [];
  if (a.incident.drill) rows.push(['【演练】本报告为演练记录，不计入真实事故的统计和考核']);
  rows.push([`${a.incident.drill ? '【演练】' : ''}${a.incident.ref} ${a.incident.title}`, a.jurisdiction.name, SEVERITY[a.incident.severity] ?? a.incident.severity, `时间为当地时间 UTC${tz}`]);
  rows.push(['类别', '单位/对象', '版本', '角色', '通知/起算时间', '首次送达', '首次阅读', '签收/上报/办结时间', '办理人', '渠道/方式', '时限', '结果', '逾期分钟', '备注']);
  for (const u of a.units)
    for (const n of u.notifications)
      rows.push(['签收', n.unitName, n.version, ROLE[n.role] ?? n.role, t(n.notifiedAt), t(n.firstDeliveredAt), t(n.firstReadAt), t(n.acknowledgedAt), n.acknowledgedBy, channel(n.acknowledgedVia), t(n.ackDueAt), outcomeText(n.outcome, n.lateByMinutes), n.lateByMinutes ?? '', [n.declineReason && `退回：${n.declineReason}`, n.declineResolution].filter(Boolean).join('；')]);
  for (const o of a.obligations as any[])
    rows.push(['上报', o.recipientName, '', '', t(o.startsAt), '', '', t(o.submittedAt), o.submittedBy, [o.method ? METHOD[o.method] ?? o.method : '', o.reference].filter(Boolean).join(' '), t(o.dueAt), outcomeText(o.outcome, o.lateByMinutes), o.lateByMinutes ?? '', o.citation]);
  for (const k of a.tasks as any[])
    rows.push(['任务', k.unitName, '', ROLE[k.role] ?? k.role, t(k.createdAt), '', '', t(k.doneAt ?? k.closedAt), '', '', t(k.dueAt), outcomeText(k.outcome, k.lateByMinutes), k.lateByMinutes ?? '', `${k.title}${k.closeReason ? `；关闭理由：${k.closeReason}` : ''}`]);
  // The BOM makes Excel read the file as UTF-8 (Chinese text); CRLF as RFC 4180 says.
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

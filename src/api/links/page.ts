/** The one-tap acknowledgement page: plain HTML that works on any phone browser, without login or JS. */
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;margin:0;padding:16px;background:#f4f6f8;color:#111;font-size:18px;line-height:1.5}
main{max-width:560px;margin:0 auto;background:#fff;border-radius:12px;padding:20px;box-shadow:0 1px 3px #0002}
h1{font-size:22px;margin:0 0 12px}.sev{display:inline-block;padding:2px 10px;border-radius:6px;color:#fff;font-weight:700}
.general{background:#1d4ed8}.major{background:#b45309}.extraordinary{background:#b91c1c}
blockquote{margin:12px 0;padding:8px 12px;border-left:4px solid #64748b;background:#f1f5f9;font-size:16px}
button{width:100%;font-size:24px;padding:18px;border:0;border-radius:12px;background:#15803d;color:#fff;font-weight:700;margin-top:16px}
button:focus{outline:4px solid #f59e0b}label{display:block;margin-top:12px}input{width:100%;font-size:18px;padding:10px;box-sizing:border-box}
.drill{padding:8px 12px;margin:0 0 12px;border-radius:8px;background:#7c3aed;color:#fff;font-weight:700;text-align:center;letter-spacing:2px}
input[type=radio]{width:auto;margin-right:8px}fieldset{border:1px solid #cbd5e1;border-radius:8px;margin-top:12px}
.done{padding:16px;border-radius:10px;background:#dcfce7;border:2px solid #15803d}.warn{padding:16px;border-radius:10px;background:#fef3c7;border:2px solid #b45309}`;

const SEVERITY: Record<string, string> = { general: '一般', major: '重大', extraordinary: '特大' };
const ROLE: Record<string, string> = { lead: '牵头', support: '配合', inform: '知悉' };

export function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface LinkPageData {
  token: string;
  personName: string;
  unitName: string;
  role: string;
  basis: string;
  state: string;
  acknowledgedAt: string | null;
  incident: { ref: string; title: string; severity: string; place: { address: string }; casualties: { acuteCases: number; deaths: number }; narrative: string; drill?: boolean; status?: string };
}

export function acknowledgePage(d: LinkPageData, message?: { kind: 'done' | 'warn'; text: string }): string {
  const i = d.incident;
  const status =
    message ??
    (d.state === 'acknowledged'
      ? { kind: 'done' as const, text: `本单位已于 ${d.acknowledgedAt} 签收，无需重复操作。` }
      : i.status === 'closed'
        ? { kind: 'done' as const, text: '该事故已终报结案，无需再签收。' }
        : d.state === 'superseded' || d.state === 'withdrawn'
          ? { kind: 'warn' as const, text: '该通知已被新的续报取代，请在联防中查看最新通知。' }
          : undefined);
  const form =
    d.state === 'pending' && i.status !== 'closed' && !message
      ? `<form method="post" action="/a/${esc(d.token)}"><label for="note">备注（可选）</label><input id="note" name="note" maxlength="500" placeholder="如：已派员赶赴现场"><button type="submit">签收 Acknowledge</button></form>`
      : '';
  return page(
    `${i.drill ? '【演练】' : ''}签收：${i.title}`,
    `${i.drill ? '<p class="drill" role="note">【演练】本事故为演练，请按真实流程签收</p>' : ''}<h1><span class="sev ${esc(i.severity)}">${esc(SEVERITY[i.severity] ?? i.severity)}</span> ${esc(i.title)}</h1>
<p>编号 ${esc(i.ref)} · ${esc(i.place.address)}<br>急性病例 ${i.casualties.acuteCases} 人，死亡 ${i.casualties.deaths} 人</p>
<p>${esc(i.narrative)}</p>
<p><strong>${esc(d.unitName)}</strong>为<strong>${esc(ROLE[d.role] ?? d.role)}</strong>单位（${esc(d.personName)}）。依据：</p>
<blockquote>${esc(d.basis)}</blockquote>
${status ? `<p class="${status.kind}" role="status">${esc(status.text)}</p>` : ''}${form}`,
  );
}

export interface UnitLinkPageData {
  token: string;
  unitName: string;
  role: string;
  basis: string;
  state: string;
  acknowledgedAt: string | null;
  people: { id: string; displayName: string }[];
  incident: LinkPageData['incident'];
}

/**
 * The page of a group robot's unit link: the notice, then who is acknowledging. It never
 * acknowledges by itself: the person logs in, or has their own link sent to their own phone.
 */
export function unitLinkPage(d: UnitLinkPageData, message?: { kind: 'done' | 'warn'; text: string }): string {
  const i = d.incident;
  const status =
    message ?? (d.state === 'acknowledged' ? { kind: 'done' as const, text: `本单位已于 ${d.acknowledgedAt} 签收，无需重复操作。` } : undefined);
  const choices = d.people
    .map((p, n) => `<label><input type="radio" name="personId" value="${esc(p.id)}"${n === 0 ? ' required' : ''}> ${esc(p.displayName)}</label>`)
    .join('');
  const form =
    d.state === 'pending'
      ? `<p>签收须由本人确认身份。请选择您的姓名，系统将把<strong>您本人的签收链接</strong>发送到您登记的手机短信或推送，请在本人手机上打开签收。</p>
<form method="post" action="/g/${esc(d.token)}"><fieldset><legend>签收人</legend>${choices}</fieldset><button type="submit">发送签收链接到我的手机</button></form>
<p>已登录联防的同志，也可<a href="/m">打开联防手机端签收</a>。</p>`
      : '';
  return page(
    `${i.drill ? '【演练】' : ''}本单位签收：${i.title}`,
    `${i.drill ? '<p class="drill" role="note">【演练】本事故为演练，请按真实流程签收</p>' : ''}<h1><span class="sev ${esc(i.severity)}">${esc(SEVERITY[i.severity] ?? i.severity)}</span> ${esc(i.title)}</h1>
<p>编号 ${esc(i.ref)} · ${esc(i.place.address)}<br>急性病例 ${i.casualties.acuteCases} 人，死亡 ${i.casualties.deaths} 人</p>
<p><strong>${esc(d.unitName)}</strong>为<strong>${esc(ROLE[d.role] ?? d.role)}</strong>单位。依据：</p>
<blockquote>${esc(d.basis)}</blockquote>
${status ? `<p class="${status.kind}" role="status">${esc(status.text)}</p>` : ''}${form}`,
  );
}

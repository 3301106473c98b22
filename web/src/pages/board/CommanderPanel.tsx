/** 待指挥长处理: declines and 督办 alerts, each closed with a written resolution. */
import { useState } from 'preact/hooks';
import type { AlertView } from '../../../../src/contract/admin.js';
import { describeError, post } from '../../lib/api.js';
import type { Model } from '../../lib/incident-state.js';
import type { User } from '../../lib/session.js';
import { formatDuration, formatTime } from '../../lib/time.js';

const KIND_LABELS: Record<string, { label: string; icon: string }> = {
  declined: { label: '单位退回', icon: '✕' },
  ack_overdue: { label: '签收超时督办', icon: '!' },
  task_overdue: { label: '任务超时督办', icon: '!' },
};

export function CommanderPanel({ model, user, now, onChange }: { model: Model; user: User; now: number; onChange: () => void }) {
  const alerts = Object.values(model.alerts).sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  return (
    <aside class="commander-panel" aria-labelledby="commander-panel-title">
      <h2 id="commander-panel-title">
        待指挥长处理 <span class="count-badge">{alerts.length}</span>
      </h2>
      {alerts.length === 0 ? (
        <p class="muted">没有待处理的退回或督办。</p>
      ) : (
        <ul class="alert-list">
          {alerts.map((a) => (
            <AlertItem key={a.id} alert={a} model={model} user={user} now={now} onChange={onChange} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function AlertItem({ alert, model, user, now, onChange }: { alert: AlertView; model: Model; user: User; now: number; onChange: () => void }) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const kind = KIND_LABELS[alert.kind] ?? { label: '督办', icon: '!' };
  const incident = model.incidents[alert.incidentId]?.incident;
  const mayResolve = user.role === 'commander' || user.role === 'admin';
  const fieldId = `resolve-${alert.id}`;

  async function resolve(e: Event) {
    e.preventDefault();
    if (text.trim().length < 2) {
      setError('请填写处理情况（至少2个字）');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await post(`/api/v1/alerts/${encodeURIComponent(alert.id)}/resolve`, { resolution: text.trim() });
      delete model.alerts[alert.id];
      onChange();
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  }

  return (
    <li class={`alert-item alert-${alert.kind}`} data-alert-id={alert.id} data-kind={alert.kind}>
      <p class="alert-kind">
        <span aria-hidden="true">{kind.icon} </span>
        {kind.label}
        <span class="muted"> · {formatTime(alert.raisedAt)}（{formatDuration(now - Date.parse(alert.raisedAt))}前）</span>
      </p>
      {alert.unitName && <p class="alert-unit">{alert.unitName}</p>}
      <p class="alert-reason">{alert.reason}</p>
      {incident && (
        <p class="muted small">
          {incident.ref} {incident.title}
        </p>
      )}
      {mayResolve &&
        (open ? (
          <form onSubmit={resolve} class="resolve-form">
            <label for={fieldId}>处理情况</label>
            <textarea id={fieldId} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} aria-describedby={error ? `${fieldId}-err` : undefined} />
            {error && (
              <p class="field-error" id={`${fieldId}-err`} role="alert">
                {error}
              </p>
            )}
            <div class="row-actions">
              <button type="submit" class="btn btn-primary" disabled={busy}>
                {busy ? '提交中…' : '确认处理'}
              </button>
              <button type="button" class="btn" onClick={() => setOpen(false)}>
                取消
              </button>
            </div>
          </form>
        ) : (
          <button type="button" class="btn" onClick={() => setOpen(true)}>
            处理
          </button>
        ))}
    </li>
  );
}

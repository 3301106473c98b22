/**
 * 群机器人 of one member unit on the admin page: each robot with whether it can deliver and its
 * last failure; admins add (or re-enter) a robot, and are told at once when it cannot deliver.
 */
import { useEffect, useState } from 'preact/hooks';
import { ChannelHealth, ROBOT_PROVIDERS, type ChannelPoint } from '../../components/ChannelHealth.js';
import { ApiError, describeError, get, post } from '../../lib/api.js';

export function UnitChannels({ unitId, unitName, canEdit }: { unitId: string; unitName: string; canEdit: boolean }) {
  const [points, setPoints] = useState<ChannelPoint[] | null>(null);
  const [error, setError] = useState('');
  const [added, setAdded] = useState<ChannelPoint | null>(null);
  const [form, setForm] = useState({ provider: 'dingtalk', webhook: '', secret: '', label: '' });
  const [busy, setBusy] = useState(false);
  const load = () =>
    get<{ contactPoints: ChannelPoint[] }>(`/api/v1/units/${encodeURIComponent(unitId)}/contact-points`).then(
      (r) => setPoints(r.contactPoints),
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), [unitId]);

  async function add(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setAdded(null);
    try {
      const body = { provider: form.provider, webhook: form.webhook.trim(), ...(form.secret ? { secret: form.secret } : {}), ...(form.label.trim() ? { label: form.label.trim() } : {}) };
      const res = await post<{ contactPoint: ChannelPoint }>(`/api/v1/units/${encodeURIComponent(unitId)}/robots`, body);
      setAdded(res.contactPoint);
      setForm({ ...form, webhook: '', secret: '', label: '' });
      await load();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      setError(fields.webhook ?? fields.secret ?? describeError(err));
    } finally {
      setBusy(false);
    }
  }

  const id = (name: string) => `robot-${name}-${unitId}`;
  return (
    <div class="unit-channels" data-unit-channels={unitId}>
      {points && points.length === 0 && <span class="muted small">未配置群机器人</span>}
      <ul class="channels">
        {(points ?? []).map((p) => (
          <li key={p.id} data-contact-point-id={p.id}>
            {ROBOT_PROVIDERS[p.provider] ?? '群机器人'}
            {p.label ? `「${p.label}」` : ''} <ChannelHealth point={p} />
          </li>
        ))}
      </ul>
      {added && (
        <p class={added.cannotDeliver ? 'field-error' : 'small'} role={added.cannotDeliver ? 'alert' : 'status'}>
          {added.cannotDeliver ? `已保存，但该群机器人无法发送：${added.cannotDeliver}` : '已保存群机器人'}
        </p>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {canEdit && (
        <details>
          <summary>添加群机器人</summary>
          <form class="robot-form" onSubmit={add} aria-label={`为${unitName}添加群机器人`}>
            <label for={id('provider')}>类型</label>
            <select id={id('provider')} value={form.provider} onChange={(e) => setForm({ ...form, provider: e.currentTarget.value })}>
              <option value="dingtalk">钉钉</option>
              <option value="wecom">企业微信</option>
            </select>
            <label for={id('webhook')}>机器人网址</label>
            <input id={id('webhook')} type="url" value={form.webhook} onInput={(e) => setForm({ ...form, webhook: e.currentTarget.value })} />
            <label for={id('secret')}>加签密钥（可选）</label>
            <input id={id('secret')} type="password" autocomplete="off" value={form.secret} onInput={(e) => setForm({ ...form, secret: e.currentTarget.value })} />
            <label for={id('label')}>名称（可选）</label>
            <input id={id('label')} value={form.label} maxLength={50} onInput={(e) => setForm({ ...form, label: e.currentTarget.value })} />
            <button type="submit" class="btn btn-small btn-primary" disabled={busy}>
              保存
            </button>
          </form>
        </details>
      )}
    </div>
  );
}

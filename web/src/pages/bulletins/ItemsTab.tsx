/** 报送信息: what units sent for the next bulletin; the office ticks items and pulls them into a draft. */
import { useState } from 'preact/hooks';
import type { BulletinItemView, BulletinListItem, BulletinView } from '../../../../src/contract/bulletins.js';
import { describeError, post } from '../../lib/api.js';
import { navigate } from '../../lib/nav.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { useLoad } from './use-load.js';

export function ItemsTab({ jurisdictionId }: { jurisdictionId: string }) {
  const items = useLoad<{ items: BulletinItemView[] }>(`/api/v1/bulletin-items?jurisdictionId=${encodeURIComponent(jurisdictionId)}`);
  const drafts = useLoad<{ bulletins: BulletinListItem[] }>('/api/v1/bulletins?limit=200');
  const [picked, setPicked] = useState<string[]>([]);
  const [target, setTarget] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (items.error) return <ErrorBox message={items.error} onRetry={items.reload} />;
  if (!items.data) return <Loading what="报送信息" />;
  const officeDrafts = (drafts.data?.bulletins ?? []).filter((b) => b.state === 'draft' && b.publisherUnitId === null);
  const pull = async () => {
    setMessage(null);
    try {
      const answer = await post<{ bulletin: BulletinView }>(`/api/v1/bulletins/${encodeURIComponent(target)}/pull-items`, { itemIds: picked });
      navigate(`/bulletins?id=${answer.bulletin.id}`);
    } catch (err) {
      setMessage(describeError(err));
    }
  };
  return (
    <section aria-labelledby="items-h">
      <h2 id="items-h">成员单位报送的信息</h2>
      {message && <p class="form-error" role="alert">{message}</p>}
      <div class="row-actions">
        <label for="pull-target">编入草稿</label>
        <select id="pull-target" value={target} onChange={(e) => setTarget(e.currentTarget.value)}>
          <option value="">（选择简报草稿）</option>
          {officeDrafts.map((d) => (
            <option value={d.id}>{d.title}</option>
          ))}
        </select>
        <button type="button" class="btn btn-primary" disabled={!target || picked.length === 0} onClick={() => void pull()}>
          编入所选 {picked.length} 条
        </button>
      </div>
      {items.data.items.length === 0 && <p class="muted">暂无报送信息。</p>}
      <ul class="alert-list">
        {items.data.items.map((i) => (
          <li class="card">
            <label class="check-field">
              <input type="checkbox" disabled={!!i.bulletinId} checked={picked.includes(i.id)} onChange={() => setPicked((l) => (l.includes(i.id) ? l.filter((x) => x !== i.id) : [...l, i.id]))} />
              <strong>{i.title}</strong>
            </label>
            <p class="muted">
              {i.unitName} · {i.submittedByName} · {formatDateTime(i.submittedAt)} {i.bulletinId ? '· 已编入简报' : ''}
            </p>
            <p>{i.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

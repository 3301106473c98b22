/** 简报: the list (drafts and published, with how many have read), a new draft, and one opened. */
import { useState } from 'preact/hooks';
import type { BulletinListItem } from '../../../../src/contract/bulletins.js';
import { BULLETIN_KIND_LABELS } from '../../../../src/contract/labels.js';
import { navigate } from '../../lib/nav.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { BulletinDetail } from './BulletinDetail.js';
import { BulletinForm } from './BulletinForm.js';
import { useLoad } from './use-load.js';

export function BulletinsTab({ jurisdictionId, openId }: { jurisdictionId: string; openId: string | null }) {
  const list = useLoad<{ bulletins: BulletinListItem[] }>('/api/v1/bulletins?limit=200');
  const [composing, setComposing] = useState(false);
  const open = (id: string) => navigate(`/bulletins?id=${encodeURIComponent(id)}${location.search.includes('j=') ? `&j=${jurisdictionId}` : ''}`);
  if (openId) return <BulletinDetail id={openId} jurisdictionId={jurisdictionId} onChanged={list.reload} />;
  return (
    <section aria-labelledby="bulletins-h">
      <div class="section-head">
        <h2 id="bulletins-h">简报</h2>
        {!composing && (
          <button type="button" class="btn btn-primary" onClick={() => setComposing(true)}>
            起草简报
          </button>
        )}
      </div>
      {composing && (
        <BulletinForm
          jurisdictionId={jurisdictionId}
          onCancel={() => setComposing(false)}
          onSaved={(id) => {
            setComposing(false);
            open(id);
          }}
        />
      )}
      {list.error && <ErrorBox message={list.error} onRetry={list.reload} />}
      {!list.data && !list.error && <Loading what="简报" />}
      {list.data && list.data.bulletins.length === 0 && <p class="muted">还没有简报。</p>}
      {list.data && list.data.bulletins.length > 0 && (
        <table class="data-table">
          <thead>
            <tr>
              <th scope="col">标题</th>
              <th scope="col">类别</th>
              <th scope="col">发布者</th>
              <th scope="col">状态</th>
              <th scope="col">已读</th>
            </tr>
          </thead>
          <tbody>
            {list.data.bulletins.map((b) => (
              <tr data-bulletin-id={b.id}>
                <td>
                  <a href={`/bulletins?id=${b.id}`} onClick={(e) => (e.preventDefault(), open(b.id))}>
                    {b.title}
                  </a>
                </td>
                <td>{BULLETIN_KIND_LABELS[b.kind]}</td>
                <td>{b.publisherName}</td>
                <td>{b.state === 'draft' ? '草稿' : `已发布 ${formatDateTime(b.publishedAt)}`}</td>
                <td>{b.readCount === null ? '—' : `${b.readCount} / ${b.recipientCount}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

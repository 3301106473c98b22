/**
 * 成员单位发布简报 on the phone (信阳 三(四) 「各成员单位…互通信息」): a unit writes a bulletin (the
 * desk's form: kind, title, body, all units or the ones ticked), saves it as a draft, reads it once
 * more and publishes it. Its own bulletins show, per recipient unit, who has read them.
 */
import { useState } from 'preact/hooks';
import type { BulletinView } from '../../../src/contract/bulletins.js';
import { describeError, get, post } from '../lib/api.js';
import { formatDateTime } from '../lib/time.js';
import { BulletinForm } from '../pages/bulletins/BulletinForm.js';

export function UnitBulletin({ jurisdictionId, onPublished, onClose }: { jurisdictionId: string; onPublished(): void; onClose(): void }) {
  const [draft, setDraft] = useState<BulletinView | null>(null);
  const [editing, setEditing] = useState(true);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const saved = async (id: string) => {
    setDraft((await get<{ bulletin: BulletinView }>(`/api/v1/bulletins/${encodeURIComponent(id)}`)).bulletin);
    setEditing(false);
  };
  const publish = async () => {
    if (!draft || busy) return;
    setBusy(true);
    setError('');
    try {
      await post(`/api/v1/bulletins/${encodeURIComponent(draft.id)}/publish`);
      onPublished();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card unit-bulletin" aria-labelledby="unit-bulletin-h">
      <h2 id="unit-bulletin-h">发布本单位简报</h2>
      {editing ? (
        <BulletinForm jurisdictionId={jurisdictionId} draft={draft ?? undefined} onCancel={draft ? () => setEditing(false) : onClose} onSaved={(id) => void saved(id)} />
      ) : (
        draft && (
          <div data-draft={draft.id}>
            <p class="meta">草稿 · 发送{draft.toAll ? '全体成员单位' : `${draft.unitIds.length}个单位`}</p>
            <h3>{draft.title}</h3>
            {draft.body.split('\n').filter(Boolean).map((p) => (
              <p>{p}</p>
            ))}
            {error && <p class="field-error" role="alert">{error}</p>}
            <div class="actions">
              <button type="button" class="ack" disabled={busy} onClick={() => void publish()}>
                发布
              </button>
              <button type="button" onClick={() => setEditing(true)}>
                修改
              </button>
            </div>
          </div>
        )
      )}
    </section>
  );
}

/** Who of the recipients has read the unit's own bulletin. */
export function ReadReceipts({ bulletin }: { bulletin: BulletinView }) {
  if (!bulletin.receipts) return null;
  return (
    <section aria-label="阅读回执">
      <h3>
        已读 {bulletin.readCount ?? 0} / {bulletin.recipientCount} 个单位
      </h3>
      <ul class="receipts">
        {bulletin.receipts.map((r) => (
          <li key={r.unitId} data-unit={r.unitId} data-read={r.readAt ? 'yes' : 'no'}>
            {r.unitName}：{r.readAt ? `${r.readByName ?? ''}已读（${formatDateTime(r.readAt)}）` : '未读'}
          </li>
        ))}
      </ul>
    </section>
  );
}

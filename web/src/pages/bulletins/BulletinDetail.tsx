/**
 * One bulletin as the office sees it: its text and files, print and Word, and — once published —
 * every recipient unit with read or not, who and when, updated live as units open it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { BulletinView } from '../../../../src/contract/bulletins.js';
import { BULLETIN_KIND_LABELS } from '../../../../src/contract/labels.js';
import { describeError, post } from '../../lib/api.js';
import { navigate } from '../../lib/nav.js';
import { EventStream } from '../../lib/realtime.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { BulletinForm } from './BulletinForm.js';
import { useLoad } from './use-load.js';

export function BulletinDetail({ id, jurisdictionId, onChanged }: { id: string; jurisdictionId: string; onChanged: () => void }) {
  const one = useLoad<{ bulletin: BulletinView; mayEdit: boolean }>(`/api/v1/bulletins/${encodeURIComponent(id)}`);
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    // Read receipts arrive as units open it: the list below follows without a reload.
    const stream = new EventStream({ afterSeq: null, onEvents: (events) => events.some((e) => e.type === 'bulletin.read' && (e.data as { bulletinId?: string }).bulletinId === id) && one.reload(), onStatus: () => {} });
    stream.start();
    return () => stream.stop();
  }, [id]);
  if (one.error) return <ErrorBox message={one.error} onRetry={one.reload} />;
  if (!one.data) return <Loading what="简报" />;
  const { bulletin: b, mayEdit } = one.data;
  const act = async (run: () => Promise<unknown>) => {
    setMessage(null);
    try {
      await run();
      one.reload();
      onChanged();
    } catch (err) {
      setMessage(describeError(err));
    }
  };
  // The file is the request body (the API reads its type from the content).
  const upload = (file: File) =>
    act(async () => {
      const res = await fetch(`/api/v1/bulletins/${b.id}/attachments?fileName=${encodeURIComponent(file.name)}`, { method: 'POST', body: file, credentials: 'same-origin' });
      if (!res.ok) throw new Error(((await res.json().catch(() => null)) as { detail?: string } | null)?.detail ?? '上传未成功');
    });
  if (editing) return <BulletinForm jurisdictionId={jurisdictionId} draft={b} onCancel={() => setEditing(false)} onSaved={() => (setEditing(false), one.reload())} />;
  return (
    <article class="incident-view" aria-labelledby="bulletin-title" data-bulletin-id={b.id}>
      <p>
        <a href="/bulletins" onClick={(e) => (e.preventDefault(), navigate('/bulletins'))}>
          ← 全部简报
        </a>
      </p>
      <h2 id="bulletin-title">{b.title}</h2>
      <p class="muted">
        {BULLETIN_KIND_LABELS[b.kind]} · {b.publisherName} · {b.state === 'draft' ? '草稿' : `${formatDateTime(b.publishedAt)} 发布`}
      </p>
      {message && <p class="form-error" role="alert">{message}</p>}
      <div class="row-actions">
        <a class="btn" href={`/api/v1/bulletins/${b.id}/document?format=html`} target="_blank" rel="noopener">
          打印
        </a>
        <a class="btn" href={`/api/v1/bulletins/${b.id}/document?format=docx`} download>
          导出 Word
        </a>
        {mayEdit && (
          <>
            <button type="button" class="btn" onClick={() => setEditing(true)}>
              修改
            </button>
            <label class="btn">
              添加附件
              <input type="file" class="sr-only" onChange={(e) => e.currentTarget.files?.[0] && void upload(e.currentTarget.files[0])} />
            </label>
            <button type="button" class="btn btn-primary" onClick={() => void act(() => post(`/api/v1/bulletins/${b.id}/publish`))}>
              发布
            </button>
          </>
        )}
      </div>
      {b.body.split('\n').filter(Boolean).map((p) => (
        <p>{p}</p>
      ))}
      {b.attachments.length > 0 && (
        <ul class="attachment-list" aria-label="附件">
          {b.attachments.map((a) => (
            <li>
              <a href={a.url}>{a.fileName}</a>
            </li>
          ))}
        </ul>
      )}
      {b.receipts && <Receipts b={b} />}
    </article>
  );
}

function Receipts({ b }: { b: BulletinView }) {
  return (
    <section aria-labelledby="receipts-h">
      <h3 id="receipts-h">
        阅读情况：已读 {b.readCount} / {b.recipientCount}
      </h3>
      <table class="data-table receipts">
        <thead>
          <tr>
            <th scope="col">接收单位</th>
            <th scope="col">状态</th>
            <th scope="col">阅读人</th>
            <th scope="col">时间</th>
          </tr>
        </thead>
        <tbody>
          {b.receipts!.map((r) => (
            <tr data-unit-id={r.unitId} data-read={r.readAt ? 'yes' : 'no'}>
              <td>{r.unitName}</td>
              <td>{r.readAt ? '已读' : '未读'}</td>
              <td>{r.readByName ?? ''}</td>
              <td>{formatDateTime(r.readAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

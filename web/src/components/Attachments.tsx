/**
 * 附件: the incident's scene photos and documents, and (for the commission) an upload button.
 * The file goes as the request body; the server decides its type from the content.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AttachmentView } from '../../../src/contract/desk.js';
import { ApiError, describeError, get } from '../lib/api.js';
import { formatShort } from '../lib/time.js';
import { useClientSettings } from './use-client-settings.js';

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

async function upload(incidentId: string, file: File): Promise<AttachmentView> {
  const res = await fetch(`/api/v1/incidents/${encodeURIComponent(incidentId)}/attachments?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream' },
    body: file,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body ?? null);
  return (body as { attachment: AttachmentView }).attachment;
}

export function Attachments({ incidentId, canUpload, version = 0 }: { incidentId: string; canUpload: boolean; version?: number }) {
  const [list, setList] = useState<AttachmentView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const settings = useClientSettings();
  const headingId = `attachments-${incidentId}`;

  useEffect(() => {
    let cancelled = false;
    get<{ attachments: AttachmentView[] }>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/attachments`)
      .then((r) => !cancelled && setList(r.attachments))
      .catch((err) => !cancelled && setError(describeError(err)));
    return () => {
      cancelled = true;
    };
  }, [incidentId, version]);

  async function onPick(e: Event) {
    const files = [...((e.currentTarget as HTMLInputElement).files ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      for (const f of files) {
        if (settings && f.size > settings.attachments.maxBytes) throw new Error(`「${f.name}」超过 ${sizeText(settings.attachments.maxBytes)}，不能上传`);
        const added = await upload(incidentId, f);
        setList((l) => [...(l ?? []).filter((a) => a.id !== added.id), added]);
      }
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  const accept = settings?.attachments.types.map((t) => `${t.contentType},.${t.extension}`).join(',') ?? 'image/jpeg,image/png,image/webp,application/pdf,.docx';
  const allowed = settings ? `${settings.attachments.types.map((t) => t.label).join('、')}，每个不超过 ${sizeText(settings.attachments.maxBytes)}` : '';
  return (
    <section class="attachments" aria-labelledby={headingId} data-incident-id={incidentId}>
      <h3 id={headingId}>附件{list ? `（${list.length}）` : ''}</h3>
      {list && list.length === 0 && <p class="muted">暂无现场照片或书面报告</p>}
      {list && list.length > 0 && (
        <ul class="attachment-list">
          {list.map((a) => (
            <li key={a.id} data-attachment-id={a.id}>
              {a.contentType.startsWith('image/') ? (
                <a href={a.url} target="_blank" rel="noopener">
                  <img src={a.url} alt={`现场照片：${a.fileName}`} loading="lazy" width={96} height={72} />
                </a>
              ) : (
                <span class="attachment-icon" aria-hidden="true">
                  ▤
                </span>
              )}
              <a href={a.url} download={a.fileName} class="attachment-name" data-literal>
                {a.fileName}
              </a>
              <span class="muted small">
                {sizeText(a.size)} · {a.uploadedByName ?? ''} {formatShort(a.createdAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
      {canUpload && (
        <div class="attachment-upload">
          <label class="btn btn-small" for={`upload-${incidentId}`}>
            {busy ? '正在上传…' : '上传照片或文件'}
          </label>
          <input id={`upload-${incidentId}`} ref={input} class="sr-only" type="file" multiple accept={accept} disabled={busy} onChange={onPick} />
          <span class="muted small"> {allowed}</span>
        </div>
      )}
    </section>
  );
}

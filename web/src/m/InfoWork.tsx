/**
 * 简报与报送 on the phone: what waits for the unit (the annual submission by its deadline, bulletins
 * to read), every bulletin sent to it (opening one marks it read for the unit), the annual
 * submission form, and information for the next bulletin.
 */
import { useEffect, useState } from 'preact/hooks';
import type { AnnualYearView } from '../../../src/contract/annual.js';
import type { BulletinListItem, BulletinView } from '../../../src/contract/bulletins.js';
import { BULLETIN_KIND_LABELS } from '../../../src/contract/labels.js';
import { describeError, get, post } from '../lib/api.js';
import { formatDateTime } from '../lib/time.js';
import { AnnualForm, ItemForm } from './InfoForms.js';
import { waitingItems } from './standing-info.js';
import { ReadReceipts, UnitBulletin } from './UnitBulletin.js';

/**
 * The unit's bulletins and this year's annual round, reloaded when `refreshKey` changes. Both
 * readings land in one render: a card that moved under a finger after it was shown (the annual
 * round arriving after the bulletins) is a mistap.
 */
export function useInfoWork(refreshKey: number) {
  const [bulletins, setBulletins] = useState<BulletinListItem[]>([]);
  const [annual, setAnnual] = useState<AnnualYearView | null>(null);
  const [error, setError] = useState('');
  const reload = () => {
    void Promise.all([
      get<{ bulletins: BulletinListItem[] }>('/api/v1/bulletins?limit=100').then((r) => r.bulletins, (e) => (setError(describeError(e)), null)),
      // A jurisdiction whose document asks for no annual submission answers 403: nothing to show.
      get<AnnualYearView>('/api/v1/annual-submissions').catch(() => null),
    ]).then(([list, year]) => {
      // A receipt is never taken back: a reading sent before this unit's 阅读 answered keeps it.
      if (list) setBulletins((current) => list.map((b) => (b.readAt ? b : { ...b, readAt: current.find((x) => x.id === b.id)?.readAt ?? null })));
      setAnnual(year);
    });
  };
  useEffect(reload, [refreshKey]);
  return { bulletins, setBulletins, annual, error, reload };
}
export type InfoWorkState = ReturnType<typeof useInfoWork>;

export function InfoWork({ unitId, jurisdictionId, info }: { unitId: string | null; jurisdictionId: string | null; info: InfoWorkState }) {
  const { bulletins, setBulletins, annual, reload: load } = info;
  const [open, setOpen] = useState<BulletinView | null>(null);
  const [form, setForm] = useState<'annual' | 'item' | 'bulletin' | null>(null);
  const [message, setMessage] = useState(info.error);
  const waiting = waitingItems(annual, bulletins, unitId);
  const read = async (b: BulletinListItem) => {
    try {
      // Opening it is reading it: the unit's receipt, kept once by the server.
      const answer = await post<{ bulletin: BulletinView }>(`/api/v1/bulletins/${encodeURIComponent(b.id)}/read`);
      setOpen(answer.bulletin);
      setBulletins((list) => list.map((x) => (x.id === b.id ? { ...x, readAt: answer.bulletin.readAt } : x)));
    } catch (e) {
      setMessage(describeError(e));
    }
  };
  if (open)
    return (
      <article class="card" aria-labelledby="bulletin-h" data-bulletin-id={open.id}>
        <button type="button" onClick={() => setOpen(null)}>
          ← 返回
        </button>
        <h2 id="bulletin-h">{open.title}</h2>
        <p class="meta">
          {BULLETIN_KIND_LABELS[open.kind]} · {open.publisherName} · {formatDateTime(open.publishedAt)}
        </p>
        {open.body.split('\n').filter(Boolean).map((p) => (
          <p>{p}</p>
        ))}
        {open.attachments.map((a) => (
          <p>
            <a href={a.url}>附件：{a.fileName}</a>
          </p>
        ))}
        {open.receipts ? <ReadReceipts bulletin={open} /> : <p class="done">本单位已读（{formatDateTime(open.readAt)}）</p>}
      </article>
    );
  return (
    <section aria-labelledby="info-h">
      <h1 id="info-h">待办 {waiting.length} 项</h1>
      {message && <p class="message" role="alert">{message}</p>}
      {waiting.length === 0 && <p class="empty">暂无待阅简报或待报送事项。</p>}
      {waiting.map((w) =>
        w.kind === 'annual' ? (
          <article class="card pending" data-waiting="annual">
            <h2>{w.year}年度报送</h2>
            <p class="due">截止 {formatDateTime(new Date(Date.parse(w.dueAt) - 60_000).toISOString())}</p>
            <p class="meta">上年度工作总结、本年度重点工作计划、拟提交联席会议的议题建议</p>
            <button type="button" class="ack" onClick={() => setForm('annual')}>
              填写年度报送
            </button>
          </article>
        ) : (
          <article class="card pending" data-waiting="bulletin" data-bulletin-id={w.bulletin.id}>
            <h2>{w.bulletin.title}</h2>
            <p class="meta">
              {BULLETIN_KIND_LABELS[w.bulletin.kind]} · {w.bulletin.publisherName} · {formatDateTime(w.bulletin.publishedAt)}
            </p>
            <button type="button" class="ack" onClick={() => void read(w.bulletin)}>
              阅读
            </button>
          </article>
        ),
      )}
      {form === 'annual' && annual && <AnnualForm year={annual.year} onDone={() => (setForm(null), load())} />}
      {form === 'item' && <ItemForm onDone={() => setForm(null)} />}
      {form === 'bulletin' && jurisdictionId && <UnitBulletin jurisdictionId={jurisdictionId} onClose={() => setForm(null)} onPublished={() => (setForm(null), load())} />}
      {form === null && (
        <p class="actions">
          <button type="button" onClick={() => setForm('item')}>
            报送简报信息
          </button>
          {jurisdictionId && (
            <button type="button" onClick={() => setForm('bulletin')}>
              发布本单位简报
            </button>
          )}
        </p>
      )}
      <h2>全部简报</h2>
      {bulletins.filter((b) => b.state === 'published').map((b) => (
        <article class={`card ${b.readAt || !b.unitIds.includes(unitId ?? '') ? 'acknowledged' : 'pending'}`}>
          <button type="button" class="link-button" onClick={() => void (b.unitIds.includes(unitId ?? '') ? read(b) : get<{ bulletin: BulletinView }>(`/api/v1/bulletins/${b.id}`).then((r) => setOpen(r.bulletin)))}>
            {b.title}
          </button>
          <p class="meta">
            {b.publisherName} · {formatDateTime(b.publishedAt)} · {b.readAt ? '已读' : b.unitIds.includes(unitId ?? '') ? '未读' : '本单位发布'}
          </p>
        </article>
      ))}
    </section>
  );
}

/** 年度报送 (信阳 四(三)): every member unit against the year's 15 January deadline; open a unit's filing; export the year. */
import { useState } from 'preact/hooks';
import type { AnnualYearView } from '../../../../src/contract/annual.js';
import { SUBMISSION_STANDING_LABELS } from '../../../../src/domain/annual-submissions.js';
import { navigate } from '../../lib/nav.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { useLoad } from './use-load.js';
import { DeliveryFailed } from '../../components/DeliveryFailed.js';

/** The deadline is the first instant after the due day; people read the day's last minute (15日 23:59). */
export const lastMinute = (dueAt: string) => formatDateTime(new Date(Date.parse(dueAt) - 60_000).toISOString());

export function AnnualTab({ jurisdictionId, year }: { jurisdictionId: string; year?: number }) {
  const q = `jurisdictionId=${encodeURIComponent(jurisdictionId)}${year ? `&year=${year}` : ''}`;
  const y = useLoad<AnnualYearView>(`/api/v1/annual-submissions?${q}`);
  const [open, setOpen] = useState<string | null>(null);
  if (y.error) return <ErrorBox message={y.error} onRetry={y.reload} />;
  if (!y.data) return <Loading what="年度报送" />;
  const d = y.data;
  const go = (n: number) => navigate(`/bulletins/annual?year=${n}${location.search.includes('j=') ? `&j=${jurisdictionId}` : ''}`);
  return (
    <section aria-labelledby="annual-h">
      <div class="section-head">
        <h2 id="annual-h">{d.year}年度报送</h2>
        <div class="row-actions">
          <button type="button" class="btn btn-small" onClick={() => go(d.year - 1)}>
            上一年度
          </button>
          <button type="button" class="btn btn-small" onClick={() => go(d.year + 1)}>
            下一年度
          </button>
          <a class="btn" href={`/api/v1/annual-submissions/export?${q.replace(/&?year=\d+/, '')}&year=${d.year}`} download>
            导出电子表格
          </a>
        </div>
      </div>
      <p class="basis">
        {d.basis.documentClause}：{d.basis.quote}
      </p>
      <p>
        截止 {lastMinute(d.dueAt)}，提醒自 {formatDateTime(d.opensAt)} 起。已报送 <strong>{d.submitted}</strong> / {d.units.length}
      </p>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">成员单位</th>
            <th scope="col">状态</th>
            <th scope="col">报送时间</th>
            <th scope="col">报送人</th>
          </tr>
        </thead>
        <tbody>
          {d.units.map((u) => (
            <>
              <tr data-unit-id={u.unitId} data-standing={u.standing}>
                <td>
                  {u.submission ? (
                    <button type="button" class="link-button" aria-expanded={open === u.unitId} onClick={() => setOpen(open === u.unitId ? null : u.unitId)}>
                      {u.unitName}
                    </button>
                  ) : (
                    u.unitName
                  )}
                </td>
                <td class={u.standing === 'missing' || u.standing === 'late' ? 'warn-text' : ''}>
                  {SUBMISSION_STANDING_LABELS[u.standing]}
                  {!u.submission && u.undelivered.length > 0 && <DeliveryFailed failures={u.undelivered} withDate />}
                </td>
                <td>{formatDateTime(u.submission?.submittedAt)}</td>
                <td>{u.submission?.submittedByName ?? ''}</td>
              </tr>
              {open === u.unitId && u.submission && (
                <tr>
                  <td colSpan={4}>
                    <h3>上年度工作总结</h3>
                    <p>{u.submission.summary}</p>
                    <h3>本年度重点工作计划</h3>
                    <p>{u.submission.plan}</p>
                    <h3>拟提交联席会议的议题建议</h3>
                    <ol>{u.submission.topics.map((t) => <li>{t}</li>)}</ol>
                  </td>
                </tr>
              )}
            </>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** 年度履职情况 (信阳 二(三)): per member unit for a year, from the record, with print and Word. */
import { useState } from 'preact/hooks';
import type { AnnualReport } from '../../../../src/contract/annual.js';
import { SUBMISSION_STANDING_LABELS } from '../../../../src/domain/annual-submissions.js';
import { tallyText } from '../../../../src/domain/annual-report.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { useLoad } from './use-load.js';

export function ReportTab({ jurisdictionId }: { jurisdictionId: string }) {
  const [year, setYear] = useState(new Date().getFullYear());
  const q = `jurisdictionId=${encodeURIComponent(jurisdictionId)}&year=${year}`;
  const r = useLoad<AnnualReport>(`/api/v1/reports/annual?${q}`);
  return (
    <section aria-labelledby="report-h">
      <div class="section-head">
        <h2 id="report-h">{year}年度成员单位履职情况</h2>
        <div class="row-actions">
          <label for="report-year">年度</label>
          <input id="report-year" type="number" min={2000} max={2100} value={year} onChange={(e) => setYear(Number(e.currentTarget.value) || year)} />
          <a class="btn" href={`/api/v1/reports/annual?${q}&format=html`} target="_blank" rel="noopener">
            打印
          </a>
          <a class="btn" href={`/api/v1/reports/annual?${q}&format=docx`} download>
            导出 Word
          </a>
        </div>
      </div>
      {r.error && <ErrorBox message={r.error} onRetry={r.reload} />}
      {!r.data && !r.error && <Loading what="履职情况" />}
      {r.data && (
        <>
          {r.data.notes.map((n) => (
            <p class="muted">{n}</p>
          ))}
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">成员单位</th>
                <th scope="col">事故通报签收</th>
                <th scope="col">联合处置任务</th>
                <th scope="col">议定事项</th>
                <th scope="col">年度报送</th>
              </tr>
            </thead>
            <tbody>
              {r.data.rows.map((x) => (
                <tr>
                  <td>{x.unitName}</td>
                  <td>{tallyText(x.acknowledgements)}</td>
                  <td>{tallyText(x.tasks)}</td>
                  <td>{tallyText(x.agreedItems)}</td>
                  <td>{x.submission ? SUBMISSION_STANDING_LABELS[x.submission] : '（不适用）'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

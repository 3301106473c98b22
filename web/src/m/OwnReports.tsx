/** 本单位的报告: what this unit filed, and the commission's answer to each (confirmed with the incident's number, or declined with why). */
import type { UnitReportView } from '../../../src/contract/unit-report.js';
import { formatTime } from '../lib/time.js';

const STATE_WORDS = { pending: '待卫健委确认', confirmed: '已确认为事故', rejected: '不予确认' } as const;

export function OwnReports({ reports }: { reports: UnitReportView[] }) {
  return (
    <section aria-labelledby="own-reports-h">
      <h2 id="own-reports-h">本单位的报告</h2>
      {reports.length === 0 && <p class="empty">本单位尚未报告事故。</p>}
      {reports.map((r) => (
        <article class={`card unit-report ${r.state}`} data-unit-report-id={r.id} aria-labelledby={`ur-${r.id}`}>
          <h3 id={`ur-${r.id}`}>{r.title}</h3>
          <p class="meta">
            {formatTime(r.filedAt)} 由{r.filedByName}报告
          </p>
          <p class="outcome" role="status">
            {STATE_WORDS[r.state]}
            {r.state === 'confirmed' && r.incidentRef && (
              <>
                ，事故编号 <span data-literal>{r.incidentRef}</span>
              </>
            )}
            {r.state === 'rejected' && r.rejectReason && `：${r.rejectReason}`}
            {r.decidedByName && `（${r.decidedByName}）`}
          </p>
        </article>
      ))}
    </section>
  );
}

/**
 * 成员单位报告待确认 (信阳 三(四)2 「其他部门如遇…及时向有关单位通报」): on the duty desk and the board,
 * the reports member units filed, live, each an alert naming the unit. A duty officer confirms one
 * (it becomes the 初报, its statutory clocks running from when it was filed) or declines it with a
 * reason the unit is shown.
 */
import { useEffect, useState } from 'preact/hooks';
import type { UnitReportView } from '../../../src/contract/unit-report.js';
import { describeError, get, post } from '../lib/api.js';
import { useSubmissionKey } from '../lib/submission-key.js';
import { EventStream } from '../lib/realtime.js';
import { UnitReportItem } from './UnitReportItem.js';

interface Confirmed {
  unitReport: UnitReportView;
  incident: { id: string; ref: string };
}

export function UnitReportsPanel({ incidentHref }: { incidentHref(id: string): string }) {
  const keyFor = useSubmissionKey();
  const [reports, setReports] = useState<UnitReportView[]>([]);
  const [done, setDone] = useState<{ text: string; href?: string } | null>(null);
  const [error, setError] = useState('');

  const load = () =>
    get<{ reports: UnitReportView[] }>('/api/v1/unit-reports?state=pending')
      .then((r) => setReports(r.reports))
      .catch((err) => setError(describeError(err)));

  useEffect(() => {
    void load();
    const stream = new EventStream({
      afterSeq: null,
      onReconnect: () => void load(),
      onEvents: (events) => {
        if (events.some((e) => e.type.startsWith('unit_report.'))) void load();
      },
      onStatus: () => {},
    });
    stream.start();
    return () => stream.stop();
  }, []);

  const confirm = async (r: UnitReportView) => {
    setError('');
    try {
      const res = await post<Confirmed>(`/api/v1/unit-reports/${encodeURIComponent(r.id)}/confirm`, {}, keyFor({ confirm: r.id }));
      setDone({ text: `已确认${r.unitName}的报告，事故编号 ${res.incident.ref}，已按初报通知相关单位`, href: incidentHref(res.incident.id) });
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  const reject = async (r: UnitReportView, reason: string) => {
    setError('');
    try {
      await post(`/api/v1/unit-reports/${encodeURIComponent(r.id)}/reject`, { reason });
      setDone({ text: `已将${r.unitName}的报告不予确认，理由已告知该单位` });
      await load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  if (!reports.length && !done && !error) return null;
  return (
    <section class="unit-reports" aria-labelledby="unit-reports-h">
      <h2 id="unit-reports-h">成员单位报告待确认（{reports.length}）</h2>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p class="unit-report-done" role="status">
          {done.text}
          {done.href && (
            <>
              {' '}
              <a href={done.href}>查看事故</a>
            </>
          )}
        </p>
      )}
      {reports.map((r) => (
        <UnitReportItem key={r.id} report={r} onConfirm={() => void confirm(r)} onReject={(reason) => void reject(r, reason)} />
      ))}
    </section>
  );
}

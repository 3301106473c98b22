/** One member unit's report waiting on the desk or the board: the unit, the facts, 确认为事故 or 不予确认 with a reason. */
import { useState } from 'preact/hooks';
import type { UnitReportView } from '../../../src/contract/unit-report.js';
import { formatShort } from '../lib/time.js';
import { DrillMark } from './DrillMark.js';
import { FactLines } from './FactLines.js';

export function UnitReportItem({ report: r, onConfirm, onReject }: { report: UnitReportView; onConfirm(): void; onReject(reason: string): void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = `reject-${r.id}`;
  return (
    <div class="unit-report" role="alert" aria-labelledby={`ur-${r.id}`} data-unit-report-id={r.id}>
      <h3 id={`ur-${r.id}`}>
        <DrillMark drill={r.drill} />
        {r.unitName}报告：{r.title}
      </h3>
      <p class="muted">
        {formatShort(r.filedAt)} 由{r.filedByName}报告；确认后按初报处理，法定报告时限自该单位报告时起算
      </p>
      <dl class="fact-lines">
        <div class="fact-line">
          <dt>地点</dt>
          <dd>{r.facts.place.address}</dd>
        </div>
        <div class="fact-line">
          <dt>发生时间</dt>
          <dd>{formatShort(r.facts.occurredAt)}</dd>
        </div>
        <FactLines facts={r.facts} />
        <div class="fact-line">
          <dt>经过</dt>
          <dd>{r.facts.narrative}</dd>
        </div>
        <div class="fact-line">
          <dt>报告人</dt>
          <dd>
            {r.facts.reporter.name} {r.facts.reporter.phone}
          </dd>
        </div>
      </dl>
      {!rejecting ? (
        <div class="actions">
          <button type="button" class="btn btn-primary" onClick={onConfirm}>
            确认为事故
          </button>
          <button type="button" class="btn" onClick={() => setRejecting(true)}>
            不予确认…
          </button>
        </div>
      ) : (
        <form
          class="actions"
          onSubmit={(e) => {
            e.preventDefault();
            onReject(reason.trim());
          }}
        >
          <label for={reasonId}>不予确认的理由</label>
          <input id={reasonId} value={reason} maxLength={1000} required onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="submit" class="btn">
            提交
          </button>
          <button type="button" class="btn" onClick={() => setRejecting(false)}>
            取消
          </button>
        </form>
      )}
    </div>
  );
}

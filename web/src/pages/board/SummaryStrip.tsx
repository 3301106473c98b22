/** The strip across the top of the wall: what needs a commander, readable from across the room. */
import { UnitPhones } from '../../components/PhoneLinks.js';
import type { PhonesByUnit } from '../../components/use-phone-book.js';
import { shortCitation } from '../../components/response-clocks.js';
import type { BoardSummary } from './board-summary.js';

export function SummaryStrip({ summary, phones, overdueStanding = 0 }: { summary: BoardSummary; phones: PhonesByUnit; overdueStanding?: number }) {
  const late = summary.lateUnits;
  const n = summary.nearest;
  return (
    <section class="summary-strip" aria-label="态势概要">
      <div class="summary-item" data-summary="open">
        <span class="summary-label">处置中事故</span>
        <strong class="summary-value">{summary.openIncidents}</strong>
      </div>
      <div class={`summary-item${late.length ? ' summary-bad' : ''}`} data-summary="late">
        <span class="summary-label">超时未签收单位</span>
        <strong class="summary-value">{late.length}</strong>
        {late.length > 0 && (
          <details class="summary-details">
            <summary>名单与电话</summary>
            <ul>
              {late.map((u) => (
                <li key={`${u.incidentId}-${u.unitId}`}>
                  {u.unitName}（{u.text}） <UnitPhones people={phones.get(u.unitId)} />
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div class={`summary-item${summary.overdueTasks ? ' summary-bad' : ''}`} data-summary="tasks">
        <span class="summary-label">逾期任务</span>
        <strong class="summary-value">{summary.overdueTasks}</strong>
      </div>
      <div class={`summary-item summary-wide deadline-${n?.level ?? 'none'}`} data-summary="nearest">
        <span class="summary-label">最近的法定上报时限</span>
        {n ? (
          <span class="summary-deadline">
            <strong class="summary-value-text">{n.text}</strong>
            <span class="summary-sub">
              向{n.obligation.recipient.name}报告 · {shortCitation(n.obligation.citation)} · {n.incidentTitle}
            </span>
          </span>
        ) : (
          <strong class="summary-value-text">无待上报事项</strong>
        )}
      </div>
      {/* Standing work last and small: it never takes an incident's place on the wall. */}
      <div class={`summary-item summary-standing${overdueStanding ? ' summary-bad' : ''}`} data-summary="standing">
        <span class="summary-label">
          <a href="/meetings">联席会议逾期事项</a>
        </span>
        <strong class="summary-value">{overdueStanding}</strong>
      </div>
    </section>
  );
}

/**
 * The incident's timeline, newest first: what matters (reports, acknowledgements, declines,
 * tasks, escalations) in the list, and the delivery and read receipts folded below it.
 */
import type { EventEnvelope } from '../lib/realtime.js';
import type { IncidentEntry } from '../lib/incident-state.js';
import { formatTime } from '../lib/time.js';
import { describeTimelineEvent } from './describe-response-event.js';

/** Receipts: useful when asked "did it arrive?", noise on a wall. */
export const RECEIPT_TYPES = new Set(['notification.delivered', 'notification.read']);

function Line({ e, entry }: { e: EventEnvelope; entry: IncidentEntry }) {
  const line = describeTimelineEvent(e, entry);
  return (
    <li class={`tl tl-${line.tone}`} data-type={e.type}>
      <time dateTime={e.at}>{formatTime(e.at, true)}</time>
      <span class="tl-icon" aria-hidden="true">
        {line.icon}
      </span>
      <span class="tl-text">{line.text}</span>
    </li>
  );
}

export function Timeline({ entry, limit = 50, title = '时间线' }: { entry: IncidentEntry; limit?: number; title?: string }) {
  const all = [...entry.timeline].reverse();
  const main = all.filter((e) => !RECEIPT_TYPES.has(e.type)).slice(0, limit);
  const receipts = all.filter((e) => RECEIPT_TYPES.has(e.type));
  const headingId = `timeline-${entry.id}`;
  return (
    // Focusable: on the board it scrolls, and a keyboard must be able to scroll it.
    <section class="timeline" aria-labelledby={headingId} tabIndex={0}>
      <h3 id={headingId}>{title}</h3>
      {main.length === 0 ? (
        <p class="muted">暂无记录</p>
      ) : (
        <ol>
          {main.map((e) => (
            <Line key={e.seq} e={e} entry={entry} />
          ))}
        </ol>
      )}
      {receipts.length > 0 && (
        <details class="timeline-receipts">
          <summary>送达与已读回执（{receipts.length}条）</summary>
          <ol>
            {receipts.slice(0, limit).map((e) => (
              <Line key={e.seq} e={e} entry={entry} />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

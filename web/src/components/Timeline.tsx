/** The incident's timeline: newest first, every event as one readable line with its time. */
import type { IncidentEntry } from '../lib/incident-state.js';
import { formatTime } from '../lib/time.js';
import { describeTimelineEvent } from './describe-response-event.js';

export function Timeline({ entry, limit = 50, title = '时间线' }: { entry: IncidentEntry; limit?: number; title?: string }) {
  const events = entry.timeline.slice(-limit).reverse();
  const headingId = `timeline-${entry.id}`;
  return (
    <section class="timeline" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {events.length === 0 ? (
        <p class="muted">暂无记录</p>
      ) : (
        <ol>
          {events.map((e) => {
            const line = describeTimelineEvent(e, entry);
            return (
              <li key={e.seq} class={`tl tl-${line.tone}`} data-type={e.type}>
                <time dateTime={e.at}>{formatTime(e.at, true)}</time>
                <span class="tl-icon" aria-hidden="true">
                  {line.icon}
                </span>
                <span class="tl-text">{line.text}</span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

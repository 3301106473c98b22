/**
 * 全部待办: everything waiting for the unit in one list by deadline, folded under one line at the
 * top of the inbox so 签收 stays on the first screen. Choosing an entry opens where it is acted on.
 */
import { formatShort } from '../lib/time.js';
import type { WaitingEntry } from './unit-waiting.js';

export function WaitingOverview({ entries, now, onGo }: { entries: WaitingEntry[]; now: number; onGo(entry: WaitingEntry): void }) {
  if (entries.length === 0) return null;
  const late = entries.filter((e) => e.dueAt && Date.parse(e.dueAt) < now).length;
  return (
    <details class="waiting-overview">
      <summary>
        全部待办 {entries.length} 项（按时限排列）{late > 0 ? ` · 已逾期 ${late} 项` : ''}
      </summary>
      <ol>
        {entries.map((e) => {
          const overdue = !!e.dueAt && Date.parse(e.dueAt) < now;
          return (
            <li key={e.key} data-waiting-key={e.key}>
              <button type="button" class="link-button" onClick={() => onGo(e)}>
                <span class="kind">{e.label}</span> {e.title}
              </button>
              <span class={overdue ? 'due late' : 'due'}>{e.dueAt ? `${overdue ? '已逾期·' : ''}时限 ${formatShort(e.dueAt)}` : '无时限'}</span>
            </li>
          );
        })}
      </ol>
    </details>
  );
}

/**
 * 上报时限: the incident's statutory upward-reporting obligations, each with its recipient, regime,
 * article and deadline, counting down from receipt — amber as it nears, red once past, always in
 * words — or, once submitted, how, when and by whom. A commission user records a submission here.
 */
import { useState } from 'preact/hooks';
import { labelOf, OBLIGATION_METHOD_LABELS, OBLIGATION_STATE_LABELS, REGIME_LABELS } from '../../../src/contract/labels.js';
import { upsertObligation, type IncidentEntry, type ObligationView } from '../lib/incident-state.js';
import { formatTime } from '../lib/time.js';
import { focusSoon } from './form.js';
import { ObligationSubmitForm } from './ObligationSubmitForm.js';
import { formatDue, obligationClock, obligationsOf, obligationStateNow, shortCitation } from './response-clocks.js';

const CLOCK_ICON: Record<string, string> = { ok: '◷', warn: '⚠', overdue: '!', done: '✓', late: '✓' };

interface Props {
  entry: IncidentEntry;
  now: number;
  /** Duty officers and commanders record submissions; the API says the same. */
  canSubmit: boolean;
  onChange(): void;
  /** Short citations for the wall board; the incident page quotes them in full. */
  compact?: boolean;
}

export function ObligationClocks({ entry, now, canSubmit, onChange, compact = false }: Props) {
  const list = obligationsOf(entry);
  const headingId = `obligations-${entry.id}`;
  const states = list.map((o) => obligationStateNow(o, now));
  const submitted = states.filter((s) => s === 'submitted').length;
  const overdue = list.filter((o, i) => states[i] === 'overdue' && !o.informational).length;
  return (
    <section class="obligations" aria-labelledby={headingId} data-incident-id={entry.id}>
      <h3 id={headingId}>
        上报时限：已上报 {submitted}/{list.length}
        {overdue > 0 && <span class="count-bad"> · 逾期 {overdue}</span>}
      </h3>
      {list.length === 0 ? (
        <p class="muted">本事故没有法定上报义务。</p>
      ) : (
        <ul class="obligation-list obligation-groups">
          {byRecipient(list).map(([recipient, group]) => (
            <li key={recipient} class="obligation-group" data-recipient={recipient}>
              <p class="obligation-group-name">
                报{recipient}
                {group.length > 1 && <span class="muted">（{group.length}项义务，可一次报告）</span>}
              </p>
              <ul class="obligation-list">
                {group.map((o) => (
                  <ObligationItem
                    key={o.id}
                    entry={entry}
                    obligation={o}
                    twins={group.filter((t) => t.id !== o.id && !t.submission && !t.informational)}
                    now={now}
                    canSubmit={canSubmit}
                    compact={compact}
                    onChange={onChange}
                  />
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One group per recipient, in the order of each recipient's earliest obligation. */
function byRecipient(list: ObligationView[]): [string, ObligationView[]][] {
  const groups = new Map<string, ObligationView[]>();
  for (const o of list) groups.set(o.recipient.name, [...(groups.get(o.recipient.name) ?? []), o]);
  return [...groups.entries()];
}

function ObligationItem({
  entry,
  obligation: o,
  twins,
  now,
  canSubmit,
  compact,
  onChange,
}: {
  entry: IncidentEntry;
  obligation: ObligationView;
  twins: ObligationView[];
  now: number;
  canSubmit: boolean;
  compact: boolean;
  onChange(): void;
}) {
  const [recording, setRecording] = useState(false);
  const clock = obligationClock(o, now);
  const state = obligationStateNow(o, now);
  const s = o.submission;
  return (
    <li
      class={`obligation clock-${clock.level}${o.informational ? ' obligation-informational' : ''}`}
      data-obligation-id={o.id}
      data-state={state}
      data-clock={clock.level}
      title={o.requirement}
    >
      <div class="obligation-line">
        <span class="obligation-recipient">
          {o.informational ? '核实：' : '报'}
          {o.recipient.name}
        </span>
        <span class="obligation-clock">
          <span aria-hidden="true">{CLOCK_ICON[clock.level] ?? ''} </span>
          <span class="sr-only">{labelOf(OBLIGATION_STATE_LABELS, state)}，</span>
          {clock.text}
        </span>
      </div>
      <p class="obligation-meta">
        时限 {o.deadlineText} · 截止 {formatDue(o.dueAt, now)}
        {o.informational && <span>（他方义务，不计入结案条件）</span>}
      </p>
      <div class="obligation-basis">
        <span class="tag">{labelOf(REGIME_LABELS, o.regime)}</span>
        <span class="obligation-citation">
          {compact ? <span class="sr-only">依据</span> : '依据 '}
          <cite title={o.citation}>{compact ? shortCitation(o.citation) : o.citation}</cite>
        </span>
        {!s && canSubmit && !recording && (
          <button type="button" id={`ob-${o.id}-record`} class="btn btn-small" onClick={() => setRecording(true)}>
            记录上报<span class="sr-only">（{o.recipient.name}）</span>
          </button>
        )}
      </div>
      {s && (
        <p class="obligation-submission">
          <span aria-hidden="true">✓ </span>
          {formatTime(s.at)} 以{labelOf(OBLIGATION_METHOD_LABELS, s.method)}上报{s.reference ? `（${s.reference}）` : ''}
          {s.byName ? ` · ${s.byName}` : ''}
          {s.note ? ` · ${s.note}` : ''}
        </p>
      )}
      {recording && !s && (
        <ObligationSubmitForm
          incidentId={entry.id}
          obligation={o}
          twins={twins}
          onCancel={() => {
            setRecording(false);
            focusSoon(`ob-${o.id}-record`);
          }}
          onDone={(updated, covered) => {
            for (const x of [updated, ...covered]) upsertObligation(entry, x);
            setRecording(false);
            onChange();
          }}
        />
      )}
    </li>
  );
}

/**
 * The unit × state grid of one incident: notified, delivered, read, acknowledged by whom and
 * when, declined with the reason, escalated, and time against the deadline. Every state has
 * text and a symbol, never colour alone.
 */
import { CHANNEL_LABELS, labelOf, NOTIFICATION_STATE_LABELS } from '../../../src/contract/labels.js';
import { currentNotifications, deadlineState, deliveryFailuresOf, escalationsOf, type IncidentEntry, type NotificationView } from '../lib/incident-state.js';
import { formatTime } from '../lib/time.js';
import { RoleBadge } from '../lib/ui.js';
import { DeliveryFailed } from './DeliveryFailed.js';
import { UnitPhones } from './PhoneLinks.js';
import type { PhonesByUnit } from './use-phone-book.js';

/** Short words for the grid; the timeline says it in full. */
const ESCALATION_SHORT: Record<string, string> = { resend: '已重发', unit_head: '已通知负责人', commander: '已提请督办' };
const STATE_ICON: Record<string, string> = { pending: '○', acknowledged: '✓', declined: '✕', superseded: '↺', withdrawn: '−' };
const DEADLINE_ICON: Record<string, string> = { ok: '◷', warn: '⚠', overdue: '!', done: '✓', late: '✓', declined: '✕', closed: '' };

function Stamp({ at, label }: { at: string | null; label: string }) {
  return at ? (
    <span class="stamp stamp-yes">
      <span aria-hidden="true">✓ </span>
      <span class="sr-only">{label} </span>
      {formatTime(at)}
    </span>
  ) : (
    <span class="stamp stamp-no">
      <span aria-hidden="true">—</span>
      <span class="sr-only">未{label}</span>
    </span>
  );
}

function AckCell({ n }: { n: NotificationView }) {
  if (n.state === 'acknowledged')
    return (
      <span class="ack">
        <strong>{n.acknowledgedByName ?? '已签收'}</strong> <span class="ack-time">{formatTime(n.acknowledgedAt, true)}</span>
        {n.acknowledgedVia && <span class="muted"> · {labelOf(CHANNEL_LABELS, n.acknowledgedVia)}</span>}
        {n.acknowledgementNote && <span class="ack-note">「{n.acknowledgementNote}」</span>}
      </span>
    );
  if (n.state === 'declined')
    return (
      <span class="decline">
        <strong>退回</strong>
        {n.declinedByName ? `（${n.declinedByName}）` : ''} {formatTime(n.declinedAt)}
        <span class="decline-reason">理由：{n.declineReason}</span>
        {n.declineResolution && (
          <span class="decline-resolution">
            {n.declineResolution === 'reassigned' ? '指挥长已改派' : '指挥长已确认退回'}
            {n.declineResolutionReason ? `：${n.declineResolutionReason}` : ''}
          </span>
        )}
      </span>
    );
  return <span class="muted">未签收</span>;
}

/** A unit's name: the short one where it is known (readable across a room), the full one for screen readers. */
export function UnitName({ full, short }: { full: string; short?: string }) {
  if (!short || short === full) return <>{full}</>;
  return (
    <span title={full}>
      <span aria-hidden="true">{short}</span>
      <span class="sr-only">{full}</span>
    </span>
  );
}

export function UnitGrid({
  entry,
  now,
  caption,
  shortNames,
  phones,
}: {
  entry: IncidentEntry;
  now: number;
  caption?: string;
  shortNames?: Map<string, string>;
  /** When given, a unit late to 签收 (or about to be) shows its people's numbers to call. */
  phones?: PhonesByUnit;
}) {
  const rows = currentNotifications(entry);
  if (rows.length === 0) return <p class="muted">没有通知任何单位。</p>;
  const counts = {
    acknowledged: rows.filter((n) => n.state === 'acknowledged').length,
    declined: rows.filter((n) => n.state === 'declined').length,
    overdue: rows.filter((n) => deadlineState(n, now).level === 'overdue').length,
  };
  return (
    <table class="unit-grid" data-incident-id={entry.id}>
      <caption>
        {caption ?? '通知单位'}：已签收 {counts.acknowledged}/{rows.length}
        {counts.declined > 0 && ` · 退回 ${counts.declined}`}
        {counts.overdue > 0 && ` · 超时 ${counts.overdue}`}
      </caption>
      <thead>
        <tr>
          <th scope="col">单位</th>
          <th scope="col">角色</th>
          <th scope="col">状态</th>
          <th scope="col">送达 / 已读</th>
          <th scope="col">签收人 / 退回理由</th>
          <th scope="col">签收时限 / 升级</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((n) => {
          const deadline = deadlineState(n, now);
          const steps = escalationsOf(entry, n.id);
          const failures = n.firstDeliveredAt || n.state !== 'pending' ? [] : deliveryFailuresOf(entry, n.id);
          return (
            <tr
              key={n.id}
              class={`unit-row state-${n.state} deadline-${deadline.level}${failures.length ? ' delivery-failed-row' : ''}`}
              data-unit-id={n.unitId}
              data-state={n.state}
              data-deadline={deadline.level}
              data-delivery-failed={failures.length ? 'true' : undefined}
            >
              <th scope="row" class="unit-name">
                <UnitName full={n.unitName} short={shortNames?.get(n.unitId)} />
                {n.reportVersion > 1 && <span class="muted small"> 第{n.reportVersion}版</span>}
                {phones && n.state === 'pending' && (deadline.level === 'overdue' || deadline.level === 'warn') && <UnitPhones people={phones.get(n.unitId)} />}
              </th>
              <td>
                <RoleBadge role={n.role} />
              </td>
              <td class="state-cell">
                <span aria-hidden="true">{STATE_ICON[n.state] ?? '·'} </span>
                {labelOf(NOTIFICATION_STATE_LABELS, n.state)}
              </td>
              <td class="stamps">
                <Stamp at={n.firstDeliveredAt} label="送达" />
                <Stamp at={n.firstReadAt} label="读" />
                {failures.length > 0 && <DeliveryFailed failures={failures} />}
              </td>
              <td class="ack-cell">
                <AckCell n={n} />
              </td>
              <td class={`deadline deadline-${deadline.level}`}>
                <span aria-hidden="true">{DEADLINE_ICON[deadline.level]} </span>
                {deadline.text}
                <span class="deadline-due">时限 {formatTime(n.ackDueAt)}</span>
                {/* The ladder belongs with the deadline it answers; one column less leaves the names room. */}
                {steps.length > 0 && (
                  <span class="escalation-cell">
                    <span aria-hidden="true">⇧ </span>
                    {ESCALATION_SHORT[steps[steps.length - 1]!.step] ?? steps[steps.length - 1]!.text}
                    {steps.length > 1 && ` · 第${steps.length}级`}
                  </span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * One alert in the commander's panel: what happened, to which incident, and — for a task or an
 * obligation — the thing itself as it stands now. A decline is resolved by reassigning the duty
 * or confirming the decline; every other alert is closed with a written resolution.
 */
import { useState } from 'preact/hooks';
import type { AlertView } from '../../../../src/contract/admin.js';
import { labelOf, TASK_STATE_LABELS } from '../../../../src/contract/labels.js';
import { DrillMark } from '../../components/DrillMark.js';
import { focusSoon } from '../../components/form.js';
import { formatDue, obligationClock, taskClock } from '../../components/response-clocks.js';
import type { UnitOption } from '../../components/use-units.js';
import { UnitPhones } from '../../components/PhoneLinks.js';
import type { PhonesByUnit } from '../../components/use-phone-book.js';
import { mergeNotification, type IncidentEntry, type Model } from '../../lib/incident-state.js';
import type { User } from '../../lib/session.js';
import { formatDuration, formatTime } from '../../lib/time.js';
import { AlertResolution } from './AlertResolution.js';
import { DeclineResolution, type DeclineAnswer } from './DeclineResolution.js';

const KIND_LABELS: Record<string, { label: string; icon: string }> = {
  declined: { label: '单位退回', icon: '✕' },
  ack_overdue: { label: '签收超时督办', icon: '!' },
  task_overdue: { label: '任务超时督办', icon: '!' },
  task_blocked: { label: '任务受阻', icon: '⚠' },
  obligation_overdue: { label: '上报逾期督办', icon: '!' },
  standing_overdue: { label: '联席会议事项督办', icon: '!' },
};

interface Props {
  alert: AlertView;
  model: Model;
  user: User;
  now: number;
  units: UnitOption[];
  /** The unit's numbers, to call it from the alert. */
  phones?: PhonesByUnit;
  onChange(): void;
}

export function AlertItem({ alert, model, user, now, units, phones, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const kind = KIND_LABELS[alert.kind] ?? { label: '督办', icon: '!' };
  const entry = alert.incidentId ? model.incidents[alert.incidentId] : undefined;
  // A decline is resolved through its notification (reassign or confirm), never as a bare alert.
  const declineOf = alert.kind === 'declined' ? alert.notificationId : null;
  const declined = declineOf ? entry?.notifications[declineOf] : undefined;
  const mayResolve = user.role === 'commander' || user.role === 'admin';
  const subjectKnown = !!((alert.taskId && entry?.tasks[alert.taskId]) || (alert.obligationId && entry?.obligations[alert.obligationId]));
  const resolved = () => {
    delete model.alerts[alert.id];
    onChange();
  };
  const cancel = () => {
    setOpen(false);
    focusSoon(`alert-${alert.id}-open`);
  };
  const declineResolved = (answer: DeclineAnswer) => {
    if (entry) {
      mergeNotification(entry, answer.notification);
      if (answer.reassignedTo) mergeNotification(entry, answer.reassignedTo);
    }
    resolved();
  };

  return (
    <li class={`alert-item alert-${alert.kind}`} data-alert-id={alert.id} data-kind={alert.kind} data-task-id={alert.taskId ?? undefined} data-obligation-id={alert.obligationId ?? undefined}>
      <p class="alert-kind">
        <span aria-hidden="true">{kind.icon} </span>
        {kind.label}
        <span class="muted"> · {formatTime(alert.raisedAt)}（{formatDuration(now - Date.parse(alert.raisedAt))}前）</span>
      </p>
      {alert.unitName && (
        <p class="alert-unit">
          {alert.unitName} {alert.unitId && phones && <UnitPhones people={phones.get(alert.unitId)} />}
        </p>
      )}
      {/* An overdue task or report is told by the thing itself, as it stands now; the stored reason says it as of then. */}
      {!(subjectKnown && (alert.kind === 'task_overdue' || alert.kind === 'obligation_overdue')) && <p class="alert-reason">{alert.reason}</p>}
      {entry && <AlertSubject alert={alert} entry={entry} now={now} />}
      {/* The incident is always named and linked, even closed and gone from the board; standing work links to its meeting. */}
      {alert.incident && alert.incidentId ? (
        <p class="muted small alert-incident">
          <DrillMark drill={alert.incident.drill} />
          <a href={`/duty/incidents/${encodeURIComponent(alert.incidentId)}`}>
            <span data-literal>{alert.incident.ref}</span> {entry?.incident.title ?? alert.incident.title}
          </a>
          {alert.incident.status === 'closed' && !entry && <span>（已结案）</span>}
        </p>
      ) : (
        <p class="muted small alert-incident alert-standing">
          <a href={alert.subject.link}>{alert.subject.title}</a>
        </p>
      )}
      {mayResolve &&
        (!open ? (
          <button type="button" id={`alert-${alert.id}-open`} class="btn" onClick={() => setOpen(true)}>
            {declineOf ? '处理退回' : '处理'}
          </button>
        ) : declineOf ? (
          <DeclineResolution
            notificationId={declineOf}
            unitName={alert.unitName ?? declined?.unitName ?? '该单位'}
            role={declined?.role ?? 'support'}
            notifiedUnitIds={entry ? Object.values(entry.notifications).filter((x) => x.reportVersion === entry.incident.version).map((x) => x.unitId) : []}
            units={units}
            onDone={declineResolved}
            onCancel={cancel}
          />
        ) : (
          <AlertResolution alert={alert} onDone={resolved} onCancel={cancel} />
        ))}
    </li>
  );
}

/** The task or obligation an alert is about, as it stands now. */
function AlertSubject({ alert, entry, now }: { alert: AlertView; entry: IncidentEntry; now: number }) {
  const task = alert.taskId ? entry.tasks[alert.taskId] : undefined;
  if (task) {
    const clock = taskClock(task, now);
    return (
      <p class="alert-subject">
        任务「{task.title}」 · {task.unitName} · {labelOf(TASK_STATE_LABELS, task.state)} · {clock.text}（时限 {formatDue(task.dueAt, now)}）{' '}
        <a href={`#task-${task.id}`} onClick={() => requestAnimationFrame(() => document.getElementById(`task-${task.id}`)?.focus())}>
          查看任务
        </a>
      </p>
    );
  }
  const obligation = alert.obligationId ? entry.obligations[alert.obligationId] : undefined;
  if (obligation)
    return (
      <p class="alert-subject">
        向{obligation.recipient.name}上报 · {obligation.deadlineText} · {obligationClock(obligation, now).text}
      </p>
    );
  return null;
}

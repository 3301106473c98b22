/**
 * 联合处置任务: the incident's joint response tasks — unit and role, the task, its state, due time
 * with the time left (or how late), and the unit's latest note. A commander assigns a task here,
 * hands one to another unit or closes it, each with a reason. Every state has words and a symbol.
 */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { labelOf, TASK_STATE_LABELS } from '../../../src/contract/labels.js';
import { taskDeliveryFailuresOf, upsertTask, type IncidentEntry, type TaskView } from '../lib/incident-state.js';
import { DeliveryFailed } from './DeliveryFailed.js';
import type { User } from '../lib/session.js';
import { formatTime } from '../lib/time.js';
import { RoleBadge } from '../lib/ui.js';
import { focusSoon } from './form.js';
import { formatDue, isTaskOpen, taskClock, tasksOf } from './response-clocks.js';
import { TaskChangeForm, type TaskChange } from './TaskChangeForm.js';
import { TaskCreateForm } from './TaskCreateForm.js';
import { UnitName } from './UnitGrid.js';
import type { UnitOption } from './use-units.js';

const STATE_ICON: Record<string, string> = { open: '○', accepted: '▶', blocked: '⚠', done: '✓', closed: '−' };
const CLOCK_ICON: Record<string, string> = { ok: '◷', warn: '⚠', overdue: '!', done: '✓', late: '✓', closed: '' };

/** Commanders direct the joint response; duty officers watch it (the API says the same). */
export const directsResponse = (user: User) => user.role === 'commander' || user.role === 'admin';

interface Props {
  entry: IncidentEntry;
  now: number;
  user: User;
  units: UnitOption[];
  onChange(): void;
}

export function TaskBoard({ entry, now, user, units, onChange }: Props) {
  const [creating, setCreating] = useState(false);
  const [changing, setChanging] = useState<{ taskId: string; change: TaskChange } | null>(null);
  const tasks = tasksOf(entry);
  const shortNames = new Map(units.map((u) => [u.id, u.shortName]));
  const directs = directsResponse(user) && entry.incident.status === 'open';
  const open = tasks.filter(isTaskOpen).length;
  const overdue = tasks.filter((t) => isTaskOpen(t) && taskClock(t, now).level === 'overdue').length;
  const headingId = `tasks-${entry.id}`;
  // Back to the button that opened the form, for keyboard users.
  const cancelCreate = () => {
    setCreating(false);
    focusSoon(`tasks-${entry.id}-new`);
  };
  const cancelChange = (taskId: string, change: TaskChange) => {
    setChanging(null);
    focusSoon(`task-${taskId}-${change}`);
  };
  const done = (t: TaskView) => {
    upsertTask(entry, t);
    setChanging(null);
    setCreating(false);
    onChange();
  };

  return (
    <section class="tasks" aria-labelledby={headingId} data-incident-id={entry.id}>
      <div class="section-head">
        <h3 id={headingId}>
          联合处置任务：进行中 {open}/{tasks.length}
          {overdue > 0 && <span class="count-bad"> · 逾期 {overdue}</span>}
        </h3>
        {directs && !creating && (
          <button type="button" id={`tasks-${entry.id}-new`} class="btn btn-small" onClick={() => setCreating(true)}>
            布置任务
          </button>
        )}
      </div>
      {creating && <TaskCreateForm incidentId={entry.id} units={units} onCreated={done} onCancel={cancelCreate} />}
      {tasks.length === 0 ? (
        <p class="muted">尚未布置任务。</p>
      ) : (
        <table class="task-table">
          <thead>
            <tr>
              <th scope="col">承办单位</th>
              <th scope="col">任务</th>
              <th scope="col">状态</th>
              <th scope="col">办结时限</th>
              <th scope="col">最新情况</th>
              {directs && <th scope="col">操作</th>}
            </tr>
          </thead>
          <tbody>
            {tasks.map((t) => {
              const clock = taskClock(t, now);
              const form = changing?.taskId === t.id ? changing.change : null;
              // Until the unit accepts it, a task whose messages were all refused may be unknown to it.
              const failures = t.state === 'open' ? taskDeliveryFailuresOf(entry, t) : [];
              return (
                <Fragment key={t.id}>
                  <tr id={`task-${t.id}`} tabIndex={-1} class={`task-row task-${t.state} clock-${clock.level}`} data-task-id={t.id} data-state={t.state} data-clock={clock.level} data-delivery-failed={failures.length ? 'true' : undefined}>
                    <th scope="row" class="task-unit">
                      <UnitName full={t.unitName} short={shortNames.get(t.unitId)} /> <RoleBadge role={t.role} />
                    </th>
                    <td class="task-title">
                      <span title={t.description}>{t.title}</span>
                    </td>
                    <td class="task-state">
                      <span aria-hidden="true">{STATE_ICON[t.state] ?? '·'} </span>
                      {labelOf(TASK_STATE_LABELS, t.state)}
                      {t.escalationStep > 0 && isTaskOpen(t) && <span class="escalated small">已催办{t.escalationStep}次</span>}
                      {failures.length > 0 && <DeliveryFailed failures={failures} />}
                    </td>
                    <td class={`deadline deadline-${clock.level}`}>
                      <span aria-hidden="true">{CLOCK_ICON[clock.level]} </span>
                      {clock.text}
                      <span class="deadline-due">时限 {formatDue(t.dueAt, now)}</span>
                    </td>
                    <td class="task-note">
                      <TaskNote task={t} />
                    </td>
                    {directs && (
                      <td class="task-actions">
                        {isTaskOpen(t) && !form && (
                          <div class="row-actions">
                            <button type="button" id={`task-${t.id}-reassign`} class="btn btn-small" onClick={() => setChanging({ taskId: t.id, change: 'reassign' })}>
                              改派<span class="sr-only">「{t.title}」</span>
                            </button>
                            <button type="button" id={`task-${t.id}-close`} class="btn btn-small" onClick={() => setChanging({ taskId: t.id, change: 'close' })}>
                              关闭<span class="sr-only">「{t.title}」</span>
                            </button>
                          </div>
                        )}
                      </td>
                    )}
                  </tr>
                  {form && (
                    <tr class="task-form-row">
                      <td colSpan={6}>
                        <TaskChangeForm task={t} change={form} units={units} onDone={done} onCancel={() => cancelChange(t.id, form)} />
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The unit's latest word on the task: the block reason, the close reason or its last note, and when. */
function TaskNote({ task: t }: { task: TaskView }) {
  const text = t.state === 'blocked' && t.blockedReason ? `受阻：${t.blockedReason}` : t.state === 'closed' && t.closeReason ? `关闭：${t.closeReason}` : t.lastNote ? `「${t.lastNote}」` : null;
  if (!text && t.updatedAt === t.createdAt) return <span class="muted">—</span>;
  return (
    <>
      {text && <span class={t.state === 'blocked' ? 'decline' : undefined}>{text}</span>}
      <span class="muted small">
        {' '}
        {text ? '' : '更新于 '}
        {formatTime(t.updatedAt)}
      </span>
    </>
  );
}

/** One joint response task on the phone: what to do, for which incident, by when, and the unit's next step. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { labelOf, ROLE_LABELS, TASK_STATE_LABELS } from '../../../src/contract/labels.js';
import { describeError } from '../lib/api.js';
import { formatDuration, formatShort } from '../lib/time.js';
import { DrillMark } from '../components/DrillMark.js';
import { TaskActionForm, type WrittenAction } from './TaskActionForm.js';
import { actionsFor, dueState, isTaskOpen, type Task, type TaskAction } from './tasks.js';
import { newIdempotencyKey } from './useTasks.js';
import { UnitHeadPhones } from './TelLink.js';

const BUTTONS: Record<WrittenAction, string> = { progress: '进展…', block: '受阻…', done: '办结…' };

function TaskDue({ task, now }: { task: Task; now: number }) {
  if (task.state === 'done') return <p class="due">已办结 · {formatShort(task.doneAt)}</p>;
  if (task.state === 'closed') return <p class="due">已关闭 · {formatShort(task.closedAt)}{task.closeReason ? `：${task.closeReason}` : ''}</p>;
  const due = dueState(task, now);
  if (due.late)
    return (
      <p class="due late">
        ⚠ 已超时 {formatDuration(-due.leftMs)}（办结时限 {formatShort(task.dueAt)}）
      </p>
    );
  return (
    <p class={due.soon ? 'due soon' : 'due'}>
      办结时限 {formatShort(task.dueAt)}（剩 {formatDuration(due.leftMs)}）
    </p>
  );
}

interface Props {
  task: Task;
  now: number;
  /** The task a link opened: scrolled to and focused once. */
  linked: boolean;
  onAct(action: TaskAction, text: string, idempotencyKey: string): Promise<void>;
}

export function TaskCard({ task, now, linked, onAct }: Props) {
  const [form, setForm] = useState<WrittenAction | null>(null);
  const [accepting, setAccepting] = useState(false);
  const [error, setError] = useState('');
  const card = useRef<HTMLElement>(null);
  const incident = task.incident;
  const actions = actionsFor(task);

  useEffect(() => {
    if (!linked) return;
    card.current?.scrollIntoView({ block: 'start' });
    card.current?.focus();
  }, [linked]);

  // A form for an action the task no longer allows (changed elsewhere) closes by itself.
  const openForm = form && actions.includes(form) ? form : null;

  const accept = async () => {
    setAccepting(true);
    setError('');
    try {
      await onAct('accept', '', newIdempotencyKey());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setAccepting(false);
    }
  };

  return (
    <article
      ref={card}
      tabIndex={-1}
      class={`card task ${task.state}${incident?.drill ? ' drill' : ''}${linked ? ' linked' : ''}`}
      aria-labelledby={`task-${task.id}`}
      data-task-id={task.id}
    >
      <header>
        <span class={`task-role ${task.role}`}>{labelOf(ROLE_LABELS, task.role)}</span>
        <h2 id={`task-${task.id}`}>
          <DrillMark drill={incident?.drill} />
          {task.title}
        </h2>
      </header>
      {incident && (
        <p class="meta">
          所属事故：{incident.ref} {incident.title}
          {incident.status === 'closed' ? '（已结案）' : ''}
        </p>
      )}
      <p class="task-desc">{task.description}</p>
      <p class="task-state">
        状态：<b>{labelOf(TASK_STATE_LABELS, task.state)}</b>
      </p>
      <TaskDue task={task} now={now} />
      {isTaskOpen(task) && (task.escalated || task.escalationStep > 0) && (
        <p class="escalated" role="status">
          ⚠ {task.escalated ?? `任务逾期，已催办 ${task.escalationStep} 次`}
        </p>
      )}
      {isTaskOpen(task) && (task.escalated || task.escalationStep > 0) && <UnitHeadPhones />}
      {task.state === 'blocked' && task.blockedReason && <p class="blocked-note">受阻原因：{task.blockedReason}</p>}
      {task.state !== 'blocked' && task.lastNote && <p class="last-note">最近反馈：{task.lastNote}</p>}
      {error && (
        <p class="message" role="alert">
          {error}
        </p>
      )}
      {openForm ? (
        <TaskActionForm
          key={openForm}
          taskId={task.id}
          action={openForm}
          onSubmit={async (text, key) => {
            await onAct(openForm, text, key);
            setForm(null);
          }}
          onCancel={() => setForm(null)}
        />
      ) : (
        actions.length > 0 && (
          <div class="task-actions">
            {actions.includes('accept') && (
              <button class="ack" type="button" disabled={accepting} onClick={() => void accept()}>
                {accepting ? '正在接收…' : '接收'}
              </button>
            )}
            {(['progress', 'block', 'done'] as const)
              .filter((a) => actions.includes(a))
              .map((a) => (
                <button key={a} type="button" class={`secondary ${a}`} disabled={accepting} onClick={() => (setError(''), setForm(a))}>
                  {BUTTONS[a]}
                </button>
              ))}
          </div>
        )
      )}
    </article>
  );
}

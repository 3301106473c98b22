/** A commander's change to a task: 改派 to another unit or 关闭, each with its reason (kept in the record). */
import { useState } from 'preact/hooks';
import { post } from '../lib/api.js';
import type { TaskView } from '../lib/incident-state.js';
import { fromLocalInput } from '../lib/time.js';
import { Field, fieldProps, FormError, useAction, useInlineForm, FormButtons } from './form.js';
import { UnitOptions, type UnitOption } from './use-units.js';

export type TaskChange = 'reassign' | 'close';

export function TaskChangeForm({ task, change, units, onDone, onCancel }: { task: TaskView; change: TaskChange; units: UnitOption[]; onDone(t: TaskView): void; onCancel(): void }) {
  const [unitId, setUnitId] = useState('');
  const [reason, setReason] = useState('');
  const [dueAt, setDueAt] = useState('');
  const action = useAction();
  const inline = useInlineForm(onCancel);
  const id = (field: string) => `task-${task.id}-${change}-${field}`;
  const reassign = change === 'reassign';

  async function submit(e: Event) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (reassign && !unitId) missing.unitId = '请选择改派单位';
    if (reason.trim().length < 2) missing.reason = reassign ? '请填写改派理由' : '请填写关闭理由';
    if (Object.keys(missing).length) return action.reject(missing);
    const body = reassign ? { unitId, reason: reason.trim(), dueAt: dueAt ? fromLocalInput(dueAt) : undefined } : { reason: reason.trim() };
    const answer = await action.run(() => post<{ task: TaskView }>(`/api/v1/tasks/${encodeURIComponent(task.id)}/${change}`, body));
    if (answer) onDone(answer.task);
  }

  return (
    <form class="inline-panel" onSubmit={submit} noValidate {...inline} aria-label={`${reassign ? '改派' : '关闭'}任务「${task.title}」`}>
      <FormError message={action.error} />
      {reassign && (
        <div class="field-row">
          <Field id={id('unitId')} label="改派给" error={action.fields.unitId}>
            <select {...fieldProps(id('unitId'), action.fields.unitId)} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
              <option value="">请选择</option>
              <UnitOptions units={units} exclude={[task.unitId]} />
            </select>
          </Field>
          <Field id={id('dueAt')} label="新的办结时限" hint="留空则不变" error={action.fields.dueAt}>
            <input type="datetime-local" {...fieldProps(id('dueAt'), action.fields.dueAt)} value={dueAt} onInput={(e) => setDueAt(e.currentTarget.value)} />
          </Field>
        </div>
      )}
      <Field id={id('reason')} label={reassign ? '改派理由' : '关闭理由'} error={action.fields.reason}>
        <textarea {...fieldProps(id('reason'), action.fields.reason)} rows={2} value={reason} maxLength={1000} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormButtons busy={action.busy} submitLabel={reassign ? '确认改派' : '确认关闭'} onCancel={onCancel} />
    </form>
  );
}

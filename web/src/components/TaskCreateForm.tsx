/**
 * 布置任务: a commander gives a unit a joint response task — written, or taken from the rulebook's
 * suggestions for the incident's regimes (which fill in the unit, role, text and due time, all
 * still editable). One Idempotency-Key per form, so a retried click never assigns it twice.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ROLE_LABELS } from '../../../src/contract/labels.js';
import { TASK_ROLES, type TaskRole } from '../../../src/domain/enums.js';
import { get, post } from '../lib/api.js';
import { newKey } from '../lib/draft.js';
import type { TaskView } from '../lib/incident-state.js';
import { fromLocalInput, toLocalInput } from '../lib/time.js';
import { Field, fieldProps, FormError, useAction, useInlineForm, FormButtons } from './form.js';
import { UnitOptions, type UnitOption } from './use-units.js';

interface Suggestion {
  id: string;
  unitId: string;
  role: TaskRole;
  title: string;
  description: string;
  dueInMinutes: number;
  basis: { ref: string; quote: string } | null;
  alreadyCreated: boolean;
}

const DEFAULT_DUE_MINUTES = 120;

export function TaskCreateForm({ incidentId, units, onCreated, onCancel }: { incidentId: string; units: UnitOption[]; onCreated(t: TaskView): void; onCancel(): void }) {
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  const [suggestionId, setSuggestionId] = useState('');
  const [unitId, setUnitId] = useState('');
  const [role, setRole] = useState<TaskRole>('support');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [dueAt, setDueAt] = useState(() => toLocalInput(Date.now() + DEFAULT_DUE_MINUTES * 60_000));
  const key = useMemo(newKey, []);
  const action = useAction();
  const inline = useInlineForm(onCancel);
  const id = (field: string) => `task-new-${incidentId}-${field}`;

  useEffect(() => {
    get<{ suggestions: Suggestion[] }>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/task-suggestions`)
      .then((r) => setSuggestions(r.suggestions))
      .catch(() => setSuggestions([]));
  }, [incidentId]);

  function take(idOf: string) {
    setSuggestionId(idOf);
    const s = suggestions.find((x) => x.id === idOf);
    if (!s) return;
    setUnitId(s.unitId);
    setRole(s.role);
    setTitle(s.title);
    setDescription(s.basis ? `${s.description}（依据：${s.basis.ref} ${s.basis.quote}）` : s.description);
    setDueAt(toLocalInput(Date.now() + s.dueInMinutes * 60_000));
  }

  async function submit(e: Event) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!unitId) missing.unitId = '请选择承办单位';
    if (!title.trim()) missing.title = '请填写任务名称';
    if (!description.trim()) missing.description = '请填写任务内容';
    if (!fromLocalInput(dueAt)) missing.dueAt = '请填写办结时限';
    if (Object.keys(missing).length) return action.reject(missing);
    const body = { suggestionId: suggestionId || undefined, unitId, role, title: title.trim(), description: description.trim(), dueAt: fromLocalInput(dueAt) };
    const answer = await action.run(() => post<{ task: TaskView }>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/tasks`, body, { 'Idempotency-Key': key }));
    if (answer) onCreated(answer.task);
  }

  return (
    <form class="inline-panel task-form" onSubmit={submit} noValidate {...inline} aria-label="布置联合处置任务">
      <FormError message={action.error} />
      {suggestions.length > 0 && (
        <Field id={id('suggestion')} label="建议任务（依据本辖区规则）" error={action.fields.suggestionId}>
          <select {...fieldProps(id('suggestion'), action.fields.suggestionId)} value={suggestionId} onChange={(e) => take(e.currentTarget.value)}>
            <option value="">自拟任务</option>
            {suggestions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
                {s.alreadyCreated ? '（已布置过）' : ''}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div class="field-row">
        <Field id={id('unitId')} label="承办单位" error={action.fields.unitId}>
          <select {...fieldProps(id('unitId'), action.fields.unitId)} value={unitId} onChange={(e) => setUnitId(e.currentTarget.value)}>
            <option value="">请选择</option>
            <UnitOptions units={units} />
          </select>
        </Field>
        <Field id={id('role')} label="任务角色" error={action.fields.role}>
          <select {...fieldProps(id('role'), action.fields.role)} value={role} onChange={(e) => setRole(e.currentTarget.value as TaskRole)}>
            {TASK_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('dueAt')} label="办结时限" hint="北京时间" error={action.fields.dueAt}>
          <input type="datetime-local" {...fieldProps(id('dueAt'), action.fields.dueAt)} value={dueAt} onInput={(e) => setDueAt(e.currentTarget.value)} />
        </Field>
      </div>
      <Field id={id('title')} label="任务名称" error={action.fields.title}>
        <input {...fieldProps(id('title'), action.fields.title)} value={title} maxLength={120} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id={id('description')} label="任务内容" error={action.fields.description}>
        <textarea {...fieldProps(id('description'), action.fields.description)} rows={2} value={description} maxLength={2000} onInput={(e) => setDescription(e.currentTarget.value)} />
      </Field>
      <FormButtons busy={action.busy} submitLabel="布置并通知单位" onCancel={onCancel} />
    </form>
  );
}

/**
 * 调整 / 终止 a campaign, by the office or the unit leading it: a unit's open task gets a new due
 * date (and wording), or the end date moves; or the campaign is called off. Each needs the reason,
 * which the units concerned are told. Errors are shown under the field the server names.
 */
import { useState } from 'preact/hooks';
import { Field, fieldProps, FormButtons, FormError, useAction, useInlineForm } from '../../components/form.js';
import { patch, post } from '../../lib/api.js';
import { fromLocalInput, toLocalInput } from '../../lib/time.js';

export interface OpenTask {
  unitId: string;
  unitName: string;
  task: string;
  dueAt: string;
}

export function CampaignChangeForm({ campaignId, endsOn, openTasks, onDone, onCancel }: { campaignId: string; endsOn: string; openTasks: OpenTask[]; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const form = useInlineForm(onCancel);
  const [unitId, setUnitId] = useState(openTasks[0]?.unitId ?? '');
  const chosen = openTasks.find((t) => t.unitId === unitId);
  const [dueAt, setDueAt] = useState(chosen ? toLocalInput(chosen.dueAt) : '');
  const [end, setEnd] = useState(endsOn);
  const [reason, setReason] = useState('');
  const f = action.fields;
  const pick = (id: string) => {
    setUnitId(id);
    const t = openTasks.find((x) => x.unitId === id);
    setDueAt(t ? toLocalInput(t.dueAt) : '');
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { reason };
    if (end !== endsOn) body.endsOn = end;
    if (chosen && dueAt !== toLocalInput(chosen.dueAt)) body.tasks = [{ unitId, dueAt: fromLocalInput(dueAt) ?? dueAt }];
    if (await action.run(() => patch(`/api/v1/campaigns/${encodeURIComponent(campaignId)}`, body))) onDone();
  };
  return (
    <form class="card form-grid" ref={form.ref} onKeyDown={form.onKeyDown} onSubmit={submit} aria-label="调整联合行动">
      {openTasks.length > 0 && (
        <>
          <Field id="cc-unit" label="调整哪个单位的任务" error={f['tasks.0.unitId']}>
            <select {...fieldProps('cc-unit', f['tasks.0.unitId'])} value={unitId} onChange={(e) => pick(e.currentTarget.value)}>
              {openTasks.map((t) => (
                <option key={t.unitId} value={t.unitId}>
                  {t.unitName}：{t.task}
                </option>
              ))}
            </select>
          </Field>
          <Field id="cc-due" label="新的完成时限" error={f['tasks.0.dueAt'] ?? f.tasks}>
            <input type="datetime-local" {...fieldProps('cc-due', f['tasks.0.dueAt'] ?? f.tasks)} value={dueAt} onInput={(e) => setDueAt(e.currentTarget.value)} />
          </Field>
        </>
      )}
      <Field id="cc-end" label="结束日期" error={f.endsOn}>
        <input type="date" {...fieldProps('cc-end', f.endsOn)} value={end} onInput={(e) => setEnd(e.currentTarget.value)} />
      </Field>
      <Field id="cc-reason" label="调整原因（将告知有关单位）" required wide error={f.reason}>
        <textarea {...fieldProps('cc-reason', f.reason)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="通知调整" onCancel={onCancel} />
    </form>
  );
}

export function CampaignCancelForm({ campaignId, onDone, onCancel }: { campaignId: string; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const form = useInlineForm(onCancel);
  const [reason, setReason] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await action.run(() => post(`/api/v1/campaigns/${encodeURIComponent(campaignId)}/cancel`, { reason }))) onDone();
  };
  return (
    <form class="card form-grid" ref={form.ref} onKeyDown={form.onKeyDown} onSubmit={submit} aria-label="终止联合行动">
      <Field id="cx-reason" label="终止原因（将告知仍在办理的单位）" required wide error={action.fields.reason}>
        <textarea {...fieldProps('cx-reason', action.fields.reason)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="确认终止" onCancel={onCancel} />
    </form>
  );
}

/** Closing a 督办 alert with how it was resolved (电话督促, 已改派 …), kept in the record. */
import { useState } from 'preact/hooks';
import type { AlertView } from '../../../../src/contract/admin.js';
import { Field, fieldProps, FormError, useAction, useInlineForm, FormButtons } from '../../components/form.js';
import { post } from '../../lib/api.js';

export function AlertResolution({ alert, onDone, onCancel }: { alert: AlertView; onDone(): void; onCancel(): void }) {
  const [text, setText] = useState('');
  const action = useAction();
  const inline = useInlineForm(onCancel);
  const id = `resolve-${alert.id}`;

  async function resolve(e: Event) {
    e.preventDefault();
    if (text.trim().length < 2) return action.reject({ resolution: '请填写处理情况（至少2个字）' }, '请填写处理情况');
    const answer = await action.run(() => post(`/api/v1/alerts/${encodeURIComponent(alert.id)}/resolve`, { resolution: text.trim() }));
    if (answer) onDone();
  }

  return (
    <form onSubmit={resolve} class="resolve-form" noValidate {...inline}>
      <FormError message={action.fields.resolution ? null : action.error} />
      <Field id={id} label="处理情况" error={action.fields.resolution}>
        <textarea {...fieldProps(id, action.fields.resolution)} rows={2} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <FormButtons busy={action.busy} submitLabel="确认处理" onCancel={onCancel} />
    </form>
  );
}

/**
 * 记录上报: how an obligation was met — method (电话/传真/书面文件/系统), the reference, when (if
 * before now) and a note. The server's rules decide (a document needs its number, the time lies
 * between receipt and now); its answer is shown beside each field.
 */
import { useState } from 'preact/hooks';
import { OBLIGATION_METHOD_LABELS } from '../../../src/contract/labels.js';
import { OBLIGATION_METHODS, type ObligationMethod } from '../../../src/domain/enums.js';
import { post } from '../lib/api.js';
import { useSubmissionKey } from '../lib/submission-key.js';
import type { ObligationView } from '../lib/incident-state.js';
import { fromLocalInput } from '../lib/time.js';
import { Field, fieldProps, FormError, useAction, useInlineForm, FormButtons } from './form.js';

const REFERENCE_LABELS: Record<ObligationMethod, string> = { phone: '接听人/电话', fax: '传真号', document: '文号', system: '系统回执号' };

export function ObligationSubmitForm({
  incidentId,
  obligation,
  twins = [],
  onDone,
  onCancel,
}: {
  incidentId: string;
  obligation: ObligationView;
  /** The other open obligations to the same recipient: one report may meet them too (all picked by default). */
  twins?: ObligationView[];
  onDone(o: ObligationView, covered: ObligationView[]): void;
  onCancel(): void;
}) {
  const [covers, setCovers] = useState<string[]>(() => twins.map((t) => t.id));
  const [method, setMethod] = useState<ObligationMethod | ''>('');
  const [reference, setReference] = useState('');
  const [at, setAt] = useState('');
  const [note, setNote] = useState('');
  const action = useAction();
  // A retry after a lost answer records (and forwards to the authority above) once.
  const keyFor = useSubmissionKey();
  const inline = useInlineForm(onCancel);
  const id = (field: string) => `ob-${obligation.id}-${field}`;

  async function submit(e: Event) {
    e.preventDefault();
    if (!method) return action.reject({ method: '请选择上报方式' });
    const body = { method, reference: reference.trim() || undefined, submittedAt: at ? fromLocalInput(at) : undefined, note: note.trim() || undefined, covers };
    const answer = await action.run(() =>
      post<{ obligation: ObligationView; covered?: ObligationView[] }>(`/api/v1/incidents/${encodeURIComponent(incidentId)}/obligations/${encodeURIComponent(obligation.id)}/submit`, body, keyFor(body)),
    );
    if (answer) onDone(answer.obligation, answer.covered ?? []);
  }

  return (
    <form class="inline-panel obligation-form" onSubmit={submit} noValidate {...inline} aria-label={`记录向${obligation.recipient.name}上报`}>
      <FormError message={action.error} />
      <Field id={id('method')} label="上报方式" error={action.fields.method}>
        <select {...fieldProps(id('method'), action.fields.method)} value={method} onChange={(e) => setMethod(e.currentTarget.value as ObligationMethod)}>
          <option value="">请选择</option>
          {OBLIGATION_METHODS.map((m) => (
            <option key={m} value={m}>
              {OBLIGATION_METHOD_LABELS[m]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={id('reference')} label={method ? REFERENCE_LABELS[method] : '文号/传真号/接听人'} hint={method === 'document' ? '书面报告须填写文号' : '选填'} error={action.fields.reference}>
        <input {...fieldProps(id('reference'), action.fields.reference)} value={reference} maxLength={200} onInput={(e) => setReference(e.currentTarget.value)} />
      </Field>
      <Field id={id('submittedAt')} label="上报时间" hint="留空即为现在（北京时间）" error={action.fields.submittedAt}>
        <input type="datetime-local" {...fieldProps(id('submittedAt'), action.fields.submittedAt)} value={at} onInput={(e) => setAt(e.currentTarget.value)} />
      </Field>
      <Field id={id('note')} label="备注" error={action.fields.note}>
        <input {...fieldProps(id('note'), action.fields.note)} value={note} maxLength={1000} onInput={(e) => setNote(e.currentTarget.value)} />
      </Field>
      {twins.length > 0 && (
        <fieldset class="obligation-covers">
          <legend>本次报告一并满足的义务（同一报告对象）</legend>
          {twins.map((t) => (
            <label key={t.id} class="check">
              <input type="checkbox" checked={covers.includes(t.id)} onChange={(e) => setCovers(e.currentTarget.checked ? [...covers, t.id] : covers.filter((x) => x !== t.id))} />
              {t.deadlineText} · {t.citation}
            </label>
          ))}
        </fieldset>
      )}
      <FormButtons busy={action.busy} submitLabel="确认已上报" onCancel={onCancel} />
    </form>
  );
}

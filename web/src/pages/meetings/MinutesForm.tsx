/** 起草/修订纪要: the text, the agreed items (lead, supporting units, due date) and the consent deadline. */
import { useState } from 'preact/hooks';
import type { UnitOption } from '../../components/use-units.js';
import { Field, fieldProps, FormButtons, FormError, useAction, useInlineForm } from '../../components/form.js';
import { post } from '../../lib/api.js';
import { useSubmissionKey } from '../../lib/submission-key.js';
import { fromLocalInput, toLocalInput } from '../../lib/time.js';
import type { MeetingDetail } from '../../../../src/contract/meetings.js';

type Minutes = MeetingDetail['minutes'][number];
interface ItemDraft {
  title: string;
  leadUnitId: string;
  supportUnitIds: string[];
  dueAt: string;
}

export function MinutesForm({ meetingId, units, previous, onDone, onCancel }: { meetingId: string; units: UnitOption[]; previous?: Minutes; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const keyFor = useSubmissionKey();
  const form = useInlineForm(onCancel);
  const [text, setText] = useState(previous?.text ?? '');
  const [consentDueAt, setConsentDueAt] = useState('');
  const [note, setNote] = useState('');
  const [items, setItems] = useState<ItemDraft[]>(previous?.items.map((i) => ({ ...i, dueAt: toLocalInput(i.dueAt) })) ?? []);
  const f = action.fields;
  const change = (n: number, patch: Partial<ItemDraft>) => setItems((list) => list.map((x, i) => (i === n ? { ...x, ...patch } : x)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      text,
      consentDueAt: fromLocalInput(consentDueAt) ?? consentDueAt,
      ...(previous ? { revisionNote: note } : {}),
      items: items.map((i) => ({ ...i, dueAt: fromLocalInput(i.dueAt) ?? i.dueAt })),
    };
    if (await action.run(() => post(`/api/v1/meetings/${encodeURIComponent(meetingId)}/minutes`, body, keyFor(body)))) onDone();
  };
  return (
    <form class="card form-grid" ref={form.ref} onKeyDown={form.onKeyDown} onSubmit={submit} aria-labelledby="minutes-h">
      <h3 id="minutes-h" class="field-wide">
        {previous ? `修订纪要（现第${previous.version}版）` : '起草会议纪要'}
      </h3>
      <Field id="mn-text" label="纪要正文" required wide error={f.text}>
        <textarea {...fieldProps('mn-text', f.text)} rows={5} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      {previous && (
        <Field id="mn-note" label="修订说明" wide error={f.revisionNote}>
          <input {...fieldProps('mn-note', f.revisionNote)} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </Field>
      )}
      <Field id="mn-due" label="会签截止时间" required error={f.consentDueAt}>
        <input type="datetime-local" {...fieldProps('mn-due', f.consentDueAt)} value={consentDueAt} onInput={(e) => setConsentDueAt(e.currentTarget.value)} />
      </Field>
      <fieldset class="field field-wide">
        <legend>议定事项</legend>
        {items.map((item, n) => (
          <div class="item-draft" key={n} data-item={n}>
            <Field id={`it-${n}-title`} label={`事项${n + 1}`} required error={f[`items.${n}.title`]}>
              <input {...fieldProps(`it-${n}-title`, f[`items.${n}.title`])} value={item.title} onInput={(e) => change(n, { title: e.currentTarget.value })} />
            </Field>
            <Field id={`it-${n}-lead`} label="牵头单位" required error={f[`items.${n}.leadUnitId`]}>
              <select {...fieldProps(`it-${n}-lead`, f[`items.${n}.leadUnitId`])} value={item.leadUnitId} onChange={(e) => change(n, { leadUnitId: e.currentTarget.value })}>
                <option value="">请选择</option>
                {units.map((u) => (
                  <option value={u.id}>{u.name}</option>
                ))}
              </select>
            </Field>
            <fieldset class="supports" aria-describedby={f[`items.${n}.supportUnitIds.0`] ? `it-${n}-support-err` : undefined}>
              <legend>配合单位</legend>
              {units.filter((u) => u.id !== item.leadUnitId).map((u) => (
                <label key={u.id}>
                  <input
                    type="checkbox"
                    checked={item.supportUnitIds.includes(u.id)}
                    onChange={(e) => change(n, { supportUnitIds: e.currentTarget.checked ? [...item.supportUnitIds, u.id] : item.supportUnitIds.filter((x) => x !== u.id) })}
                  />{' '}
                  {u.shortName}
                </label>
              ))}
              {f[`items.${n}.supportUnitIds.0`] && <p class="field-error" id={`it-${n}-support-err`}>⚠ {f[`items.${n}.supportUnitIds.0`]}</p>}
            </fieldset>
            <Field id={`it-${n}-due`} label="办结时限" required error={f[`items.${n}.dueAt`]}>
              <input type="datetime-local" {...fieldProps(`it-${n}-due`, f[`items.${n}.dueAt`])} value={item.dueAt} onInput={(e) => change(n, { dueAt: e.currentTarget.value })} />
            </Field>
          </div>
        ))}
        <button type="button" class="btn" onClick={() => setItems([...items, { title: '', leadUnitId: '', supportUnitIds: [], dueAt: '' }])}>
          添加议定事项
        </button>
      </fieldset>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel={previous ? '发出修订稿征求意见' : '发参会单位征求意见'} onCancel={onCancel} />
    </form>
  );
}

/** 起草 / 修改简报: kind, title, body, and who it goes to (all member units, or the ones ticked). */
import { useState } from 'preact/hooks';
import type { BulletinView } from '../../../../src/contract/bulletins.js';
import { BULLETIN_KIND_LABELS } from '../../../../src/contract/labels.js';
import { BULLETIN_KINDS, type BulletinKind } from '../../../../src/domain/enums.js';
import { Field, fieldProps, FormButtons, FormError, useAction } from '../../components/form.js';
import { useUnits } from '../../components/use-units.js';
import { patch, post } from '../../lib/api.js';
import { useSubmissionKey } from '../../lib/submission-key.js';

export function BulletinForm({ jurisdictionId, draft, onCancel, onSaved }: { jurisdictionId: string; draft?: BulletinView; onCancel: () => void; onSaved: (id: string) => void }) {
  const units = useUnits(jurisdictionId);
  const [kind, setKind] = useState<BulletinKind>(draft?.kind ?? 'work_brief');
  const [title, setTitle] = useState(draft?.title ?? '');
  const [body, setBody] = useState(draft?.body ?? '');
  const [toAll, setToAll] = useState(draft?.toAll ?? true);
  const [chosen, setChosen] = useState<string[]>(draft?.unitIds ?? []);
  const action = useAction();
  const keyFor = useSubmissionKey();
  const submit = async (e: Event) => {
    e.preventDefault();
    const input = { kind, title, body, toAll, unitIds: toAll ? [] : chosen };
    const saved = await action.run(() =>
      draft ? patch<{ bulletin: BulletinView }>(`/api/v1/bulletins/${draft.id}`, input) : post<{ bulletin: BulletinView }>('/api/v1/bulletins', { ...input, jurisdictionId }, keyFor({ ...input, jurisdictionId })),
    );
    if (saved) onSaved(saved.bulletin.id);
  };
  const toggle = (id: string) => setChosen((list) => (list.includes(id) ? list.filter((x) => x !== id) : [...list, id]));
  return (
    <form class="report-form inline-panel" onSubmit={submit} aria-label={draft ? '修改简报' : '起草简报'}>
      <FormError message={action.error} />
      <Field id="b-kind" label="类别" required error={action.fields.kind}>
        <select {...fieldProps('b-kind', action.fields.kind)} value={kind} onChange={(e) => setKind(e.currentTarget.value as BulletinKind)}>
          {BULLETIN_KINDS.map((k) => (
            <option value={k}>{BULLETIN_KIND_LABELS[k]}</option>
          ))}
        </select>
      </Field>
      <Field id="b-title" label="标题" required wide error={action.fields.title}>
        <input {...fieldProps('b-title', action.fields.title)} value={title} maxLength={200} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id="b-body" label="正文" required wide error={action.fields.body} hint="每行一段">
        <textarea {...fieldProps('b-body', action.fields.body)} rows={10} value={body} onInput={(e) => setBody(e.currentTarget.value)} />
      </Field>
      <fieldset class="field field-wide">
        <legend>发送对象</legend>
        <label class="check-field">
          <input type="checkbox" checked={toAll} onChange={(e) => setToAll(e.currentTarget.checked)} /> 全体成员单位
        </label>
        {!toAll && (
          <div class="check-grid">
            {units.map((u) => (
              <label class="check-field">
                <input type="checkbox" checked={chosen.includes(u.id)} onChange={() => toggle(u.id)} /> {u.name}
              </label>
            ))}
          </div>
        )}
        {action.fields.unitIds && <p class="field-error">{action.fields.unitIds}</p>}
      </fieldset>
      <FormButtons busy={action.busy} submitLabel={draft ? '保存' : '保存草稿'} onCancel={onCancel} />
    </form>
  );
}

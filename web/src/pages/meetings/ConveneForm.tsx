/** 召开会议: the office's form — kind, topic, time, place, agenda, reply deadline, units invited (all, by kind, or picked). */
import { useState } from 'preact/hooks';
import type { UnitOption } from '../../components/use-units.js';
import { Field, fieldProps, FormButtons, FormError, useAction, useInlineForm } from '../../components/form.js';
import { post } from '../../lib/api.js';
import { useSubmissionKey } from '../../lib/submission-key.js';
import { fromLocalInput } from '../../lib/time.js';

export function ConveneForm({ units, commissionUnitId, onDone, onCancel }: { units: UnitOption[]; commissionUnitId?: string; onDone(meetingId: string): void; onCancel(): void }) {
  const action = useAction();
  const keyFor = useSubmissionKey();
  const form = useInlineForm(onCancel);
  const [kind, setKind] = useState<'plenary' | 'topical'>('plenary');
  const [topic, setTopic] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [place, setPlace] = useState('');
  const [agenda, setAgenda] = useState('');
  const [replyDueAt, setReplyDueAt] = useState('');
  const [all, setAll] = useState(true);
  const [picked, setPicked] = useState<string[]>([]);
  const f = action.fields;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      kind,
      topic,
      startsAt: fromLocalInput(startsAt) ?? startsAt,
      place,
      agenda: agenda.split('\n').map((l) => l.trim()).filter(Boolean),
      replyDueAt: fromLocalInput(replyDueAt) ?? replyDueAt,
      invite: all ? { all: true } : { unitIds: picked },
    };
    const answer = await action.run(() => post<{ meeting: { id: string } }>('/api/v1/meetings', body, keyFor(body)));
    if (answer) onDone(answer.meeting.id);
  };
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <form class="card form-grid" ref={form.ref} onKeyDown={form.onKeyDown} onSubmit={submit} aria-labelledby="convene-h">
      <h2 id="convene-h" class="field-wide">
        召开会议
      </h2>
      <Field id="m-kind" label="会议类型" required error={f.kind}>
        <select {...fieldProps('m-kind', f.kind)} value={kind} onChange={(e) => setKind(e.currentTarget.value as 'plenary' | 'topical')}>
          <option value="plenary">全体会议</option>
          <option value="topical">专题会议</option>
        </select>
      </Field>
      <Field id="m-topic" label="会议议题" required error={f.topic}>
        <input {...fieldProps('m-topic', f.topic)} value={topic} onInput={(e) => setTopic(e.currentTarget.value)} />
      </Field>
      <Field id="m-starts" label="会议时间" required error={f.startsAt}>
        <input type="datetime-local" {...fieldProps('m-starts', f.startsAt)} value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} />
      </Field>
      <Field id="m-place" label="会议地点" required error={f.place}>
        <input {...fieldProps('m-place', f.place)} value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
      </Field>
      <Field id="m-reply" label="回执截止时间" required error={f.replyDueAt} hint="逾期未回复的单位按督办阶梯催办">
        <input type="datetime-local" {...fieldProps('m-reply', f.replyDueAt)} value={replyDueAt} onInput={(e) => setReplyDueAt(e.currentTarget.value)} />
      </Field>
      <Field id="m-agenda" label="议程（每行一项）" required wide error={f.agenda ?? f['agenda.0']}>
        <textarea {...fieldProps('m-agenda', f.agenda)} rows={3} value={agenda} onInput={(e) => setAgenda(e.currentTarget.value)} />
      </Field>
      <fieldset class="field field-wide">
        <legend>参会单位</legend>
        <label>
          <input type="checkbox" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} /> 全体成员单位
        </label>
        {!all && (
          <div class="unit-picks">
            {units
              .filter((u) => u.id !== commissionUnitId)
              .map((u) => (
                <label key={u.id}>
                  <input type="checkbox" checked={picked.includes(u.id)} onChange={() => toggle(u.id)} /> {u.name}
                </label>
              ))}
          </div>
        )}
        {(f['invite.unitIds'] || f.invite) && <p class="field-error">⚠ {f['invite.unitIds'] ?? f.invite}</p>}
      </fieldset>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="发出会议通知" onCancel={onCancel} />
    </form>
  );
}

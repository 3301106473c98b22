/**
 * 会议改期 / 取消 on the office's page, before the meeting is held: a new time, place or reply
 * deadline with the reason, or calling it off with the reason. The server tells every invited unit
 * (in the app and by SMS / push / group robot) and says which field is wrong, under that field.
 */
import { useState } from 'preact/hooks';
import { Field, fieldProps, FormButtons, FormError, useAction, useInlineForm } from '../../components/form.js';
import { patch, post } from '../../lib/api.js';
import { fromLocalInput, toLocalInput } from '../../lib/time.js';
import type { MeetingDetail } from '../../../../src/contract/meetings.js';

type Meeting = MeetingDetail['meeting'];

export function MeetingChangeForm({ meeting, onDone, onCancel }: { meeting: Meeting; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const form = useInlineForm(onCancel);
  const [startsAt, setStartsAt] = useState(toLocalInput(meeting.startsAt));
  const [place, setPlace] = useState(meeting.place);
  const [replyDueAt, setReplyDueAt] = useState(toLocalInput(meeting.replyDueAt));
  const [reason, setReason] = useState('');
  const f = action.fields;
  const submit = async (e: Event) => {
    e.preventDefault();
    // Only what changed is sent: the server tells the units exactly that.
    const body: Record<string, string> = { reason };
    if (startsAt !== toLocalInput(meeting.startsAt)) body.startsAt = fromLocalInput(startsAt) ?? startsAt;
    if (place !== meeting.place) body.place = place;
    if (replyDueAt !== toLocalInput(meeting.replyDueAt)) body.replyDueAt = fromLocalInput(replyDueAt) ?? replyDueAt;
    if (await action.run(() => patch(`/api/v1/meetings/${encodeURIComponent(meeting.id)}`, body))) onDone();
  };
  return (
    <form class="card form-grid" ref={form.ref} onKeyDown={form.onKeyDown} onSubmit={submit} aria-label="会议变更">
      <Field id="mc-starts" label="会议时间" required error={f.startsAt}>
        <input type="datetime-local" {...fieldProps('mc-starts', f.startsAt)} value={startsAt} onInput={(e) => setStartsAt(e.currentTarget.value)} />
      </Field>
      <Field id="mc-place" label="会议地点" required error={f.place}>
        <input {...fieldProps('mc-place', f.place)} value={place} onInput={(e) => setPlace(e.currentTarget.value)} />
      </Field>
      <Field id="mc-reply" label="回执时限" required error={f.replyDueAt}>
        <input type="datetime-local" {...fieldProps('mc-reply', f.replyDueAt)} value={replyDueAt} onInput={(e) => setReplyDueAt(e.currentTarget.value)} />
      </Field>
      <Field id="mc-reason" label="变更原因（将告知各受邀单位）" required wide error={f.reason}>
        <textarea {...fieldProps('mc-reason', f.reason)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="通知变更" onCancel={onCancel} />
    </form>
  );
}

export function MeetingCancelForm({ meeting, onDone, onCancel }: { meeting: Meeting; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const form = useInlineForm(onCancel);
  const [reason, setReason] = useState('');
  const submit = async (e: Event) => {
    e.preventDefault();
    if (await action.run(() => post(`/api/v1/meetings/${encodeURIComponent(meeting.id)}/cancel`, { reason }))) onDone();
  };
  return (
    <form class="card form-grid" ref={form.ref} onKeyDown={form.onKeyDown} onSubmit={submit} aria-label="取消会议">
      <Field id="mx-reason" label="取消原因（将告知各受邀单位）" required wide error={action.fields.reason}>
        <textarea {...fieldProps('mx-reason', action.fields.reason)} rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </Field>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="确认取消会议" onCancel={onCancel} />
    </form>
  );
}

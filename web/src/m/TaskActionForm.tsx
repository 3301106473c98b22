/**
 * The written part of a task action: a progress note (required), the reason it is blocked
 * (required) or a closing note (optional). The server checks the text; what it says about the
 * field is shown under the field. The submission keeps one idempotency key until the server has
 * answered, so tapping again after a lost answer never records the note twice.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError } from '../lib/api.js';
import { actionRequest } from './tasks.js';
import { newIdempotencyKey } from './useTasks.js';

export type WrittenAction = 'progress' | 'block' | 'done';

const FORMS: Record<WrittenAction, { label: string; placeholder: string; submit: string; required: boolean }> = {
  progress: { label: '进展情况（必填）', placeholder: '如：已派员到场，正在调查取证', submit: '提交进展', required: true },
  block: { label: '受阻原因（必填）', placeholder: '如：需市政府批准动用预备费', submit: '确认受阻', required: true },
  done: { label: '办结说明（可选）', placeholder: '如：调查报告已报送卫健委', submit: '确认办结', required: false },
};

interface Props {
  taskId: string;
  action: WrittenAction;
  onSubmit(text: string, idempotencyKey: string): Promise<void>;
  onCancel(): void;
}

export function TaskActionForm({ taskId, action, onSubmit, onCancel }: Props) {
  const form = FORMS[action];
  const id = `${action}-${taskId}`;
  const [text, setText] = useState('');
  // The unanswered attempt: retrying the same text reuses its key; a changed text is a new note.
  const attempt = useRef<{ text: string; key: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState('');
  const [error, setError] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  // Opened by a tap on 进展/受阻/办结: the keyboard goes straight to the text.
  useEffect(() => field.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setFieldError('');
    setError('');
    if (attempt.current?.text !== text) attempt.current = { text, key: newIdempotencyKey() };
    try {
      await onSubmit(text, attempt.current.key);
      attempt.current = null;
    } catch (err) {
      // Answered and refused: the next tap is a new submission. Unanswered: the same one, retried.
      if (err instanceof ApiError && !err.retryable) attempt.current = null;
      const own = err instanceof ApiError ? err.fieldErrors()[actionRequest(action, text).field] : undefined;
      if (own) setFieldError(own);
      else setError(err instanceof ApiError && err.retryable ? `${describeError(err)}。内容未丢失，可再次提交。` : describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class={`actions task-form ${action}`} onSubmit={submit} noValidate>
      <label for={id}>{form.label}</label>
      <textarea
        id={id}
        ref={field}
        value={text}
        maxLength={1000}
        placeholder={form.placeholder}
        aria-required={form.required}
        aria-invalid={fieldError ? true : undefined}
        aria-describedby={fieldError ? `${id}-error` : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
      />
      {fieldError && (
        <p id={`${id}-error`} class="field-error" role="alert">
          {fieldError}
        </p>
      )}
      {error && (
        <p class="message" role="alert">
          {error}
        </p>
      )}
      <button class={action === 'block' ? 'decline' : 'primary'} type="submit" disabled={busy}>
        {busy ? '正在提交…' : form.submit}
      </button>
      <button type="button" class="secondary" onClick={onCancel} disabled={busy}>
        取消
      </button>
    </form>
  );
}

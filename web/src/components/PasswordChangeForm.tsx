/**
 * 修改密码: the current password (unless it was just typed at login), the new one twice, and the
 * policy stated beside the field. The server ends every other session and hands this one a new
 * token in its cookie.
 */
import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { passwordChangedSchema } from '../../../src/contract/accounts.js';
import { PASSWORD_RULE } from '../../../src/domain/password-policy.js';
import { ApiError, describeError, post } from '../lib/api.js';
import { Field, fieldProps, FormError, type FieldErrors } from './form.js';

type Changed = z.infer<typeof passwordChangedSchema>;

export function PasswordChangeForm({ current, forced, onDone }: { current?: string; forced: boolean; onDone: (changed: Changed) => void }) {
  const [currentPassword, setCurrent] = useState(current ?? '');
  const [newPassword, setNew] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy) return;
    if (newPassword !== again) {
      setErrors({ again: '两次输入的新密码不一致' });
      return;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      onDone(await post<Changed>('/api/v1/auth/password', { currentPassword, newPassword }));
    } catch (err) {
      setBusy(false);
      const fields = err instanceof ApiError ? (err.problem?.errors ?? []) : [];
      if (fields.length) setErrors(Object.fromEntries(fields.map((f) => [f.field, f.message])));
      else setMessage(describeError(err));
    }
  }

  return (
    <form class="login-card" onSubmit={submit} noValidate aria-labelledby="password-title">
      <h1 id="password-title">修改密码</h1>
      {forced && <p class="muted">管理员已为您重置密码，请先设置新密码再继续使用。</p>}
      <FormError message={message} />
      {current === undefined && (
        <Field id="currentPassword" label="当前密码" error={errors.currentPassword} required>
          <input {...fieldProps('currentPassword', errors.currentPassword)} type="password" autocomplete="current-password" value={currentPassword} onInput={(e) => setCurrent(e.currentTarget.value)} />
        </Field>
      )}
      <Field id="newPassword" label="新密码" error={errors.newPassword} required>
        <input
          {...fieldProps('newPassword', errors.newPassword)}
          aria-describedby={['newPassword-rule', errors.newPassword ? 'newPassword-err' : ''].filter(Boolean).join(' ')}
          type="password"
          autocomplete="new-password"
          value={newPassword}
          onInput={(e) => setNew(e.currentTarget.value)}
        />
        <p class="hint" id="newPassword-rule">
          {PASSWORD_RULE}
        </p>
      </Field>
      <Field id="again" label="再次输入新密码" error={errors.again} required>
        <input {...fieldProps('again', errors.again)} type="password" autocomplete="new-password" value={again} onInput={(e) => setAgain(e.currentTarget.value)} />
      </Field>
      <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
        {busy ? '正在保存…' : '保存新密码'}
      </button>
    </form>
  );
}

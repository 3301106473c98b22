/** 添加联络员: a new liaison (or unit head) for a member unit, validated by the server's schema. */
import { forPeople } from '../../../../src/contract/words.js';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import '../../lib/zod-setup.js';
import { newUnitMemberSchema, type UnitWithPeople } from '../../../../src/contract/admin.js';
import { ApiError, describeError, post } from '../../lib/api.js';
import { PASSWORD_RULE } from '../../../../src/domain/password-policy.js';

const EMPTY = { unitId: '', role: 'liaison', displayName: '', username: '', password: '', phone: '' };

export function AddMemberForm({ units, onAdded }: { units: UnitWithPeople[]; onAdded: () => void }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });

  async function submit(e: Event) {
    e.preventDefault();
    const parsed = newUnitMemberSchema.safeParse({ ...form, phone: form.phone.trim() || undefined });
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[i.path.join('.')] ??= forPeople(i.message);
      setErrors(out);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await post('/api/v1/admin/users', parsed.data);
      setMessage({ ok: true, text: `已添加 ${parsed.data.displayName}（${parsed.data.username}）` });
      setForm(EMPTY);
      onAdded();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof typeof EMPTY, label: string, input: JSX.Element) => (
    <div class={`field${errors[key] ? ' has-error' : ''}`}>
      <label for={`add-${key}`}>{label}</label>
      {input}
      {errors[key] && (
        <p class="field-error" id={`add-${key}-err`}>
          {errors[key]}
        </p>
      )}
    </div>
  );
  const aria = (key: string) => ({ id: `add-${key}`, 'aria-invalid': errors[key] ? true : undefined, 'aria-describedby': errors[key] ? `add-${key}-err` : undefined });

  return (
    <details class="add-member">
      <summary>添加联络员 / 单位负责人</summary>
      <form onSubmit={submit} noValidate class="add-member-form">
        {message && (
          <p class={message.ok ? 'notice notice-success' : 'notice notice-error'} role="status">
            {message.text}
          </p>
        )}
        <div class="field-row">
          {field(
            'unitId',
            '成员单位',
            <select {...aria('unitId')} value={form.unitId} onChange={set('unitId')}>
              <option value="">请选择</option>
              {units.map((u) => (
                <option value={u.id}>{u.name}</option>
              ))}
            </select>,
          )}
          {field(
            'role',
            '角色',
            <select {...aria('role')} value={form.role} onChange={set('role')}>
              <option value="liaison">联络员</option>
              <option value="unit_head">单位负责人</option>
            </select>,
          )}
          {field('displayName', '姓名', <input {...aria('displayName')} value={form.displayName} onInput={set('displayName')} />)}
        </div>
        <div class="field-row">
          {field('username', '用户名', <input {...aria('username')} autocomplete="off" value={form.username} onInput={set('username')} />)}
          {field('password', `初始密码（${PASSWORD_RULE}）`, <input {...aria('password')} type="password" autocomplete="new-password" value={form.password} onInput={set('password')} />)}
          {field('phone', '手机号（选填）', <input {...aria('phone')} type="tel" value={form.phone} onInput={set('phone')} />)}
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? '正在添加…' : '添加'}
        </button>
      </form>
    </details>
  );
}

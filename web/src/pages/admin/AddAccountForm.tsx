/**
 * 新建账号: a person of any role this administrator may give (the policy's `assignableRoles`),
 * validated by the server's schema. Without a password the server makes a one-time one, shown here
 * once; either way the person chooses their own at the first login.
 */
import { forPeople } from '../../../../src/contract/words.js';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import '../../lib/zod-setup.js';
import { newAccountSchema, type Person, type UnitWithPeople } from '../../../../src/contract/admin.js';
import { USER_ROLE_LABELS } from '../../../../src/contract/labels.js';
import type { UserRole } from '../../../../src/domain/enums.js';
import { UNIT_ROLES_OF_ACCOUNTS } from '../../../../src/domain/policy/index.js';
import { ApiError, describeError, post } from '../../lib/api.js';
import { PASSWORD_RULE } from '../../../../src/domain/password-policy.js';

interface Props {
  /** The page's jurisdiction: commission roles are created in it. */
  jurisdictionId: string;
  units: { id: string; name: string }[] | UnitWithPeople[];
  roles: UserRole[];
  title: string;
  onAdded: () => void;
}

type Form = { unitId: string; role: string; displayName: string; username: string; password: string; phone: string };

export function AddAccountForm({ jurisdictionId, units, roles, title, onAdded }: Props) {
  const empty: Form = { unitId: '', role: roles[0] ?? 'liaison', displayName: '', username: '', password: '', phone: '' };
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string; oneTimePassword?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Form) => (e: { currentTarget: { value: string } }) => setForm({ ...form, [k]: e.currentTarget.value });
  const unitRole = UNIT_ROLES_OF_ACCOUNTS.includes(form.role as UserRole);

  async function submit(e: Event) {
    e.preventDefault();
    const parsed = newAccountSchema.safeParse({
      username: form.username,
      displayName: form.displayName,
      role: form.role,
      password: form.password || undefined,
      phone: form.phone.trim() || undefined,
      ...(unitRole ? { unitId: form.unitId || undefined } : form.role === 'admin' ? {} : { jurisdictionId }),
    });
    if (!parsed.success) {
      const out: Record<string, string> = {};
      for (const i of parsed.error.issues) out[i.path.join('.')] ??= forPeople(i.message);
      setErrors(out);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const res = await post<{ user: Person; oneTimePassword: string | null }>('/api/v1/admin/users', parsed.data);
      setMessage({ ok: true, text: `已添加 ${res.user.displayName}（${res.user.username}），首次登录须修改密码`, oneTimePassword: res.oneTimePassword ?? undefined });
      setForm({ ...empty, role: form.role });
      onAdded();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setMessage({ ok: false, text: describeError(err) });
    } finally {
      setBusy(false);
    }
  }

  const field = (key: keyof Form, label: string, input: JSX.Element) => (
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
      <summary>{title}</summary>
      <form onSubmit={submit} noValidate class="add-member-form">
        {message && (
          <div class={message.ok ? 'notice notice-success' : 'notice notice-error'} role="status">
            <p>{message.text}</p>
            {message.oneTimePassword && (
              <p>
                一次性密码（只显示这一次，请转交本人）：
                <strong class="mono" data-literal data-one-time-password>
                  {message.oneTimePassword}
                </strong>
              </p>
            )}
          </div>
        )}
        <div class="field-row">
          {roles.length > 1 &&
            field(
              'role',
              '角色',
              <select {...aria('role')} value={form.role} onChange={set('role')}>
                {roles.map((r) => (
                  <option value={r}>{USER_ROLE_LABELS[r]}</option>
                ))}
              </select>,
            )}
          {unitRole &&
            field(
              'unitId',
              '成员单位',
              <select {...aria('unitId')} value={form.unitId} onChange={set('unitId')}>
                <option value="">请选择</option>
                {units.map((u) => (
                  <option value={u.id}>{u.name}</option>
                ))}
              </select>,
            )}
          {field('displayName', '姓名', <input {...aria('displayName')} value={form.displayName} onInput={set('displayName')} />)}
        </div>
        <div class="field-row">
          {field('username', '用户名', <input {...aria('username')} autocomplete="off" value={form.username} onInput={set('username')} />)}
          {field(
            'password',
            `初始密码（选填，留空则生成一次性密码；${PASSWORD_RULE}）`,
            <input {...aria('password')} type="password" autocomplete="new-password" value={form.password} onInput={set('password')} />,
          )}
          {field('phone', '手机号（选填）', <input {...aria('phone')} type="tel" value={form.phone} onInput={set('phone')} />)}
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy}>
          {busy ? '正在添加…' : '添加'}
        </button>
      </form>
    </details>
  );
}

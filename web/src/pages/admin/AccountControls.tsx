/** Per-account marks and actions on the users tab: 演示账号, 重置密码 (the one-time password shown once). */
import { useState } from 'preact/hooks';
import type { Person } from '../../../../src/contract/admin.js';
import type { z } from 'zod';
import type { passwordResetSchema } from '../../../../src/contract/accounts.js';
import { describeError, post } from '../../lib/api.js';

/** Demo accounts share a published password: marked wherever they are listed. */
export function DemoMark({ person }: { person: Person }) {
  return (
    <>
      {person.demo && (
        <span class="badge badge-demo" title="演示数据：密码已公开，正式环境中不能登录">
          演示账号
        </span>
      )}
      {person.mustChangePassword && <span class="badge">待修改密码</span>}
    </>
  );
}

export function ResetPasswordButton({ person, onChanged }: { person: Person; onChanged: (p: Person) => void }) {
  const [busy, setBusy] = useState(false);
  const [shown, setShown] = useState<string | null>(null);
  if (shown)
    return (
      <p class="one-time" role="status">
        一次性密码：<code data-literal>{shown}</code>（只显示这一次，请当面或电话告知本人；下次登录时须修改）
      </p>
    );
  return (
    <button
      type="button"
      class="btn btn-small"
      disabled={busy}
      aria-label={`重置密码：${person.displayName}`}
      onClick={async () => {
        if (!confirm(`重置 ${person.displayName} 的密码？此人所有登录将立即失效，下次登录须修改密码。`)) return;
        setBusy(true);
        try {
          const reset = await post<z.infer<typeof passwordResetSchema>>(`/api/v1/admin/users/${encodeURIComponent(person.id)}/reset-password`);
          setShown(reset.oneTimePassword);
          onChanged({ ...person, mustChangePassword: true });
        } catch (err) {
          alert(describeError(err));
        } finally {
          setBusy(false);
        }
      }}
    >
      重置密码
    </button>
  );
}

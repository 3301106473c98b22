/**
 * 服务账号: machine clients of this jurisdiction (e.g. a county's own system filing reports), the
 * operations each may perform, when its key was last used; create one (the key is shown once) or
 * revoke it.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ServiceAccountView } from '../../../../src/contract/accounts.js';
import { API_SCOPE_LABELS, API_SCOPES, type ApiScope } from '../../../../src/domain/policy/api-scopes.js';
import { ApiError, describeError, get, post } from '../../lib/api.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, Loading } from '../../lib/ui.js';
import { Field, fieldProps, FormError, type FieldErrors } from '../../components/form.js';

export function ServiceAccountsTab({ jurisdictionId }: { jurisdictionId: string }) {
  const [list, setList] = useState<ServiceAccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; key: string } | null>(null);
  const load = () =>
    get<{ serviceAccounts: ServiceAccountView[] }>(`/api/v1/admin/service-accounts?jurisdictionId=${encodeURIComponent(jurisdictionId)}`).then(
      (r) => (setList(r.serviceAccounts), setError(null)),
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), [jurisdictionId]);
  if (error) return <ErrorBox message={error} onRetry={load} />;
  if (!list) return <Loading what="服务账号" />;
  return (
    <section aria-labelledby="sa-title">
      <h1 id="sa-title">服务账号（{list.length}）</h1>
      <p class="muted">供本辖区的其他信息系统（如县区自建系统）通过接口报告事故或查看事故。密钥只在新建时显示一次，系统只保存其摘要。</p>
      {created && (
        <p class="one-time" role="status">
          “{created.name}”的密钥：<code data-literal>{created.key}</code>（只显示这一次，请立即复制并妥善保管）
        </p>
      )}
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">权限范围</th>
            <th scope="col">密钥开头</th>
            <th scope="col">新建时间</th>
            <th scope="col">最近使用</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {list.map((a) => (
            <tr key={a.id} data-service-account={a.id}>
              <th scope="row">{a.displayName}</th>
              <td class="small">{a.scopes.map((s) => API_SCOPE_LABELS[s]).join('；')}</td>
              <td class="mono" data-literal>
                {a.keyPrefix}…
              </td>
              <td>{formatDateTime(a.createdAt)}</td>
              <td>{a.lastUsedAt ? formatDateTime(a.lastUsedAt) : '从未使用'}</td>
              <td>{a.revokedAt ? `已于${formatDateTime(a.revokedAt)}吊销` : <RevokeButton account={a} onDone={load} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewServiceAccount
        jurisdictionId={jurisdictionId}
        onCreated={(name, key) => {
          setCreated({ name, key });
          void load();
        }}
      />
    </section>
  );
}

function RevokeButton({ account, onDone }: { account: ServiceAccountView; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <span>
      有效{' '}
      <button
        type="button"
        class="btn btn-small"
        disabled={busy}
        aria-label={`吊销${account.displayName}的密钥`}
        onClick={async () => {
          if (!confirm(`吊销“${account.displayName}”的密钥？吊销后立即失效，不能恢复。`)) return;
          setBusy(true);
          try {
            await post(`/api/v1/admin/service-accounts/${encodeURIComponent(account.id)}/revoke`);
            onDone();
          } catch (err) {
            alert(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        吊销
      </button>
    </span>
  );
}

function NewServiceAccount({ jurisdictionId, onCreated }: { jurisdictionId: string; onCreated: (name: string, key: string) => void }) {
  const [displayName, setName] = useState('');
  const [scopes, setScopes] = useState<ApiScope[]>(['reports:file']);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const r = await post<{ key: string }>('/api/v1/admin/service-accounts', { jurisdictionId, displayName, scopes });
      setName('');
      onCreated(displayName, r.key);
    } catch (err) {
      const fields = err instanceof ApiError ? (err.problem?.errors ?? []) : [];
      if (fields.length) setErrors(Object.fromEntries(fields.map((f) => [f.field.split('.')[0]!, f.message])));
      else setMessage(describeError(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form class="inline-form" onSubmit={submit} noValidate aria-labelledby="sa-new-title">
      <h2 id="sa-new-title">新建服务账号</h2>
      <FormError message={message} />
      <Field id="sa-name" label="名称" error={errors.displayName} required>
        <input {...fieldProps('sa-name', errors.displayName)} value={displayName} onInput={(e) => setName(e.currentTarget.value)} />
      </Field>
      <fieldset aria-describedby={errors.scopes ? 'sa-scopes-err' : undefined}>
        <legend>权限范围</legend>
        {API_SCOPES.map((s) => (
          <label key={s} class="check">
            <input type="checkbox" checked={scopes.includes(s)} onChange={(e) => setScopes(e.currentTarget.checked ? [...scopes, s] : scopes.filter((x) => x !== s))} />{' '}
            {API_SCOPE_LABELS[s]}
          </label>
        ))}
        {errors.scopes && (
          <p class="field-error" id="sa-scopes-err">
            {errors.scopes}
          </p>
        )}
      </fieldset>
      <button type="submit" class="btn btn-primary" disabled={busy}>
        {busy ? '正在新建…' : '新建并显示密钥'}
      </button>
    </form>
  );
}

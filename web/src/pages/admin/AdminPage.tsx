/**
 * 管理 (/admin): member units with their people (liaisons, heads, who is on duty), the rulebook
 * as it is (rules, readable conditions, quoted clauses, deadlines), users and roles; add a
 * liaison to a unit; put people on or off duty. Commanders see their jurisdiction read-only; a
 * unit head sees only its own unit's rota, to edit.
 */
import { PhoneEditor } from './PhoneEditor.js';
import { useUnits } from '../../components/use-units.js';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { Person, RulebookView, UnitWithPeople } from '../../../../src/contract/admin.js';
import type { jurisdictionSchema } from '../../../../src/contract/api.js';
import { labelOf, ROLE_LABELS, SEVERITY_LABELS, USER_ROLE_LABELS } from '../../../../src/contract/labels.js';
import { SEVERITIES, UNIT_ROLES, USER_ROLES } from '../../../../src/domain/enums.js';
import { describeError, get, patch } from '../../lib/api.js';
import { Link, navigate, usePath } from '../../lib/nav.js';
import type { User } from '../../lib/session.js';
import { deskNav, ErrorBox, Header, Loading, RoleBadge } from '../../lib/ui.js';
import { AddAccountForm } from './AddAccountForm.js';
import { OwnUnitRota } from './OwnUnitRota.js';
import { assignableRoles, UNIT_ROLES_OF_ACCOUNTS } from '../../../../src/domain/policy/index.js';
import { UnitChannels } from './UnitChannels.js';
import { DemoMark, ResetPasswordButton } from './AccountControls.js';
import { ServiceAccountsTab } from './ServiceAccountsTab.js';
import { RotaTab } from './RotaTab.js';
import { MemberChangesTab } from './MemberChanges.js';
import { RosterImportTab } from './RosterImport.js';
import { RulebookVersionsTab } from './RulebookVersions.js';
import { UnitChangeForm } from './UnitChanges.js';

type Jurisdiction = z.infer<typeof jurisdictionSchema>;
type Tab = 'units' | 'rulebook' | 'users' | 'service-accounts' | 'rota' | 'versions' | 'changes' | 'import';
const TAB_PATHS: Tab[] = ['rulebook', 'users', 'service-accounts', 'rota', 'versions', 'changes', 'import'];

export default function AdminPage({ user }: { user: User }) {
  // 单位负责人: the page is their own unit's 值班表, nothing else of the jurisdiction's set-up.
  if (user.role === 'unit_head') return <OwnUnitRota user={user} />;
  return <JurisdictionAdmin user={user} />;
}

function JurisdictionAdmin({ user }: { user: User }) {
  const { path, query } = usePath();
  const tab: Tab = TAB_PATHS.find((t) => path.endsWith(`/${t}`)) ?? 'units';
  const [jurisdictions, setJurisdictions] = useState<Jurisdiction[]>([]);
  const jurisdictionId = user.role === 'admin' ? query.get('j') ?? 'xinyang' : user.jurisdictionId ?? 'xinyang';
  // 成员单位、人员、名册、值班表: the system admin and the jurisdiction's own administrator (policy: mayAdministerJurisdiction).
  const canEdit = user.role === 'admin' || user.role === 'jurisdiction_admin';
  const administers = canEdit;

  useEffect(() => {
    get<{ jurisdictions: Jurisdiction[] }>('/api/v1/jurisdictions')
      .then((r) => setJurisdictions(r.jurisdictions))
      .catch(() => undefined);
  }, []);

  const href = (t: Tab) => `/admin${t === 'units' ? '' : `/${t}`}${user.role === 'admin' ? `?j=${jurisdictionId}` : ''}`;
  return (
    <div class="admin-page">
      <Header title="管理" user={user} nav={deskNav(user, 'admin')} />
      <div class="admin-bar">
        <nav class="tabs" aria-label="管理">
          <Link href={href('units')} aria-current={tab === 'units' ? 'page' : undefined}>
            成员单位与人员
          </Link>
          <Link href={href('rulebook')} aria-current={tab === 'rulebook' ? 'page' : undefined}>
            规则库
          </Link>
          <Link href={href('users')} aria-current={tab === 'users' ? 'page' : undefined}>
            用户与角色
          </Link>
          <Link href={href('rota')} aria-current={tab === 'rota' ? 'page' : undefined}>
            值班表
          </Link>
          {canEdit && (
            <Link href={href('service-accounts')} aria-current={tab === 'service-accounts' ? 'page' : undefined}>
              服务账号
            </Link>
          )}
          {administers && (
            <>
              <Link href={href('versions')} aria-current={tab === 'versions' ? 'page' : undefined}>
                版本记录
              </Link>
              <Link href={href('changes')} aria-current={tab === 'changes' ? 'page' : undefined}>
                成员调整
              </Link>
              <Link href={href('import')} aria-current={tab === 'import' ? 'page' : undefined}>
                名册导入导出
              </Link>
            </>
          )}
        </nav>
        {user.role === 'admin' && (
          <div class="field field-inline">
            <label for="jurisdiction">辖区</label>
            <select id="jurisdiction" value={jurisdictionId} onChange={(e) => navigate(`${location.pathname}?j=${e.currentTarget.value}`)}>
              {(jurisdictions.length ? jurisdictions : [{ id: jurisdictionId, name: jurisdictionId } as Jurisdiction]).map((j) => (
                <option value={j.id}>{j.name}</option>
              ))}
            </select>
          </div>
        )}
        {!canEdit && !administers && <p class="muted">只读：指挥长可查看本辖区，修改请联系管理员。</p>}
      </div>
      <main class="admin-main">
        {tab === 'units' && <UnitsTab key={jurisdictionId} jurisdictionId={jurisdictionId} canEdit={canEdit} administers={administers} self={user} />}
        {tab === 'versions' && administers && <RulebookVersionsTab key={jurisdictionId} jurisdictionId={jurisdictionId} />}
        {tab === 'changes' && administers && <MemberChangesTab key={jurisdictionId} jurisdictionId={jurisdictionId} />}
        {tab === 'import' && administers && <RosterImportTab key={jurisdictionId} jurisdictionId={jurisdictionId} />}
        {tab === 'rulebook' && <RulebookTab key={jurisdictionId} jurisdictionId={jurisdictionId} />}
        {tab === 'rota' && <RotaTab key={jurisdictionId} jurisdictionId={jurisdictionId} unitId={query.get('unit') ?? undefined} />}
        {tab === 'users' && <UsersTab key={jurisdictionId} jurisdictionId={jurisdictionId} canEdit={canEdit} self={user} />}
        {tab === 'service-accounts' && canEdit && <ServiceAccountsTab key={jurisdictionId} jurisdictionId={jurisdictionId} />}
      </main>
    </div>
  );
}

function useLoad<T>(url: string): { data: T | null; error: string | null; reload: () => void; setData: (d: T) => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    get<T>(url)
      .then((d) => live && (setData(d), setError(null)))
      .catch((err) => live && setError(describeError(err)));
    return () => {
      live = false;
    };
  }, [url, n]);
  return { data, error, reload: () => setN((x) => x + 1), setData };
}

/** 在岗 toggle: a real button with its state in words, not only a colour. */
export function DutyToggle({ person, canEdit, onChanged }: { person: Person; canEdit: boolean; onChanged: (p: Person) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = person.onDuty ? '在岗' : '不在岗';
  if (!canEdit) return <span class={person.onDuty ? 'on-duty' : 'off-duty'}>{label}</span>;
  return (
    <span>
      <button
        type="button"
        class={`toggle ${person.onDuty ? 'toggle-on' : 'toggle-off'}`}
        aria-pressed={person.onDuty}
        aria-label={`${person.displayName} 在岗`}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            const res = await patch<{ user: Person }>(`/api/v1/admin/users/${encodeURIComponent(person.id)}`, { onDuty: !person.onDuty });
            onChanged(res.user);
          } catch (err) {
            setError(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <span aria-hidden="true">{person.onDuty ? '●' : '○'} </span>
        {label}
      </button>
      {error && (
        <span class="field-error" role="alert">
          {' '}
          {error}
        </span>
      )}
    </span>
  );
}

function UnitsTab({ jurisdictionId, canEdit, administers, self }: { jurisdictionId: string; canEdit: boolean; administers: boolean; self: User }) {
  const { data, error, reload, setData } = useLoad<{ units: UnitWithPeople[] }>(`/api/v1/admin/units?jurisdictionId=${encodeURIComponent(jurisdictionId)}`);
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!data) return <Loading what="成员单位" />;
  const replace = (p: Person) =>
    setData({ units: data.units.map((u) => ({ ...u, people: u.people.map((x) => (x.id === p.id ? p : x)) })) });
  const liaisons = (u: UnitWithPeople) => u.people.filter((p) => p.role === 'liaison');
  return (
    <section aria-labelledby="units-title">
      <h1 id="units-title">成员单位与人员（{data.units.length}）</h1>
      {canEdit && (
        <AddAccountForm
          title="添加联络员 / 单位负责人"
          jurisdictionId={jurisdictionId}
          roles={assignableRoles(self, jurisdictionId).filter((r) => UNIT_ROLES_OF_ACCOUNTS.includes(r))}
          units={data.units.filter((u) => !u.retiredAt)}
          onAdded={reload}
        />
      )}
      {administers && <UnitChangeForm jurisdictionId={jurisdictionId} units={data.units} onChanged={reload} />}
      <table class="data-table units-table">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">职责条款</th>
            <th scope="col">联络员 · 负责人</th>
            <th scope="col">群机器人</th>
          </tr>
        </thead>
        <tbody>
          {data.units.map((u) => {
            const onDuty = liaisons(u).filter((p) => p.onDuty && p.active).length;
            return (
              <tr key={u.id} data-unit-id={u.id}>
                <th scope="row">
                  {u.section && <span class="muted">{u.section} </span>}
                  {u.name}
                  {u.retiredAt && <span class="tag">{u.mergedInto ? '已合并' : '已撤销'}</span>}
                  <div class={onDuty ? 'small' : 'small warn-text'}>
                    {onDuty ? `在岗联络员 ${onDuty} 人` : '⚠ 没有在岗联络员'}
                  </div>
                </th>
                <td>
                  <details>
                    <summary>{u.duties.length} 条职责</summary>
                    <ol class="duties">
                      {u.duties.map((d) => (
                        <li key={d.ref}>
                          <span class="muted">{d.ref}</span> {d.text}
                        </li>
                      ))}
                    </ol>
                  </details>
                </td>
                <td>
                  <ul class="people">
                    {u.people.map((p) => (
                      <li key={p.id} data-username={p.username} class={p.active ? '' : 'inactive'}>
                        <span class="person-role">{labelOf(USER_ROLE_LABELS, p.role)}</span> <strong>{p.displayName}</strong>{' '}
                        <span class="muted mono small" data-literal>
                          {p.username}
                        </span>{' '}
                        <PhoneEditor person={p} canEdit={canEdit} onChanged={replace} />{' '}
                        {p.role === 'liaison' && <DutyToggle person={p} canEdit={canEdit} onChanged={replace} />}
                        {!p.active && <span class="tag">已停用</span>}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <UnitChannels unitId={u.id} unitName={u.name} canEdit={canEdit} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

function RulebookTab({ jurisdictionId }: { jurisdictionId: string }) {
  const { data, error, reload } = useLoad<RulebookView>(`/api/v1/admin/rulebooks/${encodeURIComponent(jurisdictionId)}`);
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!data) return <Loading what="规则库" />;
  return (
    <section aria-labelledby="rulebook-title" class="rulebook">
      <h1 id="rulebook-title">
        规则库 · {data.jurisdiction.name} <span class="muted small">版本 {data.version}</span>
      </h1>
      <p>
        依据：《{data.document.title}》<span class="mono">{data.document.number}</span>
        {data.document.issuedOn && <span class="muted">（{data.document.issuedOn}）</span>}
      </p>
      <h2>签收时限（分钟）</h2>
      <table class="data-table compact">
        <thead>
          <tr>
            <th scope="col">角色</th>
            {SEVERITIES.map((s) => (
              <th scope="col">{SEVERITY_LABELS[s]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {UNIT_ROLES.map((r) => (
            <tr>
              <th scope="row">{ROLE_LABELS[r]}</th>
              {SEVERITIES.map((s) => (
                <td>{data.ackDeadlineMinutes[r][s]}</td>
              ))}
            </tr>
          ))}
          {data.escalationMinutes && (
            <>
              <tr>
                <th scope="row">超时后通知单位负责人</th>
                {SEVERITIES.map((s) => (
                  <td>+{data.escalationMinutes!.unitHead[s]}</td>
                ))}
              </tr>
              <tr>
                <th scope="row">超时后提请指挥长督办</th>
                {SEVERITIES.map((s) => (
                  <td>+{data.escalationMinutes!.commander[s]}</td>
                ))}
              </tr>
            </>
          )}
        </tbody>
      </table>
      <h2>通知规则（{data.rules.length}）</h2>
      <table class="data-table rules-table">
        <thead>
          <tr>
            <th scope="col">单位</th>
            <th scope="col">角色</th>
            <th scope="col">条件</th>
            <th scope="col">依据（原文）</th>
          </tr>
        </thead>
        <tbody>
          {data.rules.map((r) => (
            <tr key={r.id} data-rule-id={r.id}>
              <th scope="row">
                {r.unitName ?? r.unitId}
              </th>
              <td>
                <RoleBadge role={r.role} />
              </td>
              <td>
                <strong>{r.reason}</strong>
                <div class="small">{r.whenText}</div>
              </td>
              <td class="basis">
                <q>{r.basis.quote}</q>
                <cite class="citation">{r.basis.ref}</cite>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function UsersTab({ jurisdictionId, canEdit, self }: { jurisdictionId: string; canEdit: boolean; self: User }) {
  const { data, error, reload, setData } = useLoad<{ users: Person[] }>(`/api/v1/admin/users?jurisdictionId=${encodeURIComponent(jurisdictionId)}`);
  const [role, setRole] = useState('');
  const units = useUnits(jurisdictionId);
  const unitNames = new Map(units.map((u) => [u.id, u.name]));
  if (error) return <ErrorBox message={error} onRetry={reload} />;
  if (!data) return <Loading what="用户" />;
  const replace = (p: Person) => setData({ users: data.users.map((x) => (x.id === p.id ? p : x)) });
  const shown = data.users.filter((u) => !role || u.role === role);
  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">用户与角色（{shown.length}）</h1>
      {canEdit && <AddAccountForm title="新建账号" jurisdictionId={jurisdictionId} roles={assignableRoles(self, jurisdictionId)} units={units} onAdded={reload} />}
      <div class="filters">
        <div class="field">
          <label for="user-role">角色</label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.currentTarget.value)}>
            <option value="">全部</option>
            {USER_ROLES.map((r) => (
              <option value={r}>{USER_ROLE_LABELS[r]}</option>
            ))}
          </select>
        </div>
      </div>
      <table class="data-table">
        <thead>
          <tr>
            <th scope="col">姓名</th>
            <th scope="col">用户名</th>
            <th scope="col">角色</th>
            <th scope="col">单位</th>
            <th scope="col">电话</th>
            <th scope="col">在岗</th>
            <th scope="col">账号</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((p) => (
            <tr key={p.id} data-username={p.username}>
              <th scope="row">
                {p.displayName} <DemoMark person={p} />
              </th>
              <td class="mono" data-literal>
                {p.username}
              </td>
              <td>{labelOf(USER_ROLE_LABELS, p.role)}</td>
              <td class="small">{p.unitId ? (unitNames.get(p.unitId) ?? '—') : '—'}</td>
              <td>
                <PhoneEditor person={p} canEdit={canEdit} onChanged={replace} />
              </td>
              <td>
                <DutyToggle person={p} canEdit={canEdit} onChanged={replace} />
              </td>
              <td>
                <ActiveToggle person={p} canEdit={canEdit && p.id !== self.id} onChanged={replace} />
                {canEdit && p.id !== self.id && <ResetPasswordButton person={p} onChanged={replace} />}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ActiveToggle({ person, canEdit, onChanged }: { person: Person; canEdit: boolean; onChanged: (p: Person) => void }) {
  const [busy, setBusy] = useState(false);
  const state = person.active ? '正常' : '已停用';
  if (!canEdit) return <span>{state}</span>;
  return (
    <span class="active-cell">
      <span>{state}</span>{' '}
      <button
        type="button"
        class="btn btn-small"
        disabled={busy}
        aria-label={`${person.active ? '停用' : '恢复启用'}${person.displayName}的账号`}
        onClick={async () => {
          if (person.active && !confirm(`停用 ${person.displayName} 的账号？停用后无法登录。`)) return;
          setBusy(true);
          try {
            onChanged((await patch<{ user: Person }>(`/api/v1/admin/users/${encodeURIComponent(person.id)}`, { active: !person.active })).user);
          } catch (err) {
            alert(describeError(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {person.active ? '停用' : '恢复启用'}
      </button>
    </span>
  );
}

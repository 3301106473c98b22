/**
 * 成员单位调整: add, rename, re-word the duties of, retire or merge a member unit, with the reason.
 * Each makes the jurisdiction's next rulebook version; incidents keep the version they were routed with.
 */
import { useState } from 'preact/hooks';
import type { UnitWithPeople } from '../../../../src/contract/admin.js';
import { describeError, post } from '../../lib/api.js';
import { useSubmissionKey } from '../../lib/submission-key.js';

type Action = 'add' | 'rename' | 'duties' | 'retire' | 'merge';
const ACTIONS: Record<Action, string> = { add: '新增成员单位', rename: '更名', duties: '调整职责条款', retire: '撤销', merge: '合并' };

/** Duty clauses as the office writes them: one per line, the clause number first, e.g. 「（一）负责……」. */
function parseDuties(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = l.match(/^([（(][^）)]{1,8}[）)])\s*(.*)$/);
      return m ? { ref: m[1]!, text: m[2]! } : { ref: '', text: l };
    });
}

export function UnitChangeForm({ jurisdictionId, units, onChanged }: { jurisdictionId: string; units: UnitWithPeople[]; onChanged: () => void }) {
  const keyFor = useSubmissionKey();
  const live = units.filter((u) => !u.retiredAt);
  const [action, setAction] = useState<Action>('rename');
  const [unitId, setUnitId] = useState(live[0]?.id ?? '');
  const [intoUnitId, setIntoUnitId] = useState('');
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [duties, setDuties] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const unit = live.find((u) => u.id === unitId);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setMessage(null);
    const body =
      action === 'add'
        ? { action, name, shortName, duties: parseDuties(duties), reason }
        : action === 'rename'
          ? { action, unitId, name, shortName, reason }
          : action === 'duties'
            ? { action, unitId, duties: parseDuties(duties), reason }
            : action === 'merge'
              ? { action, unitId, intoUnitId, reason }
              : { action, unitId, reason };
    try {
      const res = await post<{ rulebookVersion: string }>(`/api/v1/admin/jurisdictions/${encodeURIComponent(jurisdictionId)}/unit-changes`, body, keyFor(body));
      setMessage(`已保存，规则库现行版本为 ${res.rulebookVersion}`);
      setReason('');
      onChanged();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <details class="unit-change">
      <summary>成员单位调整（新增、更名、职责条款、撤销、合并）</summary>
    <form class="unit-change-form" onSubmit={submit} aria-label="成员单位调整">
      <div class="field">
        <label for="uc-action">调整事项</label>
        <select id="uc-action" value={action} onChange={(e) => setAction(e.currentTarget.value as Action)}>
          {(Object.keys(ACTIONS) as Action[]).map((a) => (
            <option value={a}>{ACTIONS[a]}</option>
          ))}
        </select>
      </div>
      {action !== 'add' && (
        <div class="field">
          <label for="uc-unit">{action === 'merge' ? '被合并的单位' : '调整的单位'}</label>
          <select
            id="uc-unit"
            value={unitId}
            onChange={(e) => {
              setUnitId(e.currentTarget.value);
              const u = live.find((x) => x.id === e.currentTarget.value);
              if (u) setDuties(u.duties.map((d) => `${d.ref}${d.text}`).join('\n'));
            }}
          >
            {live.map((u) => (
              <option value={u.id}>{u.name}</option>
            ))}
          </select>
        </div>
      )}
      {action === 'merge' && (
        <div class="field">
          <label for="uc-into">并入（保留的单位）</label>
          <select id="uc-into" value={intoUnitId} onChange={(e) => setIntoUnitId(e.currentTarget.value)}>
            <option value="">请选择</option>
            {live.filter((u) => u.id !== unitId).map((u) => (
              <option value={u.id}>{u.name}</option>
            ))}
          </select>
        </div>
      )}
      {(action === 'add' || action === 'rename') && (
        <>
          <div class="field">
            <label for="uc-name">单位全称</label>
            <input id="uc-name" value={name} placeholder={unit?.name} onInput={(e) => setName(e.currentTarget.value)} />
          </div>
          <div class="field">
            <label for="uc-short">简称</label>
            <input id="uc-short" value={shortName} placeholder={unit?.shortName} onInput={(e) => setShortName(e.currentTarget.value)} />
          </div>
        </>
      )}
      {(action === 'add' || action === 'duties') && (
        <div class="field">
          <label for="uc-duties">职责条款（每行一条，条款序号在前，如「（一）负责……」）</label>
          <textarea id="uc-duties" rows={6} value={duties} onInput={(e) => setDuties(e.currentTarget.value)} />
        </div>
      )}
      <div class="field">
        <label for="uc-reason">调整理由（记入规则库版本记录）</label>
        <input id="uc-reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </div>
      <button type="submit">保存调整</button>
      {message && <p role="status">{message}</p>}
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
    </details>
  );
}

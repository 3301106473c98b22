/** 成员调整（待确认）: what units proposed about their members and liaisons; the office confirms or rejects with a reason. */
import { useEffect, useState } from 'preact/hooks';
import type { MemberChangeView } from '../../../../src/contract/roster.js';
import { describeError, get, post } from '../../lib/api.js';
import { ErrorBox, Loading } from '../../lib/ui.js';

const KIND = { add_person: '新增人员', replace_person: '更换人员', remove_person: '减少人员' } as const;
const STATE = { proposed: '待确认', confirmed: '已确认', rejected: '已退回' } as const;
const ROLE = { liaison: '联络员', unit_head: '单位负责人' } as const;

export function MemberChangesTab({ jurisdictionId }: { jurisdictionId: string }) {
  const [changes, setChanges] = useState<MemberChangeView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    get<{ changes: MemberChangeView[] }>(`/api/v1/member-changes?jurisdictionId=${encodeURIComponent(jurisdictionId)}`)
      .then((r) => setChanges(r.changes))
      .catch((err) => setError(describeError(err)));
  }, [jurisdictionId, n]);
  if (error) return <ErrorBox message={error} />;
  if (!changes) return <Loading what="成员调整" />;
  return (
    <section aria-labelledby="changes-title">
      <h1 id="changes-title">成员调整</h1>
      {changes.length === 0 && <p class="muted">暂无成员单位提出的调整。</p>}
      <ul class="member-changes">
        {changes.map((c) => (
          <li key={c.id} data-change-id={c.id}>
            <strong>{c.unitName}</strong> · {KIND[c.kind]} · <span class="tag">{STATE[c.state]}</span>
            <div>
              {c.userName && <>离任：{c.userName}　</>}
              {c.person && (
                <>
                  新任{ROLE[c.person.role]}：{c.person.displayName}
                  {c.person.phone && `（${c.person.phone}）`}
                </>
              )}
            </div>
            <div class="small">
              理由：{c.reason}（{c.proposedBy} 于 {new Date(c.proposedAt).toLocaleString('zh-CN', { hour12: false })} 提出）
            </div>
            {c.decidedBy && (
              <div class="small">
                {STATE[c.state]}：{c.decisionReason}（{c.decidedBy}）
              </div>
            )}
            {c.state === 'proposed' && <Decide change={c} onDone={() => setN((x) => x + 1)} />}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Decide({ change, onDone }: { change: MemberChangeView; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const decide = async (decision: 'confirm' | 'reject') => {
    setError(null);
    try {
      await post(`/api/v1/member-changes/${encodeURIComponent(change.id)}/decision`, { decision, reason, ...(decision === 'confirm' && change.person ? { initialPassword: password } : {}) });
      onDone();
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <div class="decide">
      <label>
        处理意见 <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
      </label>
      {change.person && (
        <label>
          新成员初始密码 <input type="password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        </label>
      )}
      <button type="button" onClick={() => void decide('confirm')}>
        确认
      </button>
      <button type="button" onClick={() => void decide('reject')}>
        退回
      </button>
      {error && (
        <span class="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

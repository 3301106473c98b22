/**
 * 成员调整 on the phone: the unit's liaison or head proposes a new member or liaison, a replacement
 * or a removal, with the reason; the joint meeting's office confirms it. The unit's own proposals
 * and their answers are listed below.
 */
import { useEffect, useState } from 'preact/hooks';
import type { MemberChangeView } from '../../../src/contract/roster.js';
import { describeError, get, post } from '../lib/api.js';
import { useSubmissionKey } from '../lib/submission-key.js';

const KIND = { add_person: '新增', replace_person: '更换', remove_person: '减少' } as const;
const STATE = { proposed: '待办公室确认', confirmed: '已确认', rejected: '已退回' } as const;

interface Person {
  id: string;
  displayName: string;
  role: string;
}

export function MemberChangeForm({ unitId, onClose }: { unitId: string; onClose(): void }) {
  const keyFor = useSubmissionKey();
  const [kind, setKind] = useState<keyof typeof KIND>('replace_person');
  const [people, setPeople] = useState<Person[]>([]);
  const [userId, setUserId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<'liaison' | 'unit_head'>('liaison');
  const [username, setUsername] = useState('');
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState('');
  const [mine, setMine] = useState<MemberChangeView[]>([]);
  const [error, setError] = useState('');
  const [done, setDone] = useState('');
  const load = () =>
    get<{ changes: MemberChangeView[]; people?: Person[] }>('/api/v1/member-changes').then(
      (r) => (setMine(r.changes), setPeople(r.people ?? [])),
      (e) => setError(describeError(e)),
    );
  useEffect(() => void load(), [unitId]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError('');
    setDone('');
    try {
      const change = {
        unitId,
        kind,
        ...(kind !== 'add_person' && userId ? { userId } : {}),
        ...(kind !== 'remove_person' ? { person: { displayName, role, username, ...(phone ? { phone } : {}) } } : {}),
        reason,
      };
      await post('/api/v1/member-changes', change, keyFor(change));
      setDone('已提交，待联席会议办公室确认');
      void load();
    } catch (err) {
      setError(describeError(err));
    }
  };

  return (
    <section class="card member-change" aria-labelledby="mc-title">
      <h2 id="mc-title">成员调整</h2>
      <form onSubmit={submit}>
        <label>
          调整类型
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as keyof typeof KIND)}>
            {(Object.keys(KIND) as (keyof typeof KIND)[]).map((k) => (
              <option value={k}>{KIND[k]}</option>
            ))}
          </select>
        </label>
        {kind !== 'add_person' && (
          <label>
            离任人员
            {
              <select value={userId} onChange={(e) => setUserId(e.currentTarget.value)}>
                <option value="">请选择</option>
                {people.map((p) => (
                  <option value={p.id}>{p.displayName}</option>
                ))}
              </select>
            }
          </label>
        )}
        {kind !== 'remove_person' && (
          <>
            <label>
              新成员姓名 <input value={displayName} onInput={(e) => setDisplayName(e.currentTarget.value)} />
            </label>
            <label>
              角色
              <select value={role} onChange={(e) => setRole(e.currentTarget.value as 'liaison' | 'unit_head')}>
                <option value="liaison">联络员</option>
                <option value="unit_head">单位负责人</option>
              </select>
            </label>
            <label>
              登录用户名 <input value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
            </label>
            <label>
              手机号码 <input inputMode="tel" value={phone} onInput={(e) => setPhone(e.currentTarget.value)} />
            </label>
          </>
        )}
        <label>
          理由 <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <button type="submit">提交</button>
        <button type="button" onClick={onClose}>
          关闭
        </button>
      </form>
      {done && <p role="status">{done}</p>}
      {error && <p role="alert">{error}</p>}
      <ul>
        {mine.map((c) => (
          <li key={c.id}>
            {KIND[c.kind]}
            {c.person ? `：${c.person.displayName}` : c.userName ? `：${c.userName}` : ''} · {STATE[c.state]}
            {c.decisionReason && `（${c.decisionReason}）`}
          </li>
        ))}
      </ul>
    </section>
  );
}

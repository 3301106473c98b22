/**
 * 征求意见 (信阳 四(四)) on the office's page: put a proposal to the units concerned, see each
 * answer (an objection with its reason), refer a disagreement to the government and record its
 * decision.
 */
import { useEffect, useState } from 'preact/hooks';
import type { UnitOption } from '../../components/use-units.js';
import { Field, fieldProps, FormButtons, FormError, useAction } from '../../components/form.js';
import { get, post } from '../../lib/api.js';
import { useSubmissionKey } from '../../lib/submission-key.js';
import { formatDateTime, fromLocalInput } from '../../lib/time.js';
import { StandingUndelivered } from '../../components/DeliveryFailed.js';
import type { StandingRequestView } from '../../../../src/contract/meetings.js';

interface Proposal {
  id: string;
  kind: string;
  title: string;
  text: string;
  unitIds: string[];
  dueAt: string;
  state: string;
  referralNote: string | null;
  outcome: string | null;
}
const STATE: Record<string, string> = { consulting: '征求意见中', agreed: '各单位同意', disagreed: '未能形成一致意见', referred: '已报请市政府决定', decided: '市政府已决定' };
const ANSWER: Record<string, string> = { pending: '待表态', agreed: '同意', objected: '不同意' };

function ProposalItem({ p, mayRun, onChange }: { p: Proposal; mayRun: boolean; onChange(): void }) {
  const [answers, setAnswers] = useState<StandingRequestView[] | null>(null);
  const [note, setNote] = useState('');
  const step = useAction();
  useEffect(() => {
    // A reply to an earlier state's request may arrive last; it must not overwrite the newer answers.
    let current = true;
    void get<{ requests: StandingRequestView[] }>(`/api/v1/proposals/${encodeURIComponent(p.id)}`).then((d) => current && setAnswers(d.requests), () => {});
    return () => {
      current = false;
    };
  }, [p.state]);
  const act = async (path: 'refer' | 'outcome') => (await step.run(() => post(`/api/v1/proposals/${encodeURIComponent(p.id)}/${path}`, path === 'refer' ? { note } : { outcome: note }))) && (setNote(''), onChange());
  return (
    <li class="card proposal" data-proposal-id={p.id} data-state={p.state}>
      <strong>{p.title}</strong> <span class="muted">（{STATE[p.state]} · 时限 {formatDateTime(p.dueAt)}）</span>
      <p>{p.text}</p>
      <ul>
        {(answers ?? []).map((r) => (
          <li key={r.id} data-unit={r.unitId} data-state={r.state}>
            {r.unitName}：{ANSWER[r.state] ?? r.state} {(r.answer as { reason?: string } | null)?.reason ?? ''} <StandingUndelivered r={r} />
          </li>
        ))}
      </ul>
      {p.referralNote && <p>报请市政府：{p.referralNote}</p>}
      {p.outcome && <p>市政府决定：{p.outcome}</p>}
      {mayRun && (p.state === 'disagreed' || p.state === 'referred') && (
        <form onSubmit={(e) => (e.preventDefault(), void act(p.state === 'disagreed' ? 'refer' : 'outcome'))}>
          <Field id={`pn-${p.id}`} label={p.state === 'disagreed' ? '报请市政府决定（各方意见和理由）' : '市政府决定'} required error={step.fields.note ?? step.fields.outcome}>
            <textarea {...fieldProps(`pn-${p.id}`)} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          </Field>
          <FormError message={step.error} />
          <button type="submit" class="btn btn-primary" disabled={step.busy}>
            {p.state === 'disagreed' ? '报请市政府决定' : '记录市政府决定'}
          </button>
        </form>
      )}
    </li>
  );
}

function ProposalForm({ units, onDone, onCancel }: { units: UnitOption[]; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const keyFor = useSubmissionKey();
  const [kind, setKind] = useState('joint_document');
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [dueAt, setDueAt] = useState('');
  const [picked, setPicked] = useState<string[]>([]);
  const f = action.fields;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { kind, title, text, unitIds: picked, dueAt: fromLocalInput(dueAt) ?? dueAt };
    if (await action.run(() => post('/api/v1/proposals', body, keyFor(body)))) onDone();
  };
  return (
    <form class="card form-grid" onSubmit={submit} aria-label="征求意见">
      <Field id="p-kind" label="事项类型" required>
        <select id="p-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="joint_document">联合发文</option>
          <option value="campaign">联合行动/专项整治</option>
          <option value="publicity">以联席会议名义宣传</option>
          <option value="policy">重大政策措施</option>
        </select>
      </Field>
      <Field id="p-title" label="事项名称" required error={f.title}>
        <input {...fieldProps('p-title', f.title)} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id="p-due" label="答复时限" required error={f.dueAt}>
        <input type="datetime-local" {...fieldProps('p-due', f.dueAt)} value={dueAt} onInput={(e) => setDueAt(e.currentTarget.value)} />
      </Field>
      <Field id="p-text" label="事项内容" required wide error={f.text}>
        <textarea {...fieldProps('p-text', f.text)} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </Field>
      <fieldset class="field field-wide unit-picks">
        <legend>征求意见单位</legend>
        {units.map((u) => (
          <label key={u.id}>
            <input type="checkbox" checked={picked.includes(u.id)} onChange={() => setPicked((p) => (p.includes(u.id) ? p.filter((x) => x !== u.id) : [...p, u.id]))} /> {u.shortName}
          </label>
        ))}
        {f.unitIds && <p class="field-error">⚠ {f.unitIds}</p>}
      </fieldset>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="发出征求意见" onCancel={onCancel} />
    </form>
  );
}

export function ProposalsPanel({ units, mayRun, version }: { units: UnitOption[]; mayRun: boolean; version: number }) {
  const [list, setList] = useState<Proposal[]>([]);
  const [creating, setCreating] = useState(false);
  const load = () => void get<{ proposals: Proposal[] }>('/api/v1/proposals').then((r) => setList(r.proposals), () => {});
  useEffect(load, [version]);
  return (
    <section aria-labelledby="proposals-h">
      <h2 id="proposals-h">征求意见（重大问题和决策建议）</h2>
      {mayRun && !creating && (
        <button type="button" class="btn" onClick={() => setCreating(true)}>
          发起征求意见
        </button>
      )}
      {creating && <ProposalForm units={units} onCancel={() => setCreating(false)} onDone={() => (setCreating(false), load())} />}
      <ul class="proposals">
        {list.map((p) => (
          <ProposalItem key={p.id} p={p} mayRun={mayRun} onChange={load} />
        ))}
      </ul>
    </section>
  );
}

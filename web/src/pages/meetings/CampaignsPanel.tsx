/**
 * 联合执法 / 专项整治 (信阳 三(三)) on the office's page: open a campaign with its scope, period and a
 * task per participating unit; see each unit's task against its date (done on time / late / open /
 * overdue) with its last report, as units report from their phones.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { UnitOptions, type UnitOption } from '../../components/use-units.js';
import { Field, fieldProps, FormButtons, FormError, useAction } from '../../components/form.js';
import { get, post } from '../../lib/api.js';
import { useSubmissionKey } from '../../lib/submission-key.js';
import { formatDateTime, fromLocalInput } from '../../lib/time.js';
import { StandingUndelivered } from '../../components/DeliveryFailed.js';
import { CampaignCancelForm, CampaignChangeForm } from './CampaignChangeForm.js';

export interface Campaign {
  id: string;
  kind: 'joint_enforcement' | 'special_rectification';
  title: string;
  scope: string;
  startsOn: string;
  endsOn: string;
  leadUnitId: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
}
interface AccountRow {
  unitId: string;
  unitName: string;
  task: string;
  dueAt: string;
  doneAt: string | null;
  timeliness: 'on_time' | 'late' | 'open' | 'overdue';
  lastReport: string | null;
  lastAttachments: { id: string; fileName: string; url: string }[];
  state: string;
  escalationStep: number;
}
type Tally = Record<AccountRow['timeliness'], number>;
const KIND = { joint_enforcement: '联合执法', special_rectification: '专项整治' } as const;
const TIMELINESS: Record<AccountRow['timeliness'], string> = { on_time: '按时完成', late: '逾期完成', open: '进行中', overdue: '已逾期' };

/** The campaign a link names (`/meetings?campaign=<id>`, as a 督办 alert links it). */
const linkedCampaign = () => new URLSearchParams(location.search).get('campaign');

/** One campaign with its account; `mayRun` (the office, or the unit leading it) may adjust or end it. */
export function CampaignItem({ c, units, version, mayRun }: { c: Campaign; units: UnitOption[]; version: number; mayRun: boolean }) {
  const [detail, setDetail] = useState<{ account: AccountRow[]; tally: Tally } | null>(null);
  const [changing, setChanging] = useState<'change' | 'cancel' | null>(null);
  const [reload, setReload] = useState(0);
  const card = useRef<HTMLLIElement>(null);
  useEffect(() => void get<{ account: AccountRow[]; tally: Tally }>(`/api/v1/campaigns/${encodeURIComponent(c.id)}`).then(setDetail, () => {}), [c.id, version, reload]);
  // Opened from a 督办 alert's link: brought into view once.
  useEffect(() => {
    if (linkedCampaign() === c.id) card.current?.scrollIntoView({ block: 'start' });
  }, [c.id]);
  const lead = c.leadUnitId ? (units.find((u) => u.id === c.leadUnitId)?.shortName ?? c.leadUnitId) : '卫健委（联席会议办公室）';
  const done = () => (setChanging(null), setReload((n) => n + 1));
  const openTasks = (detail?.account ?? []).filter((r) => r.state === 'pending').map((r) => ({ unitId: r.unitId, unitName: r.unitName, task: r.task, dueAt: r.dueAt }));
  return (
    <li class={`card campaign${linkedCampaign() === c.id ? ' linked' : ''}`} data-campaign-id={c.id} ref={card}>
      <strong>
        {KIND[c.kind]}：{c.title}
      </strong>{' '}
      <span class="muted">
        （{c.startsOn} 至 {c.endsOn} · 牵头 {lead}）
      </span>
      <p>{c.scope}</p>
      {c.cancelledAt && (
        <p class="notice" role="status" data-cancelled>
          已于 {formatDateTime(c.cancelledAt)} 终止。原因：{c.cancelReason}
        </p>
      )}
      {mayRun && !c.cancelledAt && !changing && (
        <div class="row-actions">
          <button type="button" class="btn" onClick={() => setChanging('change')}>
            调整时限
          </button>
          <button type="button" class="btn btn-danger" onClick={() => setChanging('cancel')}>
            终止行动
          </button>
        </div>
      )}
      {changing === 'change' && <CampaignChangeForm campaignId={c.id} endsOn={c.endsOn} openTasks={openTasks} onCancel={() => setChanging(null)} onDone={done} />}
      {changing === 'cancel' && <CampaignCancelForm campaignId={c.id} onCancel={() => setChanging(null)} onDone={done} />}
      {detail && (
        <>
          <p class="muted" data-tally>
            按时完成 {detail.tally.on_time} · 逾期完成 {detail.tally.late} · 进行中 {detail.tally.open} · 已逾期 {detail.tally.overdue}
          </p>
          <table class="data-table" data-table="campaign-account">
            <thead>
              <tr><th>单位</th><th>任务</th><th>时限</th><th>状态</th><th>最近反馈</th></tr>
            </thead>
            <tbody>
              {detail.account.map((r) => (
                <tr key={r.unitId} data-unit={r.unitId} data-timeliness={r.timeliness}>
                  <td>{r.unitName}</td>
                  <td>{r.task}</td>
                  <td>{formatDateTime(r.dueAt)}</td>
                  <td>
                    {TIMELINESS[r.timeliness]}
                    {r.doneAt ? `（${formatDateTime(r.doneAt)}）` : ''}
                    {r.escalationStep > 0 && !r.doneAt ? ' · 已督办' : ''} <StandingUndelivered r={r} />
                  </td>
                  <td>
                    {r.lastReport ?? '—'}
                    {r.lastAttachments.map((a) => (
                      <>
                        {' '}
                        <a key={a.id} href={a.url} data-file={a.id}>
                          📎{a.fileName}
                        </a>
                      </>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </li>
  );
}

interface TaskDraft {
  unitId: string;
  task: string;
  dueAt: string;
}

/** Opening a campaign; a member unit opening one leads it itself (`fixedLead`), the office picks the lead or leads. */
export function CampaignForm({ units, fixedLead, onDone, onCancel }: { units: UnitOption[]; fixedLead?: UnitOption; onDone(): void; onCancel(): void }) {
  const action = useAction();
  const keyFor = useSubmissionKey();
  const [kind, setKind] = useState<Campaign['kind']>('special_rectification');
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [leadUnitId, setLead] = useState(fixedLead?.id ?? '');
  const [tasks, setTasks] = useState<TaskDraft[]>([{ unitId: fixedLead?.id ?? '', task: '', dueAt: '' }]);
  const f = action.fields;
  const edit = (i: number, change: Partial<TaskDraft>) => setTasks((list) => list.map((t, j) => (j === i ? { ...t, ...change } : t)));
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      kind,
      title,
      scope,
      startsOn,
      endsOn,
      ...(leadUnitId ? { leadUnitId } : {}),
      tasks: tasks.map((t) => ({ unitId: t.unitId, task: t.task, dueAt: fromLocalInput(t.dueAt) ?? t.dueAt })),
    };
    if (await action.run(() => post('/api/v1/campaigns', body, keyFor(body)))) onDone();
  };
  return (
    <form class="card form-grid" onSubmit={submit} aria-label="发起联合行动">
      <Field id="c-kind" label="行动类型" required>
        <select id="c-kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as Campaign['kind'])}>
          <option value="special_rectification">专项整治</option>
          <option value="joint_enforcement">联合执法</option>
        </select>
      </Field>
      <Field id="c-title" label="行动名称" required error={f.title}>
        <input {...fieldProps('c-title', f.title)} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
      </Field>
      <Field id="c-start" label="开始日期" required error={f.startsOn}>
        <input type="date" {...fieldProps('c-start', f.startsOn)} value={startsOn} onInput={(e) => setStartsOn(e.currentTarget.value)} />
      </Field>
      <Field id="c-end" label="结束日期" required error={f.endsOn}>
        <input type="date" {...fieldProps('c-end', f.endsOn)} value={endsOn} onInput={(e) => setEndsOn(e.currentTarget.value)} />
      </Field>
      <Field id="c-scope" label="行动范围（重点行业、领域）" required wide error={f.scope}>
        <textarea {...fieldProps('c-scope', f.scope)} rows={2} value={scope} onInput={(e) => setScope(e.currentTarget.value)} />
      </Field>
      {fixedLead ? (
        <p class="field" data-lead={fixedLead.id}>
          牵头单位：{fixedLead.name}（本单位发起）
        </p>
      ) : (
        <Field id="c-lead" label="牵头单位（不选则由卫健委牵头）" error={f.leadUnitId}>
          <select {...fieldProps('c-lead', f.leadUnitId)} value={leadUnitId} onChange={(e) => setLead(e.currentTarget.value)}>
            <option value="">卫健委（联席会议办公室）</option>
            <UnitOptions units={units} />
          </select>
        </Field>
      )}
      <fieldset class="field field-wide campaign-tasks">
        <legend>参与单位及任务</legend>
        {tasks.map((t, i) => (
          <div class="campaign-task" key={i} data-task-row={i}>
            <Field id={`ct-unit-${i}`} label="单位" required error={f[`tasks.${i}.unitId`]}>
              <select {...fieldProps(`ct-unit-${i}`, f[`tasks.${i}.unitId`])} value={t.unitId} onChange={(e) => edit(i, { unitId: e.currentTarget.value })}>
                <option value="">请选择</option>
                <UnitOptions units={units} />
              </select>
            </Field>
            <Field id={`ct-task-${i}`} label="任务" required error={f[`tasks.${i}.task`]}>
              <input {...fieldProps(`ct-task-${i}`, f[`tasks.${i}.task`])} value={t.task} onInput={(e) => edit(i, { task: e.currentTarget.value })} />
            </Field>
            <Field id={`ct-due-${i}`} label="完成时限" required error={f[`tasks.${i}.dueAt`]}>
              <input type="datetime-local" {...fieldProps(`ct-due-${i}`, f[`tasks.${i}.dueAt`])} value={t.dueAt} onInput={(e) => edit(i, { dueAt: e.currentTarget.value })} />
            </Field>
            {tasks.length > 1 && (
              <button type="button" class="btn" onClick={() => setTasks((list) => list.filter((_, j) => j !== i))}>
                删除
              </button>
            )}
          </div>
        ))}
        <button type="button" class="btn" onClick={() => setTasks((list) => [...list, { unitId: '', task: '', dueAt: '' }])}>
          增加参与单位
        </button>
        {f.tasks && <p class="field-error">⚠ {f.tasks}</p>}
      </fieldset>
      <FormError message={action.error} />
      <FormButtons busy={action.busy} submitLabel="发起行动" onCancel={onCancel} />
    </form>
  );
}

export function CampaignsPanel({ units, mayRun, version }: { units: UnitOption[]; mayRun: boolean; version: number }) {
  const [list, setList] = useState<Campaign[]>([]);
  const [creating, setCreating] = useState(false);
  const load = () => void get<{ campaigns: Campaign[] }>('/api/v1/campaigns').then((r) => setList(r.campaigns), () => {});
  useEffect(load, [version]);
  return (
    <section aria-labelledby="campaigns-h">
      <h2 id="campaigns-h">联合执法 / 专项整治</h2>
      {mayRun && !creating && (
        <button type="button" class="btn" onClick={() => setCreating(true)}>
          发起联合行动
        </button>
      )}
      {creating && <CampaignForm units={units} onCancel={() => setCreating(false)} onDone={() => (setCreating(false), load())} />}
      <ul class="campaigns">
        {list.length === 0 && <li class="muted">尚无联合行动</li>}
        {list.map((c) => (
          <CampaignItem key={c.id} c={c} units={units} version={version} mayRun={mayRun} />
        ))}
      </ul>
    </section>
  );
}

/**
 * One meeting as the office follows it: who replied (and who sends a deputy, why), the minutes
 * versions with each attending unit's consent, drafting and issuing, and every agreed item's
 * units against their dates.
 */
import { useState } from 'preact/hooks';
import type { UnitOption } from '../../components/use-units.js';
import { FormError, useAction } from '../../components/form.js';
import { post } from '../../lib/api.js';
import { formatDateTime } from '../../lib/time.js';
import type { MeetingDetail as Detail, StandingRequestView } from '../../../../src/contract/meetings.js';
import { MinutesForm } from './MinutesForm.js';
import { MeetingCancelForm, MeetingChangeForm } from './MeetingChangeForm.js';
import { uploadMeetingFile } from '../../lib/meeting-files.js';
import { StandingUndelivered } from '../../components/DeliveryFailed.js';

/** 会议材料 (shared with the invited units) and the units' report files, with an upload for the office. */
function Files({ meetingId, files, onChange }: { meetingId: string; files: Detail['files']; onChange(): void }) {
  const upload = useAction();
  const onPick = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    for (const f of [...(input.files ?? [])]) if (!(await upload.run(() => uploadMeetingFile(meetingId, f)))) break;
    input.value = '';
    onChange();
  };
  return (
    <div class="meeting-files">
      <h3>会议材料与反馈附件</h3>
      <ul>
        {files.map((f) => (
          <li key={f.id} data-file={f.id}>
            <a href={f.url}>{f.fileName}</a> <span class="muted">{f.material ? '会议材料' : `${f.uploadedByName ?? ''}反馈`}</span>
          </li>
        ))}
      </ul>
      <label class="btn" for={`material-${meetingId}`}>
        上传会议材料
      </label>
      <input id={`material-${meetingId}`} class="sr-only" type="file" multiple disabled={upload.busy} onChange={onPick} />
      <FormError message={upload.error} />
    </div>
  );
}

const STATE: Record<string, string> = { pending: '待回复', answered: '已回复', agreed: '同意', change_requested: '提出修改', done: '已办结', withdrawn: '已截止', superseded: '已被修订稿取代' };
const MINUTES_STATE: Record<string, string> = { consulting: '征求意见中', agreed: '已同意，待印发', issued: '已印发', superseded: '已修订' };
export const STAGE: Record<string, string> = { replies: '回执中', minutes: '纪要征求意见', agreed: '纪要待印发', issued: '纪要已印发', cancelled: '已取消' };

function Late({ r }: { r: StandingRequestView }) {
  return r.state === 'pending' && Date.parse(r.dueAt) < Date.now() ? <strong class="late">逾期{r.escalationStep > 0 ? '·已督办' : ''}</strong> : null;
}

function Replies({ requests }: { requests: StandingRequestView[] }) {
  return (
    <table class="data-table" data-table="replies">
      <caption>参会回执</caption>
      <thead>
        <tr><th>单位</th><th>状态</th><th>参会人员</th><th>委托理由</th><th>时限</th></tr>
      </thead>
      <tbody>
        {requests.map((r) => {
          const a = (r.answer ?? {}) as { attendance?: string; attendeeName?: string; reason?: string | null };
          return (
            <tr key={r.id} data-unit={r.unitId} data-state={r.state}>
              <td>{r.unitName}</td>
              <td>{STATE[r.state] ?? r.state} <Late r={r} /> <StandingUndelivered r={r} /></td>
              <td>{a.attendeeName ? `${a.attendeeName}${a.attendance === 'deputy' ? '（委托）' : ''}` : ''}</td>
              <td>{a.reason ?? ''}</td>
              <td>{formatDateTime(r.dueAt)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function MeetingDetail({ detail, units, mayRun, onChange }: { detail: Detail; units: UnitOption[]; mayRun: boolean; onChange(): void }) {
  const [drafting, setDrafting] = useState(false);
  // 改期 / 取消: only before the meeting is held (no minutes yet), by the office.
  const [changing, setChanging] = useState<'change' | 'cancel' | null>(null);
  const issue = useAction();
  const m = detail.meeting;
  const base = `/api/v1/meetings/${encodeURIComponent(m.id)}`;
  const replies = detail.requests.filter((r) => r.kind === 'meeting_reply');
  const current = detail.minutes.filter((x) => x.state !== 'superseded').at(-1);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;
  return (
    <section class="meeting-detail" aria-labelledby="meeting-h" data-meeting-id={m.id} data-stage={m.stage}>
      <h2 id="meeting-h">
        {m.kind === 'plenary' ? '全体会议' : '专题会议'}：{m.topic} <span class="muted">（{STAGE[m.stage]}）</span>
      </h2>
      <p class="muted">
        {formatDateTime(m.startsAt)} · {m.place} · 回执截止 {formatDateTime(m.replyDueAt)}
      </p>
      {m.stage === 'cancelled' && (
        <p class="notice" role="status" data-cancelled>
          会议已于 {formatDateTime(m.cancelledAt)} 取消。原因：{m.cancelReason}
        </p>
      )}
      {mayRun && m.stage === 'replies' && !changing && (
        <div class="row-actions">
          <button type="button" class="btn" onClick={() => setChanging('change')}>
            改期 / 变更地点
          </button>
          <button type="button" class="btn btn-danger" onClick={() => setChanging('cancel')}>
            取消会议
          </button>
        </div>
      )}
      {changing === 'change' && <MeetingChangeForm meeting={m} onCancel={() => setChanging(null)} onDone={() => (setChanging(null), onChange())} />}
      {changing === 'cancel' && <MeetingCancelForm meeting={m} onCancel={() => setChanging(null)} onDone={() => (setChanging(null), onChange())} />}
      <ol class="agenda">{m.agenda.map((a) => <li>{a}</li>)}</ol>
      <Files meetingId={m.id} files={detail.files} onChange={onChange} />
      <Replies requests={replies} />
      <h3>会议纪要</h3>
      {detail.minutes.map((v) => (
        <div class="minutes-version" key={v.id} data-version={v.version} data-state={v.state}>
          <p>
            第{v.version}版 · {MINUTES_STATE[v.state]} · 起草于 {formatDateTime(v.draftedAt)}
            {v.revisionNote ? ` · 修订说明：${v.revisionNote}` : ''}
            {v.copiedTo ? ` · 抄报${v.copiedTo}` : ''}
          </p>
          <ul class="consents">
            {detail.requests
              .filter((r) => r.kind === 'minutes_consent' && r.subjectId === v.id)
              .map((r) => (
                <li key={r.id} data-unit={r.unitId} data-state={r.state}>
                  {r.unitName}：{STATE[r.state]} {(r.answer as { reason?: string } | null)?.reason ? `——${(r.answer as { reason: string }).reason}` : ''} <Late r={r} /> <StandingUndelivered r={r} />
                </li>
              ))}
          </ul>
        </div>
      ))}
      <div class="row-actions">
        {m.stage !== 'cancelled' && (!current || current.state === 'consulting') && !drafting && (
          <button type="button" class="btn btn-primary" onClick={() => setDrafting(true)}>
            {current ? '修订纪要' : '起草纪要'}
          </button>
        )}
        {current?.state === 'agreed' && (
          <button type="button" class="btn btn-primary" disabled={issue.busy} onClick={async () => (await issue.run(() => post(`${base}/minutes/issue`, {}))) && onChange()}>
            印发纪要（抄报市政府办公室）
          </button>
        )}
        {current && (
          <>
            <a class="btn" href={`${base}/minutes/print`} target="_blank" rel="noopener">
              打印纪要
            </a>
            <a class="btn" href={`${base}/minutes/print?format=docx`} download>
              下载纪要（Word）
            </a>
          </>
        )}
      </div>
      <FormError message={issue.error} />
      {drafting && <MinutesForm meetingId={m.id} units={units} previous={current} onCancel={() => setDrafting(false)} onDone={() => (setDrafting(false), onChange())} />}
      {detail.items.length > 0 && (
        <table class="data-table" data-table="items">
          <caption>议定事项落实情况</caption>
          <thead>
            <tr><th>事项</th><th>单位</th><th>状态</th><th>最近反馈</th><th>时限</th></tr>
          </thead>
          <tbody>
            {detail.items.flatMap((i) =>
              detail.requests
                .filter((r) => r.kind === 'agreed_item' && r.subjectId === i.id)
                .map((r) => (
                  <tr key={r.id} data-item={i.id} data-unit={r.unitId} data-state={r.state}>
                    <td>{i.number}. {i.title}</td>
                    <td>{unitName(r.unitId)}（{r.role === 'lead' ? '牵头' : '配合'}）</td>
                    <td>{r.state === 'done' ? '已办结' : '办理中'} <Late r={r} /> <StandingUndelivered r={r} /></td>
                    <td>{(r.answer as { note?: string } | null)?.note ?? ''}</td>
                    <td>{formatDateTime(r.dueAt)}</td>
                  </tr>
                )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}

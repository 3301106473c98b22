/**
 * 联席会议待办 on the phone: what the joint meeting waits for from this unit — a meeting reply
 * (who attends; a deputy with the reason), minutes to agree to or ask a change of, an agreed
 * item to report on — soonest deadline first, each acted on where it stands. The server checks
 * every field; what it says about one is shown under it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../lib/api.js';
import { useSubmissionKey } from '../lib/submission-key.js';
import { formatShort } from '../lib/time.js';
import type { StandingRequestView } from '../../../src/contract/meetings.js';
import { uploadCampaignFile, uploadMeetingFile } from '../lib/meeting-files.js';

export type StandingItem = StandingRequestView & { meetingTopic: string | null; meetingStartsAt: string | null; meetingPlace: string | null };

export async function loadStanding(): Promise<StandingItem[]> {
  return (await get<{ requests: StandingItem[] }>('/api/v1/standing-requests')).requests;
}

/** Events after which the list is read again (a new request, an answer, a withdrawal, chasing). */
export const STANDING_EVENT = /^(standing|meeting|minutes|proposal|campaign)\./;

const KIND: Record<string, string> = { meeting_reply: '会议回执', minutes_consent: '纪要会签', agreed_item: '议定事项', proposal_consent: '征求意见', annual_submission: '年度报送', campaign_task: '联合行动' };

function Due({ dueAt, now }: { dueAt: string; now: number }) {
  const late = Date.parse(dueAt) < now;
  return <span class={late ? 'due late' : 'due'}>{late ? `已逾期（时限 ${formatShort(dueAt)}）` : `时限 ${formatShort(dueAt)}`}</span>;
}

/** The request a link names: `/m?standing=<id>` (an SMS, a push or a group robot message). */
export function linkedStandingId(search: string): string | null {
  const id = new URLSearchParams(search).get('standing');
  return id && /^[\w-]{1,64}$/.test(id) ? id : null;
}

export function StandingList({ items, loaded, linkedId, now, onDone }: { items: StandingItem[]; loaded: boolean; linkedId: string | null; now: number; onDone(): void }) {
  // A link to a request already answered or withdrawn says so, instead of showing nothing.
  const linkedGone = loaded && linkedId !== null && !items.some((i) => i.id === linkedId);
  if (items.length === 0 && !linkedGone) return null;
  const sorted = [...items].sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    <section class="standing" aria-labelledby="standing-h">
      <h2 id="standing-h">联席会议待办 {items.length} 件</h2>
      {linkedGone && (
        <p class="notice" role="status">
          链接中的事项已办理、已撤回或已取消，无需再办理。
        </p>
      )}
      {sorted.map((item) => (
        <StandingCard key={item.id} item={item} linked={item.id === linkedId} now={now} onDone={onDone} />
      ))}
    </section>
  );
}

function StandingCard({ item, linked, now, onDone }: { item: StandingItem; linked: boolean; now: number; onDone(): void }) {
  const card = useRef<HTMLElement>(null);
  // Opened from a message: the card is brought into view and focused, once.
  useEffect(() => {
    if (!linked || !card.current) return;
    card.current.scrollIntoView({ block: 'center' });
    card.current.focus({ preventScroll: true });
  }, [linked]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const keyFor = useSubmissionKey();
  const send = async (path: string, body: unknown) => {
    if (busy) return;
    setBusy(true);
    setErrors({});
    setError('');
    try {
      await post(path, body, keyFor({ path, body }));
      onDone();
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {};
      if (Object.keys(fields).length) setErrors(fields);
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const base = `/api/v1/meetings/${encodeURIComponent(item.meetingId ?? '')}`;
  return (
    <article
      ref={card}
      tabIndex={linked ? -1 : undefined}
      class={`card standing-card ${item.kind}${linked ? ' linked' : ''}`}
      data-standing-id={item.id}
      data-kind={item.kind}
      aria-labelledby={`s-${item.id}`}
    >
      <header>
        <span class="kind">{KIND[item.kind] ?? '待办'}</span>
        <h3 id={`s-${item.id}`}>{item.title}</h3>
      </header>
      {item.meetingStartsAt && (
        <p class="meta">
          会议时间 {formatShort(item.meetingStartsAt)} · {item.meetingPlace}
        </p>
      )}
      <Due dueAt={item.dueAt} now={now} />
      {item.escalationStep > 0 && <p class="escalated">⚠ 已逾期督办</p>}
      {item.kind === 'meeting_reply' && <ReplyForm busy={busy} errors={errors} onSubmit={(body) => void send(`${base}/reply`, body)} />}
      {item.kind === 'minutes_consent' && (
        <ConsentForm busy={busy} errors={errors} printUrl={`${base}/minutes/print`} onSubmit={(body) => void send(`${base}/minutes/consent`, body)} />
      )}
      {item.kind === 'proposal_consent' && <ProposalForm busy={busy} errors={errors} proposalId={item.subjectId} onSubmit={(body) => void send(`/api/v1/proposals/${encodeURIComponent(item.subjectId)}/consent`, body)} />}
      {/* 年度报送 is filed on the 简报与报送 view (the App opens it on #info). */}
      {item.kind === 'annual_submission' && (
        <p>
          <a href="#info">填写年度报送</a>
        </p>
      )}
      {item.kind === 'campaign_task' && (
        <ReportForm busy={busy} errors={errors} kind="campaign_task" upload={(f) => uploadCampaignFile(item.subjectId, f)} onSubmit={(body) => void send(`/api/v1/campaigns/${encodeURIComponent(item.subjectId)}/report`, body)} />
      )}
      {item.kind === 'agreed_item' && (
        <ReportForm busy={busy} errors={errors} kind="agreed_item" upload={(f) => uploadMeetingFile(item.meetingId ?? '', f)} onSubmit={(body) => void send(`${base}/items/${encodeURIComponent(item.subjectId)}/report`, body)} />
      )}
      {error && (
        <p class="message" role="alert">
          {error}
        </p>
      )}
    </article>
  );
}

type FormProps<T> = { busy: boolean; errors: Record<string, string>; onSubmit(body: T): void };

function FieldError({ text, id }: { text?: string; id: string }) {
  return text ? (
    <span class="field-error" id={id} role="alert">
      {text}
    </span>
  ) : null;
}

function ReplyForm({ busy, errors, onSubmit }: FormProps<{ attendance: string; attendeeName: string; reason?: string }>) {
  const [attendance, setAttendance] = useState<'member' | 'deputy'>('member');
  const [name, setName] = useState('');
  const [reason, setReason] = useState('');
  return (
    <form class="actions" onSubmit={(e) => (e.preventDefault(), onSubmit({ attendance, attendeeName: name, ...(attendance === 'deputy' ? { reason } : {}) }))}>
      <fieldset class="choice">
        <legend>谁参会</legend>
        <label>
          <input type="radio" name="attendance" checked={attendance === 'member'} onChange={() => setAttendance('member')} /> 成员本人参会
        </label>
        <label>
          <input type="radio" name="attendance" checked={attendance === 'deputy'} onChange={() => setAttendance('deputy')} /> 委托他人参会
        </label>
      </fieldset>
      <label>
        参会人员姓名
        <input value={name} onInput={(e) => setName(e.currentTarget.value)} aria-describedby="err-attendeeName" />
      </label>
      <FieldError id="err-attendeeName" text={errors.attendeeName} />
      {attendance === 'deputy' && (
        <>
          <label>
            委托理由
            <textarea value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby="err-reason" />
          </label>
          <FieldError id="err-reason" text={errors.reason} />
        </>
      )}
      <button type="submit" class="ack" disabled={busy}>
        提交回执
      </button>
    </form>
  );
}

function ConsentForm({ busy, errors, printUrl, onSubmit }: FormProps<{ decision: string; reason?: string }> & { printUrl: string }) {
  const [changing, setChanging] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <div class="actions">
      <a class="button-link" href={printUrl} target="_blank" rel="noopener">
        阅读纪要全文
      </a>
      {!changing ? (
        <>
          <button type="button" class="ack" disabled={busy} onClick={() => onSubmit({ decision: 'agree' })}>
            同意纪要
          </button>
          <button type="button" class="decline" onClick={() => setChanging(true)}>
            提出修改意见
          </button>
        </>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), onSubmit({ decision: 'request_change', reason }))}>
          <label>
            修改意见
            <textarea value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby="err-consent-reason" />
          </label>
          <FieldError id="err-consent-reason" text={errors.reason} />
          <button type="submit" class="decline" disabled={busy}>
            提交修改意见
          </button>
        </form>
      )}
    </div>
  );
}

/** Files go up first (the server keeps them for this unit and the office); the report names them. */
function ReportFiles({ upload, files, onFiles }: { upload(f: File): Promise<{ id: string; fileName: string }>; files: { id: string; fileName: string }[]; onFiles(list: { id: string; fileName: string }[]): void }) {
  const [uploadError, setUploadError] = useState('');
  const pick = async (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    setUploadError('');
    let list = files;
    for (const f of [...(input.files ?? [])]) {
      try {
        const a = await upload(f);
        list = [...list, { id: a.id, fileName: a.fileName }];
        onFiles(list);
      } catch (err) {
        setUploadError(describeError(err));
      }
    }
    input.value = '';
  };
  return (
    <>
      <label>
        附件（照片、PDF、Word）
        <input type="file" multiple onChange={pick} />
      </label>
      {files.length > 0 && <ul class="files">{files.map((f) => <li key={f.id}>{f.fileName}</li>)}</ul>}
      {uploadError && <span class="field-error" role="alert">{uploadError}</span>}
    </>
  );
}

/** What a report form says, per kind: an agreed item's part, or a campaign task. */
const REPORT_WORDS = {
  agreed_item: { note: '落实情况', noteError: 'err-note', done: '本单位承担部分已办结', send: ['报告办结', '反馈进展'] },
  campaign_task: { note: '任务进展', noteError: 'err-campaign-note', done: '本单位任务已完成', send: ['报告完成', '反馈进展'] },
} as const;

/** 进展 / 办结 of an agreed item or a campaign task, with files uploaded first and named in the report. */
function ReportForm({ busy, errors, kind, upload, onSubmit }: FormProps<{ note: string; done: boolean; attachmentIds: string[] }> & { kind: keyof typeof REPORT_WORDS; upload(f: File): Promise<{ id: string; fileName: string }> }) {
  const words = REPORT_WORDS[kind];
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const [files, setFiles] = useState<{ id: string; fileName: string }[]>([]);
  return (
    <form class="actions" onSubmit={(e) => (e.preventDefault(), onSubmit({ note, done, attachmentIds: files.map((f) => f.id) }))}>
      <label>
        {words.note}
        <textarea value={note} onInput={(e) => setNote(e.currentTarget.value)} aria-describedby={words.noteError} />
      </label>
      <FieldError id={words.noteError} text={errors.note} />
      <ReportFiles upload={upload} files={files} onFiles={setFiles} />
      <label class="check">
        <input type="checkbox" checked={done} onChange={(e) => setDone(e.currentTarget.checked)} /> {words.done}
      </label>
      <button type="submit" class="ack" disabled={busy}>
        {done ? words.send[0] : words.send[1]}
      </button>
    </form>
  );
}

/** 征求意见: the proposal's text (read on demand), then 同意 or 不同意 with the reason. */
function ProposalForm({ busy, errors, proposalId, onSubmit }: FormProps<{ decision: string; reason?: string }> & { proposalId: string }) {
  const [text, setText] = useState<string | null>(null);
  const [objecting, setObjecting] = useState(false);
  const [reason, setReason] = useState('');
  const read = () => {
    if (text === null) get<{ proposal: { text: string } }>(`/api/v1/proposals/${encodeURIComponent(proposalId)}`).then((p) => setText(p.proposal.text), (e) => setText(describeError(e)));
  };
  return (
    <div class="actions">
      <details onToggle={read}>
        <summary>阅读事项全文</summary>
        <p class="proposal-text">{text ?? '正在加载…'}</p>
      </details>
      {!objecting ? (
        <>
          <button type="button" class="ack" disabled={busy} onClick={() => onSubmit({ decision: 'agree' })}>
            同意
          </button>
          <button type="button" class="decline" onClick={() => setObjecting(true)}>
            不同意
          </button>
        </>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), onSubmit({ decision: 'object', reason }))}>
          <label>
            不同意的理由
            <textarea value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby="err-proposal-reason" />
          </label>
          <FieldError id="err-proposal-reason" text={errors.reason} />
          <button type="submit" class="decline" disabled={busy}>
            提交意见
          </button>
        </form>
      )}
    </div>
  );
}

/** One notification in the liaison's inbox: the incident, why this unit, the deadline, 签收 and 退回. */
import { useState } from 'preact/hooks';
import { formatTime } from '../lib/time.js';
import { DrillMark } from '../components/DrillMark.js';

export interface Item {
  id: string;
  incidentId: string;
  unitName: string;
  role: 'lead' | 'support' | 'inform';
  basis: string;
  state: string;
  ackDueAt: string;
  acknowledgedAt: string | null;
  acknowledgedByName?: string | null;
  acknowledgedVia?: string | null;
  declineReason: string | null;
  escalated?: string;
  incident: {
    ref: string;
    title: string;
    /** 演练: the card says 【演练】. */
    drill?: boolean;
    severity: 'general' | 'major' | 'extraordinary';
    occurredAt: string;
    place: { address: string; township?: string };
    hazard: { category: string; agent?: string };
    casualties: { exposed: number; acuteCases: number; severeCases: number; deaths: number; anthraxCases: number };
    narrative: string;
    measuresTaken: string | null;
  };
}

const SEVERITY = { general: '一般', major: '重大', extraordinary: '特大' } as const;
const ROLE = { lead: '牵头', support: '配合', inform: '知悉' } as const;

function Deadline({ due, now }: { due: string; now: number }) {
  const left = Date.parse(due) - now;
  const minutes = Math.ceil(Math.abs(left) / 60_000);
  if (left < 0) return <span class="due late">已超时 {minutes} 分（时限 {formatTime(due)}）</span>;
  return <span class={left < 5 * 60_000 ? 'due soon' : 'due'}>签收时限 {formatTime(due)}（剩 {minutes} 分）</span>;
}

export function InboxCard({ item, now, pending, onAck, onDecline }: { item: Item; now: number; pending: boolean; onAck(note: string): void; onDecline(reason: string): void }) {
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const i = item.incident;
  return (
    <article class={`card ${item.state}${i.drill ? ' drill' : ''}`} aria-labelledby={`t-${item.id}`}>
      <header>
        <span class={`sev ${i.severity}`}>{SEVERITY[i.severity]}</span>
        <h2 id={`t-${item.id}`}>
          <DrillMark drill={i.drill} />
          {i.title}
        </h2>
      </header>
      <p class="meta">
        <span data-literal>{i.ref}</span> · {i.place.address}
        {i.place.township ? `（${i.place.township}）` : ''}
      </p>
      <p class="facts">
        急性病例 <b>{i.casualties.acuteCases}</b> · 重症 <b>{i.casualties.severeCases}</b> · 死亡 <b>{i.casualties.deaths}</b>
        {i.hazard.agent ? ` · ${i.hazard.agent}` : ''}
      </p>
      <details>
        <summary>事故经过与已采取措施</summary>
        <p>{i.narrative}</p>
        {i.measuresTaken && <p>措施：{i.measuresTaken}</p>}
      </details>
      <p class="why">
        本单位为<b>{ROLE[item.role]}</b>单位。依据：
      </p>
      <blockquote>{item.basis}</blockquote>
      {item.escalated && item.state === 'pending' && <p class="escalated" role="status">⚠ {item.escalated}</p>}
      {item.state === 'pending' && !pending && <Deadline due={item.ackDueAt} now={now} />}
      {item.state === 'pending' && pending && <p class="queued" role="status">已签收，网络恢复后自动发送（离线暂存）</p>}
      {item.state === 'pending' && !pending && !declining && (
        <div class="actions">
          <label for={`note-${item.id}`}>备注（可选）</label>
          <input id={`note-${item.id}`} value={note} maxLength={500} placeholder="如：已派员赶赴现场" onInput={(e) => setNote(e.currentTarget.value)} />
          <button class="ack" type="button" onClick={() => onAck(note.trim())}>
            签收
          </button>
          <button class="decline" type="button" onClick={() => setDeclining(true)}>
            退回…
          </button>
        </div>
      )}
      {item.state === 'pending' && declining && (
        <form
          class="actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (reason.trim().length >= 2) onDecline(reason.trim());
          }}
        >
          <label for={`reason-${item.id}`}>退回理由（必填）</label>
          <textarea id={`reason-${item.id}`} required minLength={2} maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button class="decline" type="submit" disabled={reason.trim().length < 2}>
            确认退回
          </button>
          <button type="button" onClick={() => setDeclining(false)}>
            取消
          </button>
        </form>
      )}
      {item.state === 'acknowledged' && (
        <p class="done" role="status">
          ✓ 已签收 · {item.acknowledgedByName ?? ''} · {formatTime(item.acknowledgedAt)}
        </p>
      )}
      {item.state === 'declined' && <p class="declined-note">已退回：{item.declineReason}</p>}
    </article>
  );
}

/**
 * One notification in the liaison's inbox. What to do comes first — the incident in one line, the
 * unit's role, the deadline and the 签收 button, visible without scrolling on a small phone — and
 * the details (why this unit, the narrative) fold below it. A closed incident asks for nothing.
 */
import type { DisplayedFacts } from '../../../src/contract/fact-lines.js';
import { FactLines } from '../components/FactLines.js';
import { useState } from 'preact/hooks';
import { formatTime } from '../lib/time.js';
import { DrillMark } from '../components/DrillMark.js';
import { DeclineForm } from './DeclineForm.js';
import { DeclineOutcome } from './DeclineOutcome.js';
import { RevisionNote } from './RevisionNote.js';
import { PersonTel, TelLink, UnitHeadPhones } from './TelLink.js';

type Severity = 'general' | 'major' | 'extraordinary';
type Role = 'lead' | 'support' | 'inform';
type Casualties = { exposed: number; acuteCases: number; severeCases: number; deaths: number; anthraxCases: number };

export interface Item {
  id: string;
  incidentId: string;
  reportVersion?: number;
  unitName: string;
  role: Role;
  basis: string;
  state: string;
  ackDueAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy?: string | null;
  acknowledgedByName?: string | null;
  acknowledgedVia?: string | null;
  declineReason: string | null;
  declineResolution?: 'reassigned' | 'confirmed' | null;
  declineResolutionReason?: string | null;
  declineResolvedAt?: string | null;
  declineResolvedByName?: string | null;
  escalated?: string;
  revision?: { kind: 'initial' | 'follow_up' | 'final'; version: number; previous: { version: number; severity: Severity; casualties: Casualties; role: Role | null } | null };
  incident: {
    ref: string;
    title: string;
    /** 演练: the card says 【演练】. */
    drill?: boolean;
    status?: 'open' | 'closed';
    version?: number;
    severity: Severity;
    occurredAt: string;
    place: { address: string; township?: string; otherTownships?: string[] };
    hazard: { category: string; agent?: string };
    casualties: Casualties;
    /** The facts that decide a unit's part; absent from inboxes cached before they were sent. */
    employer?: DisplayedFacts['employer'];
    settings?: string[];
    flags?: string[];
    radiation?: DisplayedFacts['radiation'];
    narrative: string;
    measuresTaken: string | null;
    reporter?: { name: string; phone: string };
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

/** Whether the card still asks the unit to act. */
export const awaitsAction = (item: Item) => item.state === 'pending' && item.incident.status !== 'closed';

export function InboxCard({ item, now, pending, onAck, onDecline }: { item: Item; now: number; pending: boolean; onAck(note: string): void; onDecline(reason: string): void }) {
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const i = item.incident;
  const closed = i.status === 'closed';
  const open = awaitsAction(item);
  return (
    <article class={`card ${closed ? 'closed' : item.state}${i.drill ? ' drill' : ''}`} aria-labelledby={`t-${item.id}`} data-notification-id={item.id}>
      <header>
        <span class={`sev ${i.severity}`}>{SEVERITY[i.severity]}</span>
        <h2 id={`t-${item.id}`}>
          <DrillMark drill={i.drill} />
          {i.title}
        </h2>
      </header>
      <RevisionNote item={item} />
      <p class="meta">
        <span data-literal>{i.ref}</span> · {i.place.address}
        {i.place.township ? `（${i.place.township}）` : ''}
      </p>
      <p class="facts">
        急性病例 <b>{i.casualties.acuteCases}</b> · 重症 <b>{i.casualties.severeCases}</b> · 死亡 <b>{i.casualties.deaths}</b>
        {i.hazard.agent ? ` · ${i.hazard.agent}` : ''}
      </p>
      <p class="why">
        本单位为<b>{ROLE[item.role]}</b>单位
      </p>
      {closed && (
        <p class="closed-note" role="status">
          已结案 · 无需签收或退回
        </p>
      )}
      {item.escalated && open && <p class="escalated" role="status">⚠ {item.escalated}</p>}
      {open && !pending && <Deadline due={item.ackDueAt} now={now} />}
      {open && (item.escalated || Date.parse(item.ackDueAt) < now) && <UnitHeadPhones />}
      {open && pending && <p class="queued" role="status">已签收，网络恢复后自动发送（离线暂存）</p>}
      {open && !pending && !declining && (
        <div class="actions">
          <button class="ack" type="button" onClick={() => onAck(note.trim())}>
            签收
          </button>
          <label for={`note-${item.id}`}>备注（可选）</label>
          <input id={`note-${item.id}`} value={note} maxLength={500} placeholder="如：已派员赶赴现场" onInput={(e) => setNote(e.currentTarget.value)} />
          <button class="decline" type="button" onClick={() => setDeclining(true)}>
            退回…
          </button>
        </div>
      )}
      {open && !pending && declining && <DeclineForm id={item.id} onDecline={onDecline} onCancel={() => setDeclining(false)} />}
      {item.state === 'acknowledged' && (
        <p class="done" role="status">
          ✓ 已签收 · {item.acknowledgedByName ?? ''} <PersonTel userId={item.acknowledgedBy} label={item.acknowledgedByName ?? '签收人'} /> · {formatTime(item.acknowledgedAt)}
        </p>
      )}
      {item.state === 'declined' && <DeclineOutcome item={item} />}
      <dl class="fact-lines" aria-label="事故要素">
        <FactLines facts={i} skip={['casualties', 'hazard']} />
      </dl>
      <details>
        <summary>签收依据</summary>
        <blockquote>{item.basis}</blockquote>
      </details>
      <details>
        <summary>事故经过与已采取措施</summary>
        <p>{i.narrative}</p>
        {i.measuresTaken && <p>措施：{i.measuresTaken}</p>}
        {i.reporter && (
          <p>
            报告人：{i.reporter.name} <TelLink phone={i.reporter.phone} label="报告人" />
          </p>
        )}
      </details>
    </article>
  );
}

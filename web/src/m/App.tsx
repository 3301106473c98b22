/** 联络员手机页: the unit's inbox, one-tap 签收, 退回 with a reason, live and offline-safe. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, describeError, get, post } from '../lib/api.js';
import { EventStream, type EventEnvelope, type LinkStatus } from '../lib/realtime.js';
import { formatTime } from '../lib/time.js';
import { enqueue, flush, queued } from './outbox.js';
import { enablePush, pushSupported } from './push.js';
import { Channels } from './Channels.js';

export interface Me {
  displayName: string;
  role: string;
  unitId: string | null;
}

interface Item {
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
    severity: 'general' | 'major' | 'extraordinary';
    occurredAt: string;
    place: { address: string; township?: string };
    hazard: { category: string; agent?: string };
    casualties: { exposed: number; acuteCases: number; severeCases: number; deaths: number; anthraxCases: number };
    narrative: string;
    measuresTaken: string | null;
  };
}

const INBOX_KEY = 'lianfang.m.inbox';
const SEVERITY = { general: '一般', major: '重大', extraordinary: '特大' } as const;
const ROLE = { lead: '牵头', support: '配合', inform: '知悉' } as const;

function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

function Deadline({ due, now }: { due: string; now: number }) {
  const left = Date.parse(due) - now;
  const minutes = Math.ceil(Math.abs(left) / 60_000);
  if (left < 0) return <span class="due late">已超时 {minutes} 分（时限 {formatTime(due)}）</span>;
  return <span class={left < 5 * 60_000 ? 'due soon' : 'due'}>签收时限 {formatTime(due)}（剩 {minutes} 分）</span>;
}

function Card({ item, now, pending, onAck, onDecline }: { item: Item; now: number; pending: boolean; onAck(note: string): void; onDecline(reason: string): void }) {
  const [note, setNote] = useState('');
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const i = item.incident;
  return (
    <article class={`card ${item.state}`} aria-labelledby={`t-${item.id}`}>
      <header>
        <span class={`sev ${i.severity}`}>{SEVERITY[i.severity]}</span>
        <h2 id={`t-${item.id}`}>{i.title}</h2>
      </header>
      <p class="meta">
        {i.ref} · {i.place.address}
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

export function App({ me }: { me: Me }) {
  const [items, setItems] = useState<Item[]>([]);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [message, setMessage] = useState<string>('');
  const [outbox, setOutbox] = useState(() => queued().map((a) => a.notificationId));
  const [pushState, setPushState] = useState<'off' | 'on' | 'unsupported'>(pushSupported() ? 'off' : 'unsupported');
  const [showChannels, setShowChannels] = useState(false);
  const now = useNow();

  const apply = (events: EventEnvelope[]) =>
    setItems((current) => {
      let next = current;
      for (const e of events) {
        const d = e.data as any;
        if (e.type === 'notification.created') next = [{ ...d.notification, incident: d.incident }, ...next.filter((x) => x.id !== d.notification.id)];
        else if (d.notification?.id) next = next.map((x) => (x.id === d.notification.id ? { ...x, ...d.notification, incident: x.incident } : x));
        else if (e.type === 'notification.superseded' || e.type === 'notification.withdrawn')
          next = next.filter((x) => x.id !== d.notificationId);
        else if (e.type === 'notification.escalated') next = next.map((x) => (x.id === d.notificationId ? { ...x, escalated: d.text } : x));
      }
      return next;
    });

  // The last inbox seen, for opening the page offline.
  useEffect(() => {
    if (items.length) localStorage.setItem(INBOX_KEY, JSON.stringify({ notifications: items.slice(0, 50), lastSeq: 0 }));
  }, [items]);

  const syncOutbox = () => setOutbox(queued().map((a) => a.notificationId));

  const sendQueued = () =>
    flush((action, error) => {
      if (error) setMessage(`${action.kind === 'acknowledge' ? '签收' : '退回'}未成功：${describeError(error)}`);
    }).finally(syncOutbox);

  useEffect(() => {
    let stream: EventStream | undefined;
    (async () => {
      let inbox: { notifications: Item[]; lastSeq: number };
      try {
        inbox = await get<{ notifications: Item[]; lastSeq: number }>('/api/v1/inbox');
      } catch (err) {
        // Offline: show the inbox as it was last seen; the stream catches up when the network returns.
        const cached = localStorage.getItem(INBOX_KEY);
        if (!cached) throw err;
        inbox = JSON.parse(cached);
        setMessage('离线：显示上次同步的内容，签收会暂存并在联网后发送 (offline)');
      }
      setItems(inbox.notifications);
      stream = new EventStream({
        afterSeq: inbox.lastSeq,
        onEvents: apply,
        onStatus: (s) => {
          setStatus(s);
          if (s === 'online') void sendQueued();
        },
        onUnauthorized: () => location.replace('/login?next=/m'),
      });
      stream.start();
    })().catch((err) => setMessage(describeError(err)));
    const online = () => void sendQueued();
    window.addEventListener('online', online);
    if ('serviceWorker' in navigator)
      navigator.serviceWorker.ready.then(async (r) => setPushState((await r.pushManager?.getSubscription()) ? 'on' : pushSupported() ? 'off' : 'unsupported')).catch(() => {});
    return () => {
      stream?.stop();
      window.removeEventListener('online', online);
    };
  }, []);

  const act = async (item: Item, action: { kind: 'acknowledge'; note: string } | { kind: 'decline'; reason: string }) => {
    const queuedAction = { kind: action.kind, notificationId: item.id, queuedAt: new Date().toISOString(), ...(action.kind === 'acknowledge' ? { note: action.note || undefined } : { reason: action.reason }) };
    // Kept first, sent second: a dropped connection mid-request loses nothing.
    enqueue(queuedAction);
    syncOutbox();
    setMessage('');
    try {
      const path = `/api/v1/notifications/${encodeURIComponent(item.id)}/${action.kind}`;
      const result = await post<{ notification: Partial<Item> }>(path, action.kind === 'acknowledge' ? (action.note ? { note: action.note } : {}) : { reason: action.reason });
      setItems((list) => list.map((x) => (x.id === item.id ? { ...x, ...result.notification, incident: x.incident } : x)));
      await flush();
    } catch (err) {
      if (err instanceof ApiError && !err.retryable) {
        await flush();
        setMessage(describeError(err));
      } else setMessage('网络不可用：已暂存，恢复后自动发送 (saved offline)');
    } finally {
      syncOutbox();
    }
  };

  const markRead = (item: Item) => {
    if (item.state === 'pending') void post(`/api/v1/notifications/${encodeURIComponent(item.id)}/read`).catch(() => {});
  };
  useEffect(() => items.filter((i) => i.state === 'pending').forEach(markRead), [items.length]);

  const pendingCount = useMemo(() => items.filter((i) => i.state === 'pending').length, [items]);

  return (
    <div class="m">
      <header class="bar">
        <div>
          <strong>联防 · {me.displayName}</strong>
          <span class={`link ${status}`} role="status" aria-live="polite">
            {status === 'online' ? '● 在线' : status === 'offline' ? '○ 离线，重连中…' : '◌ 同步中…'}
          </span>
        </div>
        <div class="tools">
          {pushState === 'off' && (
            <button type="button" onClick={() => enablePush().then(() => setPushState('on'), (e) => setMessage(describeError(e)))}>
              开启推送
            </button>
          )}
          {pushState === 'on' && <span class="pushon">推送已开启</span>}
          <button type="button" aria-expanded={showChannels} onClick={() => setShowChannels(!showChannels)}>
            渠道
          </button>
          <button
            type="button"
            onClick={async () => {
              await post('/api/v1/auth/logout').catch(() => {});
              location.replace('/login?next=/m');
            }}
          >
            退出
          </button>
        </div>
      </header>
      {message && (
        <p class="message" role="alert">
          {message}
        </p>
      )}
      {showChannels && <Channels onClose={() => setShowChannels(false)} />}
      <h1>待签收 {pendingCount} 件</h1>
      {items.length === 0 && <p class="empty">暂无通知。有新事故时本页会立即显示。</p>}
      {items.map((item) => (
        <Card
          key={item.id}
          item={item}
          now={now}
          pending={outbox.includes(item.id)}
          onAck={(note) => void act(item, { kind: 'acknowledge', note })}
          onDecline={(reason) => void act(item, { kind: 'decline', reason })}
        />
      ))}
    </div>
  );
}

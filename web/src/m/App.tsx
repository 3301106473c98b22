/** 联络员手机页: the unit's inbox (one-tap 签收, 退回 with a reason) and its joint response tasks, live and offline-safe. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeError, get, post } from '../lib/api.js';
import { EventStream, type LinkStatus } from '../lib/realtime.js';
import type { UnitCataloguedEvent } from '../../../src/contract/events.js';
import { applyInboxEvents, changesInfo, newTaskNotice, unitEvents, unitReportNews } from './inbox-events.js';
import { enqueue, flush, queued } from './outbox.js';
import { enablePush, pushSupported } from './push.js';
import { Channels } from './Channels.js';
import { MemberChangeForm } from './MemberChangeForm.js';
import { HeaderMenu } from './HeaderMenu.js';
import { SignOut } from './SignOut.js';
import { awaitsAction, InboxCard, type Item } from './InboxCard.js';
import { orderInbox } from './inbox-order.js';
import { Tabs } from './Tabs.js';
import { TaskList } from './TaskList.js';
import { isTaskOpen, linkedTaskId, shownTasks } from './tasks.js';
import { useNow } from '../lib/use-now.js';
import { useTasks } from './useTasks.js';
import { UnitPhonesContext, type UnitPerson } from './TelLink.js';
import { ReportAccident } from './ReportAccident.js';
import { RotaLink } from './RotaLink.js';
import { LeadCampaigns, OpenCampaign } from './LeadCampaigns.js';
import { unitWaitingList, type WaitingEntry } from './unit-waiting.js';
import { WaitingOverview } from './WaitingOverview.js';
import { InfoWork, useInfoWork } from './InfoWork.js';
import { waitingItems } from './standing-info.js';
import type { UnitReportView } from '../../../src/contract/unit-report.js';
import { linkedStandingId, loadStanding, STANDING_EVENT, StandingList, type StandingItem } from './StandingWork.js';

type View = 'inbox' | 'tasks' | 'info' | 'report';

export interface Me {
  id: string;
  displayName: string;
  role: string;
  unitId: string | null;
  jurisdictionId?: string | null;
}

const INBOX_KEY = 'lianfang.m.inbox';
const PHONES_KEY = 'lianfang.m.unit-phones';

export function App({ me }: { me: Me }) {
  const [items, setItems] = useState<Item[]>([]);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [message, setMessage] = useState<string>('');
  const [outbox, setOutbox] = useState(() => queued().map((a) => a.notificationId));
  const [pushState, setPushState] = useState<'off' | 'on' | 'unsupported'>(pushSupported() ? 'off' : 'unsupported');
  const [showChannels, setShowChannels] = useState(false);
  const [showMemberChange, setShowMemberChange] = useState(false);
  const [showOpenCampaign, setShowOpenCampaign] = useState(false);
  // A task link (`/m?task=<id>`, from an SMS, a push or a robot message) opens that task.
  const [linkedId] = useState(() => linkedTaskId(location.search));
  const [view, setView] = useState<View>(linkedId ? 'tasks' : location.hash === '#info' ? 'info' : 'inbox');
  // 简报与报送: reloaded when a bulletin or the annual round reaches the unit.
  const [infoKey, setInfoKey] = useState(0);
  // 成员单位报告: what this unit filed and the commission's answers (信阳 三(四)2).
  const [unitReports, setUnitReports] = useState<UnitReportView[]>([]);
  const [reportNotice, setReportNotice] = useState('');
  const upsertReport = (r: UnitReportView) => setUnitReports((list) => [r, ...list.filter((x) => x.id !== r.id)].sort((a, b) => b.filedAt.localeCompare(a.filedAt)));
  const [taskNotice, setTaskNotice] = useState('');
  const [unitPhones, setUnitPhones] = useState<UnitPerson[]>([]);
  const tasks = useTasks();
  const info = useInfoWork(infoKey);
  const infoCount = waitingItems(info.annual, info.bulletins, me.unitId).length;
  const now = useNow();
  // 联席会议待办 (meeting replies, minutes to agree, agreed items): read again after any standing event.
  const [standing, setStanding] = useState<StandingItem[]>([]);
  const [standingLoaded, setStandingLoaded] = useState(false);
  // Bumped with every reading of the standing list, so the campaigns this unit leads read again too.
  const [standingVersion, setStandingVersion] = useState(0);
  // A message about standing work (`/m?standing=<id>`) opens the inbox at that request.
  const [linkedStanding] = useState(() => linkedStandingId(location.search));
  const refreshStanding = () =>
    void loadStanding().then((list) => {
      setStanding(list);
      setStandingLoaded(true);
      setStandingVersion((v) => v + 1);
    }, () => {});

  // A link to #info (the annual submission's card in the inbox) opens the 简报与报送 view.
  useEffect(() => {
    const onHash = () => location.hash === '#info' && setView('info');
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  const show = (next: View) => {
    setView(next);
    if (next === 'tasks') setTaskNotice('');
    if (next === 'report') setReportNotice('');
  };

  // The commission's answer to a report this unit filed is said at once, whichever view is open.
  const applyUnitReports = (events: UnitCataloguedEvent[]) => {
    const { reports, notice } = unitReportNews(events);
    reports.forEach(upsertReport);
    if (notice !== null) setReportNotice(notice);
  };

  // A new task while the inbox is open is said in words, since its list is out of sight.
  const noticeNewTasks = (events: UnitCataloguedEvent[]) => {
    const notice = newTaskNotice(events, me.unitId);
    if (notice) setTaskNotice(notice);
  };

  const apply = (events: UnitCataloguedEvent[]) => setItems((current) => applyInboxEvents(current, events));

  // The last inbox seen, for opening the page offline.
  useEffect(() => {
    if (items.length) localStorage.setItem(INBOX_KEY, JSON.stringify({ notifications: items.slice(0, 50), lastSeq: 0 }));
  }, [items]);

  const syncOutbox = () => setOutbox(queued().map((a) => a.notificationId));

  const sendQueued = () =>
    flush<{ notification: Partial<Item> }>((action, error, answer) => {
      if (error) setMessage(`${action.kind === 'acknowledge' ? '签收' : '退回'}未成功：${describeError(error)}`);
      else if (answer) setItems((list) => list.map((x) => (x.id === action.notificationId ? { ...x, ...answer.notification, incident: x.incident } : x)));
    }).finally(syncOutbox);

  useEffect(() => {
    let stream: EventStream | undefined;
    (async () => {
      let inbox: { notifications: Item[]; lastSeq: number; unitPhones?: UnitPerson[] };
      try {
        inbox = await get<{ notifications: Item[]; lastSeq: number; unitPhones: UnitPerson[] }>('/api/v1/inbox');
        localStorage.setItem(PHONES_KEY, JSON.stringify(inbox.unitPhones));
      } catch (err) {
        // Offline: show the inbox as it was last seen; the stream catches up when the network returns.
        const cached = localStorage.getItem(INBOX_KEY);
        if (!cached) throw err;
        inbox = JSON.parse(cached);
        setMessage('离线：显示上次同步的内容，签收会暂存并在联网后发送');
      }
      setItems(inbox.notifications);
      setUnitPhones(inbox.unitPhones ?? JSON.parse(localStorage.getItem(PHONES_KEY) ?? '[]'));
      stream = new EventStream({
        afterSeq: inbox.lastSeq,
        onEvents: (received) => {
          const events = unitEvents(received);
          apply(events);
          tasks.apply(events);
          applyUnitReports(events);
          noticeNewTasks(events);
          if (changesInfo(events)) setInfoKey((k) => k + 1);
          if (events.some((e) => STANDING_EVENT.test(e.type))) refreshStanding();
        },
        onStatus: (s) => {
          setStatus(s);
          if (s === 'online') void sendQueued();
        },
        onUnauthorized: () => location.replace(`/login?next=${encodeURIComponent(location.pathname + location.search)}`),
      });
      stream.start();
      // Read after the inbox, so the stream's watermark is never ahead of the task list.
      await tasks.load();
      refreshStanding();
      get<{ reports: UnitReportView[] }>('/api/v1/unit-reports').then((r) => r.reports.forEach(upsertReport), () => {});
      if (linkedId && !(await tasks.refresh(linkedId))) setMessage('找不到链接中的任务：它可能已改派给其他单位');
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
    // Kept first, then sent by the one outbox sender: a dropped connection mid-request loses nothing, and nothing is posted twice.
    enqueue(queuedAction);
    syncOutbox();
    setMessage('');
    await flush<{ notification: Partial<Item> }>((done, error, answer) => {
      if (error) setMessage(`${done.kind === 'acknowledge' ? '签收' : '退回'}未成功：${describeError(error)}`);
      else if (answer) setItems((list) => list.map((x) => (x.id === done.notificationId ? { ...x, ...answer.notification, incident: x.incident } : x)));
    });
    if (queued().some((a) => a.notificationId === item.id)) setMessage('网络不可用：已暂存，恢复后自动发送');
    syncOutbox();
  };

  const markRead = (item: Item) => {
    if (item.state === 'pending') void post(`/api/v1/notifications/${encodeURIComponent(item.id)}/read`).catch(() => {});
  };
  useEffect(() => items.filter(awaitsAction).forEach(markRead), [items.length]);

  const ordered = useMemo(() => orderInbox(items), [items]);
  const pendingCount = useMemo(() => items.filter(awaitsAction).length, [items]);
  const card = (item: Item) => (
    <InboxCard
      key={item.id}
      item={item}
      now={now}
      pending={outbox.includes(item.id)}
      onAck={(note) => void act(item, { kind: 'acknowledge', note })}
      onDecline={(reason) => void act(item, { kind: 'decline', reason })}
    />
  );
  const openTaskCount = useMemo(() => shownTasks(tasks.tasks, me.unitId).filter(isTaskOpen).length, [tasks.tasks, me.unitId]);
  const waiting = useMemo(
    () =>
      unitWaitingList({
        notifications: items,
        tasks: shownTasks(tasks.tasks, me.unitId).map((t) => ({ id: t.id, title: t.title, dueAt: t.dueAt, open: isTaskOpen(t) })),
        standing,
        bulletins: info.bulletins,
        unitId: me.unitId,
      }),
    [items, tasks.tasks, standing, info.bulletins, me.unitId],
  );
  // An entry of 全部待办 opens its view and brings its card into view.
  const goTo = (entry: WaitingEntry) => {
    show(entry.view);
    if (entry.anchor) setTimeout(() => document.querySelector(entry.anchor!)?.scrollIntoView({ block: 'center' }), 50);
  };

  return (
    <UnitPhonesContext.Provider value={unitPhones}>
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
            <HeaderMenu>
              {(close) => (
                <>
                  <button type="button" aria-expanded={showChannels} onClick={() => (setShowChannels(!showChannels), close())}>
                    渠道
                  </button>
                  {me.unitId && (
                    <button type="button" aria-expanded={showMemberChange} onClick={() => (setShowMemberChange(!showMemberChange), close())}>
                      成员调整
                    </button>
                  )}
                  {me.unitId && me.jurisdictionId && (
                    <button type="button" aria-expanded={showOpenCampaign} onClick={() => (setShowOpenCampaign(!showOpenCampaign), close())}>
                      发起联合行动
                    </button>
                  )}
                  <a class="button-link" href="/login?change=1&next=/m">
                    修改密码
                  </a>
                  <SignOut onOutboxChange={syncOutbox} />
                </>
              )}
            </HeaderMenu>
          </div>
        </header>
        {message && (
          <p class="message" role="alert">
            {message}
          </p>
        )}
        {showChannels && <Channels onClose={() => setShowChannels(false)} />}
        {showMemberChange && me.unitId && <MemberChangeForm unitId={me.unitId} onClose={() => setShowMemberChange(false)} />}
        {showOpenCampaign && me.unitId && me.jurisdictionId && (
          <OpenCampaign unitId={me.unitId} jurisdictionId={me.jurisdictionId} onClose={() => setShowOpenCampaign(false)} onDone={() => (setShowOpenCampaign(false), show('info'), refreshStanding())} />
        )}
        {taskNotice && view !== 'tasks' && (
          <p class="notice" role="status">
            {taskNotice}
            <button type="button" onClick={() => show('tasks')}>
              查看任务
            </button>
          </p>
        )}
        {reportNotice && (
          <p class="notice" role="status">
            {reportNotice}
            <button type="button" onClick={() => show('report')}>
              查看
            </button>
          </p>
        )}
        <Tabs
          tabs={[
            { id: 'inbox', label: `通知（待签收 ${pendingCount}）` },
            { id: 'tasks', label: `任务（待办 ${openTaskCount}）` },
            { id: 'info', label: `简报与报送（${infoCount}）` },
            { id: 'report', label: '报告事故' },
          ]}
          current={view}
          onSelect={show}
        >
          {view === 'inbox' ? (
            <>
              <h1>待签收 {pendingCount} 件</h1>
              <WaitingOverview entries={waiting} now={now} onGo={goTo} />
              {items.length === 0 && <p class="empty">暂无通知。有新事故时本页会立即显示。</p>}
              {ordered.real.map(card)}
              <StandingList items={standing} loaded={standingLoaded} linkedId={linkedStanding} now={now} onDone={refreshStanding} />
              {ordered.drills.length > 0 && (
                <section class="drills" aria-labelledby="drills-h">
                  <h2 id="drills-h">【演练】</h2>
                  {ordered.drills.map(card)}
                </section>
              )}
            </>
          ) : view === 'tasks' ? (
            <TaskList tasks={tasks.tasks} unitId={me.unitId} linkedId={linkedId} loaded={tasks.loaded} now={now} onAct={tasks.act} />
          ) : view === 'info' ? (
            <>
              <InfoWork unitId={me.unitId} jurisdictionId={me.jurisdictionId ?? null} info={info} />
              {me.unitId && me.jurisdictionId && <LeadCampaigns unitId={me.unitId} jurisdictionId={me.jurisdictionId} version={standingVersion} />}
            </>
          ) : (
            <ReportAccident jurisdictionId={me.jurisdictionId ?? null} reporterName={me.displayName} reports={unitReports} onFiled={upsertReport} />
          )}
        </Tabs>
        <RotaLink role={me.role} />
      </div>
    </UnitPhonesContext.Provider>
  );
}

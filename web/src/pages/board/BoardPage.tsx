/**
 * 指挥大屏 (/board): every open incident with its severity, the unit × state grid with time
 * against each deadline, the timeline, and the declines and 督办 alerts that need a commander.
 * Loads one snapshot, then applies live events; catches up by itself after a lost connection.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { BoardSnapshot } from '../../../../src/contract/admin.js';
import { CASUALTY_LABELS, HAZARD_LABELS, labelOf, REPORT_KIND_LABELS } from '../../../../src/contract/labels.js';
import { UnitGrid } from '../../components/UnitGrid.js';
import { Timeline } from '../../components/Timeline.js';
import { describeError, get } from '../../lib/api.js';
import { applyEvent, mergeTimeline, modelFromSnapshot, replaceIncident, type IncidentDetail, type IncidentEntry, type Model } from '../../lib/incident-state.js';
import { EventStream, type EventEnvelope, type LinkStatus } from '../../lib/realtime.js';
import { loginUrl, type User } from '../../lib/session.js';
import { formatDuration, formatShort, formatTime } from '../../lib/time.js';
import { deskNav, ErrorBox, Header, LinkBanner, Loading, SeverityBadge, useNow } from '../../lib/ui.js';
import { CommanderPanel } from './CommanderPanel.js';

const SEVERITY_RANK: Record<string, number> = { extraordinary: 0, major: 1, general: 2 };

export default function BoardPage({ user }: { user: User }) {
  const jurisdictionId = new URLSearchParams(location.search).get('jurisdictionId') ?? (user.role === 'admin' ? 'xinyang' : undefined);
  const model = useRef<Model | null>(null);
  const [jurisdictionName, setJurisdictionName] = useState('');
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ status: LinkStatus; since?: number }>({ status: 'connecting' });
  const [lastEventAt, setLastEventAt] = useState<number | undefined>();
  const [shortNames, setShortNames] = useState<Map<string, string>>(new Map());
  const now = useNow(1000);
  const rerender = () => setVersion((v) => v + 1);

  useEffect(() => {
    let stream: EventStream | undefined;
    let cancelled = false;
    const refetching = new Set<string>();

    async function refetch(id: string) {
      if (refetching.has(id)) return;
      refetching.add(id);
      try {
        const detail = await get<IncidentDetail>(`/api/v1/incidents/${encodeURIComponent(id)}`);
        if (model.current) replaceIncident(model.current, detail);
        rerender();
      } catch {
        /* the next event or reconnect tries again */
      } finally {
        refetching.delete(id);
      }
    }

    async function loadTimeline(entry: IncidentEntry) {
      try {
        const { events } = await get<{ events: EventEnvelope[] }>(`/api/v1/incidents/${encodeURIComponent(entry.id)}/events?limit=500`);
        const current = model.current?.incidents[entry.id];
        if (current) mergeTimeline(current, events);
        rerender();
      } catch {
        /* live events still fill the timeline */
      }
    }

    async function load() {
      try {
        const query = jurisdictionId ? `?jurisdictionId=${encodeURIComponent(jurisdictionId)}` : '';
        const snapshot = await get<BoardSnapshot>(`/api/v1/board${query}`);
        if (cancelled) return;
        model.current = modelFromSnapshot(snapshot);
        setJurisdictionName(snapshot.jurisdiction.name);
        get<{ units: { id: string; shortName: string }[] }>(`/api/v1/jurisdictions/${encodeURIComponent(snapshot.jurisdiction.id)}/units`)
          .then((r) => setShortNames(new Map(r.units.map((u) => [u.id, u.shortName]))))
          .catch(() => undefined);
        rerender();
        for (const entry of Object.values(model.current.incidents)) void loadTimeline(entry);
        stream = new EventStream({
          afterSeq: snapshot.lastSeq,
          onEvents(events) {
            const m = model.current;
            if (!m) return;
            const toRefetch = new Set<string>();
            for (const e of events) {
              if (jurisdictionId && e.jurisdictionId !== jurisdictionId) continue;
              const id = applyEvent(m, e);
              if (id) toRefetch.add(id);
            }
            setLastEventAt(Date.now());
            rerender();
            for (const id of toRefetch) void refetch(id);
          },
          onStatus: (status, detail) => setLink({ status, since: detail?.since }),
          onUnauthorized: () => location.assign(loginUrl()),
        });
        stream.start();
      } catch (err) {
        if (!cancelled) setError(describeError(err));
      }
    }
    void load();
    return () => {
      cancelled = true;
      stream?.stop();
    };
  }, []);

  const m = model.current;
  const incidents = useMemo(
    () =>
      m
        ? Object.values(m.incidents).sort(
            (a, b) => (SEVERITY_RANK[a.incident.severity] ?? 9) - (SEVERITY_RANK[b.incident.severity] ?? 9) || b.incident.receivedAt.localeCompare(a.incident.receivedAt),
          )
        : [],
    [m, now, lastEventAt],
  );

  return (
    <div class="board-page">
      <Header title={`指挥大屏${jurisdictionName ? ` · ${jurisdictionName}` : ''}`} user={user} nav={deskNav(user, 'board')}>
        <span class="board-clock" aria-label="当前时间（北京时间）">
          {formatTime(new Date(now).toISOString(), true)}
        </span>
      </Header>
      <LinkBanner status={link.status} since={link.since} lastEventAt={lastEventAt} />
      {error ? (
        <main class="board-main">
          <ErrorBox message={error} onRetry={() => location.reload()} />
        </main>
      ) : !m ? (
        <main class="board-main">
          <Loading what="大屏" />
        </main>
      ) : (
        <div class="board-layout">
          <main class="board-main" aria-label="处置中的事故">
            <h1 class="sr-only">处置中的事故</h1>
            {incidents.length === 0 ? (
              <p class="board-empty">当前没有处置中的事故</p>
            ) : (
              incidents.map((entry) => <IncidentCard key={entry.id} entry={entry} now={now} shortNames={shortNames} />)
            )}
          </main>
          <CommanderPanel model={m} user={user} now={now} onChange={rerender} />
        </div>
      )}
    </div>
  );
}

function IncidentCard({ entry, now, shortNames }: { entry: IncidentEntry; now: number; shortNames: Map<string, string> }) {
  const inc = entry.incident;
  const c = inc.casualties;
  const fresh = now - entry.changedAt < 3000;
  const kind = entry.versions.length ? entry.versions[entry.versions.length - 1]!.kind : 'initial';
  return (
    <article class={`incident-card sev-${inc.severity}${fresh ? ' fresh' : ''}`} data-incident-id={inc.id} aria-labelledby={`inc-${inc.id}`}>
      <header class="incident-head">
        <SeverityBadge severity={inc.severity} large />
        <div class="incident-title">
          <h2 id={`inc-${inc.id}`}>{inc.title}</h2>
          <p class="incident-meta">
            <span class="ref">{inc.ref}</span>
            <span>
              {labelOf(REPORT_KIND_LABELS, kind)} 第{inc.version}版
            </span>
            {inc.place.address && <span>地点：{inc.place.address}{inc.place.township ? `（${inc.place.township}）` : ''}</span>}
            {inc.hazard.category && (
              <span>
                {labelOf(HAZARD_LABELS, inc.hazard.category)}
                {inc.hazard.agent ? ` · ${inc.hazard.agent}` : ''}
              </span>
            )}
          </p>
        </div>
        <dl class="incident-figures">
          <div>
            <dt>{CASUALTY_LABELS.acuteCases}</dt>
            <dd>{c.acuteCases}</dd>
          </div>
          <div>
            <dt>{CASUALTY_LABELS.severeCases}</dt>
            <dd>{c.severeCases}</dd>
          </div>
          <div class={c.deaths > 0 ? 'figure-bad' : ''}>
            <dt>{CASUALTY_LABELS.deaths}</dt>
            <dd>{c.deaths}</dd>
          </div>
          <div>
            <dt>接报</dt>
            <dd class="small-dd">
              {formatShort(inc.receivedAt)}
              <span class="muted"> 已过 {formatDuration(now - Date.parse(inc.receivedAt))}</span>
            </dd>
          </div>
        </dl>
      </header>
      <div class="incident-body">
        <UnitGrid entry={entry} now={now} shortNames={shortNames} />
        <Timeline entry={entry} limit={30} />
      </div>
    </article>
  );
}

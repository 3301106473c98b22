/**
 * 指挥大屏 (/board): a summary strip (open incidents, units late to 签收, overdue tasks, the
 * nearest statutory deadline), filters and search, then every open incident as a compact row that
 * opens on demand, and the declines and 督办 alerts that need a commander. Live; a new incident
 * announces itself (tone, notification, page title); catches up by itself after a lost connection.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { usePhoneBook } from '../../components/use-phone-book.js';
import { useUnits } from '../../components/use-units.js';
import { UnitReportsPanel } from '../../components/UnitReportsPanel.js';
import type { IncidentEntry } from '../../lib/incident-state.js';
import type { User } from '../../lib/session.js';
import { formatTime } from '../../lib/time.js';
import { deskNav, ErrorBox, Header, LinkBanner, Loading, useNow } from '../../lib/ui.js';
import { AnnounceControls } from './AnnounceControls.js';
import { BoardFilters } from './BoardFilters.js';
import { matches, NO_FILTER, overdueStanding, summarise, type BoardFilter } from './board-summary.js';
import { CommanderPanel } from './CommanderPanel.js';
import { DutyPanel } from './DutyPanel.js';
import { IncidentCard } from './IncidentCard.js';
import { SummaryStrip } from './SummaryStrip.js';
import { useAnnouncer } from './use-announcer.js';
import { useBoard } from './use-board.js';

const SEVERITY_RANK: Record<string, number> = { extraordinary: 0, major: 1, general: 2 };
/** Up to this many incidents open in full by themselves; more are listed as compact rows. */
const EXPAND_ALL_UP_TO = 2;
/**
 * Rows drawn at first; the rest wait behind 显示更多 so a board with a thousand open incidents
 * (a drill day, a data migration) still draws and updates at once. The most urgent come first.
 */
const ROWS_PER_PAGE = 50;

/** Real incidents before drills, then the most severe, then the newest. */
function byUrgency(a: IncidentEntry, b: IncidentEntry): number {
  return (
    Number(a.incident.drill === true) - Number(b.incident.drill === true) ||
    (SEVERITY_RANK[a.incident.severity] ?? 9) - (SEVERITY_RANK[b.incident.severity] ?? 9) ||
    b.incident.receivedAt.localeCompare(a.incident.receivedAt)
  );
}

export default function BoardPage({ user }: { user: User }) {
  const jurisdictionId = new URLSearchParams(location.search).get('jurisdictionId') ?? (user.role === 'admin' ? 'xinyang' : undefined);
  const board = useBoard(jurisdictionId);
  const units = useUnits(board.jurisdiction?.id);
  const phones = usePhoneBook(board.jurisdiction?.id);
  const shortNames = useMemo(() => new Map(units.map((u) => [u.id, u.shortName])), [units]);
  const now = useNow(1000);
  const [filter, setFilter] = useState<BoardFilter>(NO_FILTER);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [rowLimit, setRowLimit] = useState(ROWS_PER_PAGE);
  const m = board.model;
  const incidents = m ? Object.values(m.incidents).sort(byUrgency) : null;
  const announcer = useAnnouncer(incidents);
  const shown = m && incidents ? incidents.filter((e) => matches(e, filter, m)) : [];
  const expandedByDefault = shown.length <= EXPAND_ALL_UP_TO;
  const isExpanded = (id: string) => toggled[id] ?? expandedByDefault;
  const drawn = shown.slice(0, rowLimit);
  const opened = drawn.filter((e) => isExpanded(e.id)).map((e) => e.id);
  useEffect(() => opened.forEach(board.showTimeline), [opened.join(' ')]);

  return (
    <div class="board-page">
      <Header title={`指挥大屏${board.jurisdiction ? ` · ${board.jurisdiction.name}` : ''}`} user={user} nav={deskNav(user, 'board')}>
        <AnnounceControls announcer={announcer} />
        <span class="board-clock" aria-label="当前时间（北京时间）">
          {formatTime(new Date(now).toISOString(), true)}
        </span>
      </Header>
      <LinkBanner status={board.link.status} since={board.link.since} lastEventAt={board.lastEventAt} />
      {board.error ? (
        <main class="board-main">
          <ErrorBox message={board.error} onRetry={() => location.reload()} />
        </main>
      ) : !m || !incidents ? (
        <main class="board-main">
          <Loading what="大屏" />
        </main>
      ) : (
        <>
          <SummaryStrip summary={summarise(incidents, now)} phones={phones} overdueStanding={m ? overdueStanding(m, now) : 0} />
          <UnitReportsPanel incidentHref={(id) => `/duty/incidents/${encodeURIComponent(id)}`} />
          {announcer.unseen.length > 0 && (
            <div class="new-incident-banner" role="alert">
              <span aria-hidden="true">⚑ </span>新事故：{announcer.unseen.map((e) => `${e.incident.drill ? '【演练】' : ''}${e.incident.title}`).join('；')}
              <button type="button" class="btn btn-small" onClick={announcer.seen}>
                知道了
              </button>
            </div>
          )}
          <div class="board-layout">
            <main class="board-main" aria-label="处置中的事故">
              <h1 class="sr-only">处置中的事故</h1>
              <BoardFilters filter={filter} onChange={setFilter} shown={shown.length} total={incidents.length} />
              {incidents.length === 0 ? (
                <p class="board-empty">当前没有处置中的事故</p>
              ) : shown.length === 0 ? (
                <p class="board-empty">没有符合筛选条件的事故</p>
              ) : (
                drawn.map((entry) => (
                  <IncidentCard
                    key={entry.id}
                    entry={entry}
                    now={now}
                    user={user}
                    units={units}
                    shortNames={shortNames}
                    phones={phones}
                    expanded={isExpanded(entry.id)}
                    onToggle={() => setToggled((t) => ({ ...t, [entry.id]: !isExpanded(entry.id) }))}
                    onChange={board.changed}
                  />
                ))
              )}
              {shown.length > rowLimit && (
                <p class="board-more">
                  还有 {shown.length - rowLimit} 起未显示
                  <button type="button" class="btn btn-small" onClick={() => setRowLimit(rowLimit + ROWS_PER_PAGE)}>
                    显示更多
                  </button>
                </p>
              )}
              {board.notLoaded > 0 && (
                <p class="board-more" role="status">
                  另有 {board.notLoaded} 起处置中的事故未载入大屏（大屏载入最紧急的 {incidents.length} 起）
                  <a href="/duty">在值班台查看全部</a>
                </p>
              )}
            </main>
            <CommanderPanel model={m} user={user} now={now} units={units} phones={phones} onChange={board.changed} />
          </div>
          <DutyPanel jurisdictionId={board.jurisdiction?.id} />
        </>
      )}
    </div>
  );
}

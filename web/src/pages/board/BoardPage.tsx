/**
 * 指挥大屏 (/board): every open incident with its severity, the unit × state grid with time against
 * each deadline, the upward-reporting clocks, the joint response tasks and the timeline, and the
 * declines and 督办 alerts that need a commander. Live, and catches up by itself after a lost connection.
 */
import { useMemo } from 'preact/hooks';
import { useUnits } from '../../components/use-units.js';
import type { User } from '../../lib/session.js';
import { formatTime } from '../../lib/time.js';
import { deskNav, ErrorBox, Header, LinkBanner, Loading, useNow } from '../../lib/ui.js';
import { CommanderPanel } from './CommanderPanel.js';
import { IncidentCard } from './IncidentCard.js';
import { useBoard } from './use-board.js';

const SEVERITY_RANK: Record<string, number> = { extraordinary: 0, major: 1, general: 2 };

export default function BoardPage({ user }: { user: User }) {
  const jurisdictionId = new URLSearchParams(location.search).get('jurisdictionId') ?? (user.role === 'admin' ? 'xinyang' : undefined);
  const board = useBoard(jurisdictionId);
  const units = useUnits(board.jurisdiction?.id);
  const shortNames = useMemo(() => new Map(units.map((u) => [u.id, u.shortName])), [units]);
  const now = useNow(1000);
  const m = board.model;
  // Real incidents before drills, then the most severe, then the newest.
  const incidents = m
    ? Object.values(m.incidents).sort(
        (a, b) =>
          Number(a.incident.drill === true) - Number(b.incident.drill === true) ||
          (SEVERITY_RANK[a.incident.severity] ?? 9) - (SEVERITY_RANK[b.incident.severity] ?? 9) ||
          b.incident.receivedAt.localeCompare(a.incident.receivedAt),
      )
    : [];

  return (
    <div class="board-page">
      <Header title={`指挥大屏${board.jurisdiction ? ` · ${board.jurisdiction.name}` : ''}`} user={user} nav={deskNav(user, 'board')}>
        <span class="board-clock" aria-label="当前时间（北京时间）">
          {formatTime(new Date(now).toISOString(), true)}
        </span>
      </Header>
      <LinkBanner status={board.link.status} since={board.link.since} lastEventAt={board.lastEventAt} />
      {board.error ? (
        <main class="board-main">
          <ErrorBox message={board.error} onRetry={() => location.reload()} />
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
              incidents.map((entry) => <IncidentCard key={entry.id} entry={entry} now={now} user={user} units={units} shortNames={shortNames} onChange={board.changed} />)
            )}
          </main>
          <CommanderPanel model={m} user={user} now={now} units={units} onChange={board.changed} />
        </div>
      )}
    </div>
  );
}

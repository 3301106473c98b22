/**
 * One open incident on the wall board: severity and figures, 【演练】 and 逐级上报 where they apply,
 * the unit × state grid, the upward-reporting clocks, the joint response tasks and the timeline.
 */
import { CASUALTY_LABELS, HAZARD_LABELS, labelOf, REPORT_KIND_LABELS } from '../../../../src/contract/labels.js';
import { DrillMark } from '../../components/DrillMark.js';
import { IncidentLinks } from '../../components/IncidentLinks.js';
import { ObligationClocks } from '../../components/ObligationClocks.js';
import { TaskBoard } from '../../components/TaskBoard.js';
import { Timeline } from '../../components/Timeline.js';
import { UnitGrid } from '../../components/UnitGrid.js';
import type { UnitOption } from '../../components/use-units.js';
import type { IncidentEntry } from '../../lib/incident-state.js';
import type { User } from '../../lib/session.js';
import { formatDuration, formatShort } from '../../lib/time.js';
import { SeverityBadge } from '../../lib/ui.js';

interface Props {
  entry: IncidentEntry;
  now: number;
  user: User;
  units: UnitOption[];
  shortNames: Map<string, string>;
  onChange(): void;
}

export function IncidentCard({ entry, now, user, units, shortNames, onChange }: Props) {
  const inc = entry.incident;
  const c = inc.casualties;
  const fresh = now - entry.changedAt < 3000;
  const kind = entry.versions.length ? entry.versions[entry.versions.length - 1]!.kind : 'initial';
  return (
    <article
      class={`incident-card sev-${inc.severity}${fresh ? ' fresh' : ''}${inc.drill ? ' drill' : ''}`}
      data-incident-id={inc.id}
      data-drill={inc.drill ? 'true' : undefined}
      aria-labelledby={`inc-${inc.id}`}
    >
      <header class="incident-head">
        <SeverityBadge severity={inc.severity} large />
        <div class="incident-title">
          <h2 id={`inc-${inc.id}`}>
            <DrillMark drill={inc.drill} />
            {inc.title}
          </h2>
          <p class="incident-meta">
            <span class="ref">{inc.ref}</span>
            <span>
              {labelOf(REPORT_KIND_LABELS, kind)} 第{inc.version}版
            </span>
            {inc.place.address && (
              <span>
                地点：{inc.place.address}
                {inc.place.township ? `（${inc.place.township}）` : ''}
              </span>
            )}
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
      <DrillMark drill={inc.drill} banner />
      <IncidentLinks entry={entry} />
      <div class="incident-body">
        <div class="incident-main">
          <div class="area-units">
            <UnitGrid entry={entry} now={now} shortNames={shortNames} />
          </div>
          <div class="area-tasks">
            <TaskBoard entry={entry} now={now} user={user} units={units} onChange={onChange} />
          </div>
        </div>
        <div class="incident-side">
          <div class="area-clocks">
            <ObligationClocks entry={entry} now={now} canSubmit onChange={onChange} compact />
          </div>
          <div class="area-timeline">
            <Timeline entry={entry} limit={30} />
          </div>
        </div>
      </div>
    </article>
  );
}

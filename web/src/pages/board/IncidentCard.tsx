/**
 * One open incident on the wall board. Its head is one compact row — severity, title, ref, 签收
 * count, late units, overdue tasks, the nearest upward-reporting clock — so several incidents fit
 * on one screen; the details (unit × state grid, clocks, tasks, attachments, timeline) open on demand.
 */
import type { DisplayedFacts } from '../../../../src/contract/fact-lines.js';
import { FactLines } from '../../components/FactLines.js';
import { CASUALTY_LABELS, HAZARD_LABELS, labelOf, REPORT_KIND_LABELS } from '../../../../src/contract/labels.js';
import { Attachments } from '../../components/Attachments.js';
import { DrillMark } from '../../components/DrillMark.js';
import { IncidentLinks } from '../../components/IncidentLinks.js';
import { MapLink } from '../../components/MapLink.js';
import { ObligationClocks } from '../../components/ObligationClocks.js';
import { PhoneLink } from '../../components/PhoneLinks.js';
import { obligationClock } from '../../components/response-clocks.js';
import { TaskBoard } from '../../components/TaskBoard.js';
import { Timeline } from '../../components/Timeline.js';
import { UnitGrid } from '../../components/UnitGrid.js';
import type { PhonesByUnit } from '../../components/use-phone-book.js';
import type { UnitOption } from '../../components/use-units.js';
import { currentNotifications, type IncidentEntry } from '../../lib/incident-state.js';
import type { User } from '../../lib/session.js';
import { formatDuration, formatShort } from '../../lib/time.js';
import { SeverityBadge } from '../../lib/ui.js';
import { lateUnitsOf, nearestObligationOf, overdueTasksOf } from './board-summary.js';

interface Props {
  entry: IncidentEntry;
  now: number;
  user: User;
  units: UnitOption[];
  shortNames: Map<string, string>;
  phones: PhonesByUnit;
  expanded: boolean;
  onToggle(): void;
  onChange(): void;
}

function Reporter({ entry }: { entry: IncidentEntry }) {
  const reporter = (entry.incident.facts as { reporter?: { name?: string; phone?: string } } | undefined)?.reporter;
  if (!reporter?.phone) return null;
  return (
    <span>
      报告人：<PhoneLink phone={reporter.phone} who={reporter.name} />
    </span>
  );
}

function CompactStatus({ entry, now }: { entry: IncidentEntry; now: number }) {
  const rows = currentNotifications(entry);
  const acknowledged = rows.filter((n) => n.state === 'acknowledged').length;
  const declined = rows.filter((n) => n.state === 'declined' && !n.declineResolution).length;
  const late = lateUnitsOf(entry, now).length;
  const overdueTasks = overdueTasksOf(entry, now);
  const nearest = nearestObligationOf(entry);
  const clock = nearest ? obligationClock(nearest, now) : null;
  return (
    <ul class="incident-status" aria-label="处置概况">
      <li>
        已签收 <strong>{acknowledged}/{rows.length}</strong>
      </li>
      {late > 0 && (
        <li class="status-bad">
          <span aria-hidden="true">! </span>超时未签收 <strong>{late}</strong>
        </li>
      )}
      {declined > 0 && (
        <li class="status-bad">
          <span aria-hidden="true">✕ </span>退回待处理 <strong>{declined}</strong>
        </li>
      )}
      {overdueTasks > 0 && (
        <li class="status-bad">
          <span aria-hidden="true">! </span>逾期任务 <strong>{overdueTasks}</strong>
        </li>
      )}
      {nearest && clock && (
        <li class={`deadline-${clock.level}`}>
          向{nearest.recipient.name}上报：{clock.text}
        </li>
      )}
    </ul>
  );
}

export function IncidentCard({ entry, now, user, units, shortNames, phones, expanded, onToggle, onChange }: Props) {
  const inc = entry.incident;
  const c = inc.casualties;
  const fresh = now - entry.changedAt < 3000;
  const kind = entry.versions.length ? entry.versions[entry.versions.length - 1]!.kind : 'initial';
  const bodyId = `inc-body-${inc.id}`;
  return (
    <article
      class={`incident-card sev-${inc.severity}${fresh ? ' fresh' : ''}${inc.drill ? ' drill' : ''}${expanded ? ' expanded' : ' collapsed'}`}
      data-incident-id={inc.id}
      data-drill={inc.drill ? 'true' : undefined}
      data-expanded={expanded ? 'true' : 'false'}
      aria-labelledby={`inc-${inc.id}`}
    >
      <header class="incident-head">
        <SeverityBadge severity={inc.severity} large={expanded} />
        <div class="incident-title">
          <h2 id={`inc-${inc.id}`}>
            <DrillMark drill={inc.drill} />
            {inc.title}
          </h2>
          <p class="incident-meta">
            <span class="ref" data-literal>
              {inc.ref}
            </span>
            <span>
              {labelOf(REPORT_KIND_LABELS, kind)} 第{inc.version}版
            </span>
            {entry.downstream && <span class="tag">下级逐级上报</span>}
            <span>
              接报 {formatShort(inc.receivedAt)}，已过 {formatDuration(now - Date.parse(inc.receivedAt))}
            </span>
            {expanded && inc.place.address && (
              <span>
                地点：
                <MapLink place={inc.place} />
              </span>
            )}
            {expanded && inc.hazard.category && (
              <span>
                {labelOf(HAZARD_LABELS, inc.hazard.category)}
                {inc.hazard.agent ? ` · ${inc.hazard.agent}` : ''}
              </span>
            )}
            {expanded && <Reporter entry={entry} />}
          </p>
          <CompactStatus entry={entry} now={now} />
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
        </dl>
        <button type="button" class="btn btn-small incident-toggle" aria-expanded={expanded} aria-controls={bodyId} onClick={onToggle}>
          {expanded ? '收起' : '展开详情'}
        </button>
      </header>
      {expanded && (
        <div id={bodyId}>
          <DrillMark drill={inc.drill} banner />
          <IncidentLinks entry={entry} />
          <dl class="fact-lines board-facts" aria-label="事故要素">
            <FactLines facts={(inc.facts as DisplayedFacts | undefined) ?? inc} />
          </dl>
          <div class="incident-body">
            <div class="incident-main">
              <div class="area-units">
                <UnitGrid entry={entry} now={now} shortNames={shortNames} phones={phones} />
              </div>
              <div class="area-tasks">
                <TaskBoard entry={entry} now={now} user={user} units={units} onChange={onChange} />
              </div>
            </div>
            <div class="incident-side">
              <div class="area-clocks">
                <ObligationClocks entry={entry} now={now} canSubmit onChange={onChange} compact />
              </div>
              <div class="area-attachments">
                <Attachments incidentId={inc.id} canUpload version={entry.timeline.filter((e) => e.type === 'attachment.added').length} />
              </div>
              <div class="area-timeline">
                <Timeline entry={entry} limit={30} />
              </div>
            </div>
          </div>
        </div>
      )}
    </article>
  );
}

/**
 * One incident on the duty console: facts, classification, who was told and who acknowledged, the
 * upward-reporting clocks, the joint response tasks, 逐级上报 links, the timeline, 续报/终报 and the
 * after-action account (printable and CSV).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { INCIDENT_STATUS_LABELS, labelOf, REPORT_KIND_LABELS } from '../../../../src/contract/labels.js';
import type { IncidentFacts } from '../../../../src/contract/report.js';
import { DrillMark } from '../../components/DrillMark.js';
import { IncidentLinks } from '../../components/IncidentLinks.js';
import { ObligationClocks } from '../../components/ObligationClocks.js';
import { closeBlockersOf, hasBlockers } from '../../components/response-clocks.js';
import { directsResponse, TaskBoard } from '../../components/TaskBoard.js';
import { Timeline } from '../../components/Timeline.js';
import { UnitGrid } from '../../components/UnitGrid.js';
import { useUnits } from '../../components/use-units.js';
import { Attachments } from '../../components/Attachments.js';
import { usePhoneBook } from '../../components/use-phone-book.js';
import { describeError, get } from '../../lib/api.js';
import { applyEvent, emptyModel, mergeTimeline, replaceIncident, type IncidentDetail, type Model } from '../../lib/incident-state.js';
import { Link } from '../../lib/nav.js';
import { EventStream, type EventEnvelope, type LinkStatus } from '../../lib/realtime.js';
import type { User } from '../../lib/session.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, LinkBanner, Loading, SeverityBadge, useNow } from '../../lib/ui.js';
import { CloseBlockersNotice } from './CloseBlockersNotice.js';
import { FactsList } from './FactsList.js';

export function IncidentView({ id, filed, user }: { id: string; filed: string | null; user: User }) {
  const model = useRef<Model>(emptyModel(true));
  const [, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [facts, setFacts] = useState<IncidentFacts | null>(null);
  const [link, setLink] = useState<{ status: LinkStatus; since?: number }>({ status: 'connecting' });
  const now = useNow(1000);
  const rerender = () => setVersion((v) => v + 1);

  useEffect(() => {
    let stream: EventStream | undefined;
    let cancelled = false;
    model.current = emptyModel(true);
    const refetch = async () => {
      const detail = await get<IncidentDetail>(`/api/v1/incidents/${encodeURIComponent(id)}`);
      replaceIncident(model.current, detail);
      setFacts((detail.incident.facts as IncidentFacts | undefined) ?? null);
      rerender();
      return detail;
    };
    (async () => {
      try {
        const detail = await refetch();
        if (cancelled) return;
        const { events } = await get<{ events: EventEnvelope[] }>(`/api/v1/incidents/${encodeURIComponent(id)}/events?limit=1000`);
        const entry = model.current.incidents[id];
        if (entry) mergeTimeline(entry, events);
        rerender();
        stream = new EventStream({
          afterSeq: detail.lastSeq,
          onEvents(list) {
            let again = false;
            for (const e of list) if (e.incidentId === id && applyEvent(model.current, e)) again = true;
            rerender();
            if (again) void refetch().catch(() => undefined);
          },
          onStatus: (status, d) => setLink({ status, since: d?.since }),
        });
        stream.start();
      } catch (err) {
        if (!cancelled) setError(describeError(err));
      }
    })();
    return () => {
      cancelled = true;
      stream?.stop();
    };
  }, [id]);

  const entry = model.current.incidents[id];
  const units = useUnits(entry?.incident.jurisdictionId);
  const phones = usePhoneBook(entry?.incident.jurisdictionId);
  if (error) return <ErrorBox message={error} onRetry={() => location.reload()} />;
  if (!entry) return <Loading what="事故" />;
  const inc = entry.incident;
  const open = inc.status === 'open';
  const kind = entry.versions.length ? entry.versions[entry.versions.length - 1]!.kind : 'initial';
  const blockers = closeBlockersOf(entry);
  // A closed incident's clocks stop where the 终报 left them (the server stops chasing too).
  const clockNow = inc.closedAt ? Math.min(now, Date.parse(inc.closedAt)) : now;
  const account = `/api/v1/incidents/${encodeURIComponent(inc.id)}/account`;

  return (
    <article class="incident-view" aria-labelledby="incident-title" data-incident-id={inc.id} data-drill={inc.drill ? 'true' : undefined}>
      {filed && (
        <div class="notice notice-success" role="status">
          {labelOf(REPORT_KIND_LABELS, filed)}已提交：{inc.ref}，已通知 {Object.values(entry.notifications).filter((n) => n.reportVersion === inc.version).length} 个单位。
        </div>
      )}
      <LinkBanner status={link.status} since={link.since} />
      <header class="incident-view-head">
        <SeverityBadge severity={inc.severity} large />
        <div>
          <h1 id="incident-title">
            <DrillMark drill={inc.drill} />
            {inc.title}
          </h1>
          <p class="incident-meta">
            <span class="ref mono" data-literal>
              {inc.ref}
            </span>
            <span>{labelOf(INCIDENT_STATUS_LABELS, inc.status)}</span>
            <span>
              {labelOf(REPORT_KIND_LABELS, kind)} 第{inc.version}版
            </span>
            <span>接报 {formatDateTime(inc.receivedAt)}</span>
            {inc.closedAt && <span>结案 {formatDateTime(inc.closedAt)}</span>}
          </p>
        </div>
        <div class="row-actions">
          {open && (
            <>
              <Link class="btn btn-primary" href={`/duty/incidents/${inc.id}/report?kind=follow_up`}>
                续报
              </Link>
              <Link class="btn" href={`/duty/incidents/${inc.id}/report?kind=final`}>
                终报（结案）
              </Link>
            </>
          )}
          <a class="btn" href={`${account}?format=html`} target="_blank" rel="noopener">
            事后报告（打印/PDF）
          </a>
          <a class="btn" href={`${account}?format=csv`} download>
            导出电子表格
          </a>
        </div>
      </header>
      <DrillMark drill={inc.drill} banner />
      {inc.closeOverrideReason && <p class="notice notice-warn">指挥长强制结案：{inc.closeOverrideReason}</p>}
      {open && hasBlockers(blockers) && <CloseBlockersNotice blockers={blockers} canOverride={directsResponse(user)} />}
      <IncidentLinks entry={entry} />
      <p class="small">{inc.severityReason}</p>
      {inc.regimes.length > 0 && (
        <ul class="regimes">
          {inc.regimes.map((r) => (
            <li key={r.code}>
              <strong>{r.name}</strong> {r.grade && <span class="tag">{r.grade}</span>} <span class="small">{r.reason}</span> <cite class="citation">{r.citation}</cite>
            </li>
          ))}
        </ul>
      )}
      <div class="incident-view-body">
        <div>
          <UnitGrid entry={entry} now={clockNow} phones={phones} />
          <ObligationClocks entry={entry} now={clockNow} canSubmit onChange={rerender} />
          <TaskBoard entry={entry} now={clockNow} user={user} units={units} onChange={rerender} />
          {facts && <FactsList facts={facts} />}
          <Attachments incidentId={inc.id} canUpload={open} version={entry.timeline.filter((e) => e.type === 'attachment.added').length} />
        </div>
        <Timeline entry={entry} />
      </div>
    </article>
  );
}

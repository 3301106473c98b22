/** One incident on the duty console: facts, classification, who was told and who acknowledged, the timeline, 续报/终报. */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  CASUALTY_LABELS,
  FLAG_LABELS,
  HAZARD_LABELS,
  INCIDENT_STATUS_LABELS,
  INDUSTRY_LABELS,
  labelOf,
  REPORT_KIND_LABELS,
  SETTING_LABELS,
} from '../../../../src/contract/labels.js';
import type { IncidentFacts } from '../../../../src/contract/report.js';
import { Timeline } from '../../components/Timeline.js';
import { UnitGrid } from '../../components/UnitGrid.js';
import { describeError, get } from '../../lib/api.js';
import { applyEvent, emptyModel, mergeTimeline, replaceIncident, type IncidentDetail, type Model } from '../../lib/incident-state.js';
import { Link } from '../../lib/nav.js';
import { EventStream, type EventEnvelope, type LinkStatus } from '../../lib/realtime.js';
import { formatDateTime } from '../../lib/time.js';
import { ErrorBox, LinkBanner, Loading, SeverityBadge, useNow } from '../../lib/ui.js';
import { CASUALTY_KEYS } from './form-model.js';

export function IncidentView({ id, filed }: { id: string; filed: string | null }) {
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
  if (error) return <ErrorBox message={error} onRetry={() => location.reload()} />;
  if (!entry) return <Loading what="事故" />;
  const inc = entry.incident;
  const open = inc.status === 'open';
  const kind = entry.versions.length ? entry.versions[entry.versions.length - 1]!.kind : 'initial';

  return (
    <article class="incident-view" aria-labelledby="incident-title" data-incident-id={inc.id}>
      {filed && (
        <div class="notice notice-success" role="status">
          {labelOf(REPORT_KIND_LABELS, filed)}已提交：{inc.ref}，已通知 {Object.values(entry.notifications).filter((n) => n.reportVersion === inc.version).length} 个单位。
        </div>
      )}
      <LinkBanner status={link.status} since={link.since} />
      <header class="incident-view-head">
        <SeverityBadge severity={inc.severity} large />
        <div>
          <h1 id="incident-title">{inc.title}</h1>
          <p class="incident-meta">
            <span class="ref mono">{inc.ref}</span>
            <span>{labelOf(INCIDENT_STATUS_LABELS, inc.status)}</span>
            <span>
              {labelOf(REPORT_KIND_LABELS, kind)} 第{inc.version}版
            </span>
            <span>接报 {formatDateTime(inc.receivedAt)}</span>
          </p>
        </div>
        {open && (
          <div class="row-actions">
            <Link class="btn btn-primary" href={`/duty/incidents/${inc.id}/report?kind=follow_up`}>
              续报
            </Link>
            <Link class="btn" href={`/duty/incidents/${inc.id}/report?kind=final`}>
              终报（结案）
            </Link>
          </div>
        )}
      </header>
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
          <UnitGrid entry={entry} now={now} />
          {facts && <FactsList facts={facts} />}
        </div>
        <Timeline entry={entry} />
      </div>
    </article>
  );
}

function FactsList({ facts }: { facts: IncidentFacts }) {
  return (
    <section aria-labelledby="facts-title" class="facts">
      <h2 id="facts-title">当前事实</h2>
      <dl>
        <dt>发生时间</dt>
        <dd>{formatDateTime(facts.occurredAt)}</dd>
        <dt>地点</dt>
        <dd>
          {facts.place.address}
          {facts.place.township ? `（${facts.place.township}）` : ''}
        </dd>
        <dt>用人单位</dt>
        <dd>
          {facts.employer.name}（{labelOf(INDUSTRY_LABELS, facts.employer.industry)}，{facts.employer.licensed ? '持照' : '无照'}）
          {facts.employer.creditCode && <span class="mono"> {facts.employer.creditCode}</span>}
        </dd>
        <dt>危害</dt>
        <dd>
          {labelOf(HAZARD_LABELS, facts.hazard.category)}
          {facts.hazard.agent ? ` · ${facts.hazard.agent}` : ''}
        </dd>
        <dt>伤亡</dt>
        <dd>{CASUALTY_KEYS.map((k) => `${CASUALTY_LABELS[k]} ${facts.casualties[k]}`).join('，')}</dd>
        {facts.settings.length > 0 && (
          <>
            <dt>场所</dt>
            <dd>{facts.settings.map((s) => labelOf(SETTING_LABELS, s)).join('、')}</dd>
          </>
        )}
        {facts.flags.length > 0 && (
          <>
            <dt>标记</dt>
            <dd>{facts.flags.map((f) => labelOf(FLAG_LABELS, f)).join('、')}</dd>
          </>
        )}
        <dt>经过</dt>
        <dd>{facts.narrative}</dd>
        {facts.measuresTaken && (
          <>
            <dt>已采取措施</dt>
            <dd>{facts.measuresTaken}</dd>
          </>
        )}
        <dt>报告人</dt>
        <dd>
          {facts.reporter.name} {facts.reporter.phone}
        </dd>
      </dl>
    </section>
  );
}

/** 事故列表: the jurisdiction's incidents, newest first, filtered by status, severity and text. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { incidentListSchema } from '../../../../src/contract/api.js';
import { INCIDENT_STATUS_LABELS, labelOf, REPORT_KIND_LABELS, SEVERITY_LABELS } from '../../../../src/contract/labels.js';
import { INCIDENT_STATUSES, SEVERITIES } from '../../../../src/domain/enums.js';
import { describeError, get } from '../../lib/api.js';
import { Link, navigate, usePath } from '../../lib/nav.js';
import { EventStream, type LinkStatus } from '../../lib/realtime.js';
import { formatDateTime } from '../../lib/time.js';
import { DrillMark } from '../../components/DrillMark.js';
import { ErrorBox, LinkBanner, Loading, SeverityBadge } from '../../lib/ui.js';

type Row = z.infer<typeof incidentListSchema>['incidents'][number];

export function IncidentList() {
  const { query } = usePath();
  const status = query.get('status') ?? 'open';
  const severity = query.get('severity') ?? '';
  const text = query.get('q') ?? '';
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [link, setLink] = useState<{ status: LinkStatus; since?: number }>({ status: 'connecting' });
  const [search, setSearch] = useState(text);
  const statusRef = useRef(status);
  statusRef.current = status;

  async function load() {
    try {
      const params = new URLSearchParams({ limit: '500' });
      if (statusRef.current) params.set('status', statusRef.current);
      const res = await get<{ incidents: Row[] }>(`/api/v1/incidents?${params}`);
      setRows(res.incidents);
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  }

  useEffect(() => {
    void load();
  }, [status]);

  // New and changed incidents appear without reload; after a reconnect the list is read again.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 250);
    };
    const stream = new EventStream({
      afterSeq: null,
      onEvents: (events) => events.some((e) => e.type.startsWith('incident.')) && soon(),
      onStatus: (s, d) => setLink({ status: s, since: d?.since }),
      onReconnect: soon,
    });
    stream.start();
    return () => {
      clearTimeout(timer);
      stream.stop();
    };
  }, []);

  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'status' && !value) next.set('status', '');
    navigate(`/duty/incidents?${next}`, true);
  };

  const needle = text.trim().toLowerCase();
  const shown = (rows ?? []).filter(
    (r) => (!severity || r.severity === severity) && (!needle || r.title.toLowerCase().includes(needle) || r.ref.toLowerCase().includes(needle)),
  );

  return (
    <section class="incident-list" aria-labelledby="list-title">
      <h1 id="list-title">事故列表</h1>
      <LinkBanner status={link.status} since={link.since} />
      <form class="filters" role="search" onSubmit={(e) => (e.preventDefault(), setFilter('q', search))}>
        <div class="field">
          <label for="filter-status">状态</label>
          <select id="filter-status" value={status} onChange={(e) => setFilter('status', e.currentTarget.value)}>
            <option value="">全部</option>
            {INCIDENT_STATUSES.map((s) => (
              <option value={s}>{INCIDENT_STATUS_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-severity">等级</label>
          <select id="filter-severity" value={severity} onChange={(e) => setFilter('severity', e.currentTarget.value)}>
            <option value="">全部</option>
            {SEVERITIES.map((s) => (
              <option value={s}>{SEVERITY_LABELS[s]}</option>
            ))}
          </select>
        </div>
        <div class="field field-grow">
          <label for="filter-q">标题或编号</label>
          <input id="filter-q" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} onChange={(e) => setFilter('q', e.currentTarget.value)} />
        </div>
        <button type="submit" class="btn">
          筛选
        </button>
      </form>
      {error && <ErrorBox message={error} onRetry={() => void load()} />}
      {!rows ? (
        <Loading what="事故列表" />
      ) : shown.length === 0 ? (
        <p class="muted">没有符合条件的事故。</p>
      ) : (
        <table class="data-table">
          <caption class="sr-only">事故（{shown.length}）</caption>
          <thead>
            <tr>
              <th scope="col">编号</th>
              <th scope="col">标题</th>
              <th scope="col">等级</th>
              <th scope="col">状态</th>
              <th scope="col">版本</th>
              <th scope="col">接报时间</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-incident-id={r.id} data-drill={r.drill ? 'true' : undefined}>
                <td class="mono">{r.ref}</td>
                <td>
                  <DrillMark drill={r.drill} />
                  <Link href={`/duty/incidents/${r.id}`}>{r.title}</Link>
                </td>
                <td>
                  <SeverityBadge severity={r.severity} />
                </td>
                <td>{labelOf(INCIDENT_STATUS_LABELS, r.status)}</td>
                <td>
                  第{r.version}版{r.version > 1 ? '' : `（${REPORT_KIND_LABELS.initial}）`}
                </td>
                <td>{formatDateTime(r.receivedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

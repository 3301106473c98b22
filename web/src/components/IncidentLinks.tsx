/**
 * 逐级上报 links: the incidents this one was reported up as (to a jurisdiction above), and the
 * lower jurisdiction's incident it arrived from with that side's latest version. Read-only: each
 * side's commission works its own incident.
 */
import { INCIDENT_STATUS_LABELS, labelOf, REPORT_KIND_LABELS, SEVERITY_LABELS } from '../../../src/contract/labels.js';
import type { IncidentEntry } from '../lib/incident-state.js';
import { formatShort } from '../lib/time.js';

export function IncidentLinks({ entry }: { entry: IncidentEntry }) {
  const { upstream, downstream } = entry;
  if (upstream.length === 0 && !downstream) return null;
  const latest = downstream?.versions[downstream.versions.length - 1];
  return (
    <ul class="incident-links" aria-label="逐级上报">
      {downstream && (
        <li class="link-downstream" data-link-incident={downstream.id}>
          <span aria-hidden="true">⇡ </span>
          <strong>下级上报</strong>：来自{downstream.jurisdictionName} <span class="mono">{downstream.ref}</span>（{labelOf(INCIDENT_STATUS_LABELS, downstream.status)}，
          {labelOf(SEVERITY_LABELS, downstream.severity)}）
          {latest && (
            <span class="muted">
              {' '}
              · 下级最新：{labelOf(REPORT_KIND_LABELS, latest.kind)} 第{latest.version}版 {formatShort(latest.filedAt)}
            </span>
          )}
        </li>
      )}
      {upstream.map((u) => (
        <li key={u.id} class="link-upstream" data-link-incident={u.id}>
          <span aria-hidden="true">⇧ </span>
          <strong>已逐级上报</strong>：{u.jurisdictionName} <span class="mono">{u.ref}</span>（{labelOf(INCIDENT_STATUS_LABELS, u.status)}，
          {labelOf(SEVERITY_LABELS, u.severity)}，{formatShort(u.receivedAt)} 接收）
        </li>
      ))}
    </ul>
  );
}

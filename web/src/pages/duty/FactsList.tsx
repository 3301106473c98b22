/** The incident's current facts as the duty officer filed them, for the incident page. */
import type { IncidentFacts } from '../../../../src/contract/report.js';
import { MapLink } from '../../components/MapLink.js';
import { PhoneLink } from '../../components/PhoneLinks.js';
import { formatDateTime } from '../../lib/time.js';
import { FactLines } from '../../components/FactLines.js';

export function FactsList({ facts }: { facts: IncidentFacts }) {
  return (
    <section aria-labelledby="facts-title" class="facts">
      <h2 id="facts-title">当前事实</h2>
      <dl>
        <dt>发生时间</dt>
        <dd>{formatDateTime(facts.occurredAt)}</dd>
        {facts.receivedAt && (
          <>
            <dt>接报时间</dt>
            <dd>{formatDateTime(facts.receivedAt)}</dd>
          </>
        )}
        <dt>地点</dt>
        <dd>
          <MapLink place={facts.place} />
        </dd>
        <FactLines facts={facts} />
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
          <PhoneLink phone={facts.reporter.phone} who={facts.reporter.name} />
        </dd>
      </dl>
    </section>
  );
}

/** The incident's current facts as the duty officer filed them, for the incident page. */
import { CASUALTY_LABELS, FLAG_LABELS, HAZARD_LABELS, INDUSTRY_LABELS, labelOf, SETTING_LABELS } from '../../../../src/contract/labels.js';
import type { IncidentFacts } from '../../../../src/contract/report.js';
import { MapLink } from '../../components/MapLink.js';
import { PhoneLink } from '../../components/PhoneLinks.js';
import { formatDateTime } from '../../lib/time.js';
import { CASUALTY_KEYS } from './form-model.js';

export function FactsList({ facts }: { facts: IncidentFacts }) {
  return (
    <section aria-labelledby="facts-title" class="facts">
      <h2 id="facts-title">当前事实</h2>
      <dl>
        <dt>发生时间</dt>
        <dd>{formatDateTime(facts.occurredAt)}</dd>
        <dt>地点</dt>
        <dd>
          <MapLink place={facts.place} />
        </dd>
        <dt>用人单位</dt>
        <dd>
          {facts.employer.name}（{labelOf(INDUSTRY_LABELS, facts.employer.industry)}，{facts.employer.licensed ? '持照' : '无照'}）
          {facts.employer.creditCode && <span class="mono" data-literal> {facts.employer.creditCode}</span>}
        </dd>
        <dt>危害</dt>
        <dd>
          {labelOf(HAZARD_LABELS, facts.hazard.category)}
          {facts.hazard.agent ? ` · ${facts.hazard.agent}` : ''}
        </dd>
        <dt>伤亡</dt>
        <dd>{CASUALTY_KEYS.map((k) => `${CASUALTY_LABELS[k]} ${facts.casualties[k] ?? 0}`).join('，')}</dd>
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
          <PhoneLink phone={facts.reporter.phone} who={facts.reporter.name} />
        </dd>
      </dl>
    </section>
  );
}

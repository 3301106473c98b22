/**
 * Self-consistency of a routing with the regimes it answers to: when a regime names a lead body
 * (国务院令第449号: 生态环境; 第493号: 应急管理) and that body is a member unit of the jurisdiction, the
 * unit either leads in the routing or the rulebook says why not, with the clause of its own
 * document. Both outcomes are shown to the duty officer as a warning; a rulebook that says nothing
 * gets a warning asking for a manual decision. Pure.
 */
import type { Classification } from './classification.js';
import type { UnitRole } from './enums.js';
import type { Rulebook } from '../rulebooks/schema.js';

export type RegimeLeadWarningCode = 'regime_lead_deviation' | 'regime_lead_missing';

export interface RegimeLeadWarning {
  code: RegimeLeadWarningCode;
  message: string;
  regime: string;
  unitId: string;
}

const ROLE_WORDS: Record<UnitRole, string> = { lead: '牵头', support: '配合', inform: '知悉' };

export function regimeLeadWarnings(
  book: Rulebook,
  cls: Pick<Classification, 'regimes'>,
  routing: { unitId: string; role: UnitRole }[],
): RegimeLeadWarning[] {
  const warnings: RegimeLeadWarning[] = [];
  for (const regime of cls.regimes)
    for (const lead of regime.leads ?? [])
      for (const unit of book.units.filter((u) => u.authority === lead.authority)) {
        const routed = routing.find((d) => d.unitId === unit.id);
        if (routed?.role === 'lead') continue;
        const now = routed ? `在本次通知中为${ROLE_WORDS[routed.role]}单位` : '不在本次通知名单中';
        const statute = `${lead.citation}规定由${lead.body}负责${lead.scope}`;
        const deviation = book.leadDeviations.find((d) => d.regime === regime.code && d.unitId === unit.id);
        warnings.push(
          deviation
            ? {
                code: 'regime_lead_deviation',
                regime: regime.code,
                unitId: unit.id,
                message: `${statute}；${unit.name}${now}，因为${deviation.reason}（${book.document.number} ${deviation.basis.documentClause}：「${deviation.basis.quote}」）`,
              }
            : {
                code: 'regime_lead_missing',
                regime: regime.code,
                unitId: unit.id,
                message: `${statute}；${unit.name}${now}，本辖区规则未作规定，请值班员确认是否改为牵头`,
              },
        );
      }
  return warnings;
}

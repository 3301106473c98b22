/** Evaluates a rulebook condition against the facts and their classification. Pure. */
import type { IncidentFacts } from '../contract/report.js';
import type { Classification } from '../domain/classification.js';
import { isAcutePoisoningKind, severityAtLeast } from '../domain/classification.js';
import type { Condition } from './schema.js';

export type RoutedFacts = Pick<
  IncidentFacts,
  'casualties' | 'hazard' | 'employer' | 'settings' | 'flags' | 'place'
> &
  Partial<Pick<IncidentFacts, 'radiation'>>;

export function matchesCondition(cond: Condition, facts: RoutedFacts, cls: Classification): boolean {
  if ('always' in cond) return true;
  if ('all' in cond) return cond.all.every((c) => matchesCondition(c, facts, cls));
  if ('any' in cond) return cond.any.some((c) => matchesCondition(c, facts, cls));
  if ('not' in cond) return !matchesCondition(cond.not, facts, cls);
  if ('hazard' in cond) return cond.hazard.includes(facts.hazard.category);
  if ('setting' in cond) return cond.setting.some((s) => facts.settings.includes(s));
  if ('flag' in cond) return cond.flag.some((f) => facts.flags.includes(f));
  if ('industry' in cond) return cond.industry.includes(facts.employer.industry);
  if ('ownership' in cond) return cond.ownership.includes(facts.employer.ownership);
  if ('licensed' in cond) return facts.employer.licensed === cond.licensed;
  if ('laborRelation' in cond) return facts.employer.laborRelation === cond.laborRelation;
  if ('severityAtLeast' in cond) return severityAtLeast(cls.severity, cond.severityAtLeast);
  if ('regime' in cond) return cls.regimes.some((r) => cond.regime.includes(r.code));
  if ('casualtiesAtLeast' in cond) return (facts.casualties[cond.casualtiesAtLeast.field] ?? 0) >= cond.casualtiesAtLeast.value;
  if ('acutePoisoningKind' in cond) return isAcutePoisoningKind(facts);
  if ('stateOwnerLevel' in cond)
    return facts.employer.ownership === 'state_owned' && !!facts.employer.stateOwnerLevel && cond.stateOwnerLevel.includes(facts.employer.stateOwnerLevel);
  if ('sourceLostOrStolen' in cond) return facts.hazard.category === 'radiation' && facts.radiation?.lostOrStolen === true;
  const never: never = cond;
  throw new Error(`unknown condition ${JSON.stringify(never)}`);
}

/** 规则库: the jurisdiction's current rulebook as it is, each rule with its unit, readable condition and quoted clause. */
import { ruleClause } from '../../domain/routing.js';
import type { Actor, Services } from '../context.js';
import { notFound } from '../errors.js';
import { requireAdminRead } from './access.js';
import { describeCondition } from './describe-condition.js';

export async function currentRulebook(services: Services, actor: Actor, input: { jurisdictionId: string }) {
  const j = await requireAdminRead(services, actor, input.jurisdictionId);
  const book = await services.rulebooks.current(input.jurisdictionId);
  if (!book) throw notFound('规则库');
  const units = new Map(book.units.map((u) => [u.id, u]));
  const escalation = (book as { escalationMinutes?: { unitHead: Record<string, number>; commander: Record<string, number> } }).escalationMinutes;
  return {
    jurisdiction: { id: j.id, name: j.name, level: j.level, parentId: j.parentId, utcOffset: j.utcOffset },
    version: book.version,
    document: { title: book.document.title, number: book.document.number, issuedOn: book.document.issuedOn ?? null },
    commissionUnitId: book.commissionUnitId,
    units: book.units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, kind: u.kind, section: u.section ?? null, duties: u.duties })),
    rules: book.routing.map((rule) => {
      const unit = rule.unitId ? units.get(rule.unitId) : undefined;
      // The same reference and quote the routing preview shows for this rule.
      const clause = unit || !('unitDuty' in rule.basis) ? ruleClause(book, rule, unit ?? book.units[0]!) : { ref: '', quote: '' };
      const basis = { ref: clause.ref, quote: clause.quote, source: 'unitDuty' in rule.basis ? ('unit_duty' as const) : 'statute' in rule.basis ? ('statute' as const) : ('document' as const) };
      return {
        id: rule.id,
        unitId: rule.unitId ?? null,
        unitName: unit?.name ?? (rule.townshipOfPlace ? '事发地乡镇/街道' : null),
        townshipOfPlace: rule.townshipOfPlace === true,
        role: rule.role,
        reason: rule.reason,
        when: rule.when,
        whenText: describeCondition(rule.when),
        basis,
      };
    }),
    ackDeadlineMinutes: book.ackDeadlineMinutes,
    escalationMinutes: escalation
      ? {
          unitHead: { general: escalation.unitHead.general!, major: escalation.unitHead.major!, extraordinary: escalation.unitHead.extraordinary! },
          commander: { general: escalation.commander.general!, major: escalation.commander.major!, extraordinary: escalation.commander.extraordinary! },
        }
      : null,
  };
}

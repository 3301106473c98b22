/** The rulebook's suggested joint response tasks (联合处置) for the regimes an incident falls under. */
import { eq } from 'drizzle-orm';
import { memberUnits, responseTasks } from '../../db/schema.js';
import type { RegimeCode } from '../../domain/enums.js';
import type { Rulebook, SuggestedTask } from '../../rulebooks/schema.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { forbidden } from '../errors.js';
import { latestVersion, loadVisibleIncident } from '../incidents/load.js';

export function suggestionsFor(book: Rulebook, regimes: RegimeCode[]): (SuggestedTask & { regime: RegimeCode })[] {
  const byRegime = book.suggestedTasks ?? {};
  return regimes.flatMap((regime) => (byRegime[regime] ?? []).map((t) => ({ ...t, regime })));
}

export async function listTaskSuggestions(services: Services, actor: Actor, incidentId: string) {
  const incident = await loadVisibleIncident(services.db, actor, incidentId);
  if (!isCommission(actor)) throw forbidden('建议任务只对卫健委开放 (suggestions are for the commission)');
  const book = await services.rulebooks.current(incident.jurisdictionId);
  const current = await latestVersion(services.db, incidentId);
  const units = new Map(
    (await services.db.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.jurisdictionId, incident.jurisdictionId))).map((u) => [u.id, u.name]),
  );
  const used = new Set(
    (await services.db.select({ s: responseTasks.suggestionId }).from(responseTasks).where(eq(responseTasks.incidentId, incidentId))).map((r) => r.s),
  );
  return {
    suggestions: suggestionsFor(book!, current.classification.regimes.map((r) => r.code)).map((s) => ({
      id: s.id,
      regime: s.regime,
      unitId: s.unitId,
      unitName: units.get(s.unitId) ?? s.unitId,
      role: s.role,
      title: s.title,
      description: s.description,
      dueInMinutes: s.dueInMinutes,
      basis: s.basis ?? null,
      alreadyCreated: used.has(s.id),
    })),
  };
}

/** Incidents: who files reports on them and who sees them (spec §8: invisible is 404). */
import type { PolicyActor } from './actor.js';
import { withinScope } from './api-scopes.js';
import { isCommander, isCommission, isUnitMember, servesJurisdiction } from './roles.js';

/** 初报/续报/终报 and their routing preview: the jurisdiction's duty officers and commanders, and the system administrator. */
export function mayFileReport(actor: PolicyActor, jurisdictionId: string): boolean {
  return servesJurisdiction(actor, jurisdictionId) && withinScope(actor, 'reports:file');
}

/**
 * The commission sees its jurisdiction's incidents; a member unit sees those it was notified of
 * or holds a task of (`unitInvolved`, which the caller looks up).
 */
export function mayViewIncident(actor: PolicyActor, incident: { jurisdictionId: string }, unitInvolved: boolean): boolean {
  if (isCommission(actor)) return servesJurisdiction(actor, incident.jurisdictionId) && (withinScope(actor, 'incidents:read') || withinScope(actor, 'reports:file'));
  return isUnitMember(actor) && unitInvolved;
}

/** Closing an incident over open items (强制结案) is a commander's call. */
export function mayOverrideClose(actor: PolicyActor, jurisdictionId: string): boolean {
  return isCommander(actor) && servesJurisdiction(actor, jurisdictionId) && !actor.scopes;
}

/** How incidents and notifications are shown to clients and carried in events. */
import type { IncidentFacts } from '../../contract/report.js';
import type { incidents, notifications } from '../../db/schema.js';
import type { RoutingClause } from '../../domain/routing.js';

type IncidentRow = typeof incidents.$inferSelect;
type NotificationRow = typeof notifications.$inferSelect;

/** What a member unit is told about the incident: the facts it needs to act, not the commission's board. */
export function incidentSummary(incident: IncidentRow, facts: IncidentFacts) {
  return {
    id: incident.id,
    ref: incident.ref,
    jurisdictionId: incident.jurisdictionId,
    title: incident.title,
    /** 演练: every screen and message marks it 【演练】. */
    drill: incident.drill,
    status: incident.status,
    severity: incident.severity,
    version: incident.currentVersion,
    occurredAt: incident.occurredAt.toISOString(),
    receivedAt: incident.receivedAt.toISOString(),
    place: facts.place,
    // The facts that decide a unit's part (出资层级 for 国资委, 证照 for 自然资源, 放射源 for 公安…).
    employer: {
      name: facts.employer.name,
      industry: facts.employer.industry,
      ownership: facts.employer.ownership,
      stateOwnerLevel: facts.employer.stateOwnerLevel,
      licensed: facts.employer.licensed,
      laborRelation: facts.employer.laborRelation,
    },
    settings: facts.settings,
    flags: facts.flags,
    hazard: facts.hazard,
    radiation: facts.radiation,
    casualties: facts.casualties,
    narrative: facts.narrative,
    measuresTaken: facts.measuresTaken ?? null,
    /** Who reported it and how to call back. */
    reporter: facts.reporter,
  };
}

export function notificationView(n: NotificationRow, unitName: string, clauses: RoutingClause[] = []) {
  return {
    id: n.id,
    incidentId: n.incidentId,
    reportVersion: n.reportVersion,
    unitId: n.unitId,
    unitName,
    role: n.role,
    basis: n.basis,
    clauses,
    state: n.state,
    createdAt: n.createdAt.toISOString(),
    ackDueAt: n.ackDueAt.toISOString(),
    firstDeliveredAt: n.firstDeliveredAt?.toISOString() ?? null,
    firstReadAt: n.firstReadAt?.toISOString() ?? null,
    acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: n.acknowledgedBy,
    acknowledgedVia: n.acknowledgedVia,
    acknowledgementNote: n.acknowledgementNote,
    declinedAt: n.declinedAt?.toISOString() ?? null,
    declinedBy: n.declinedBy,
    declineReason: n.declineReason,
    declineResolvedAt: n.declineResolvedAt?.toISOString() ?? null,
    declineResolution: n.declineResolution,
    declineResolutionReason: n.declineResolutionReason,
    reassignedTo: n.reassignedTo,
  };
}

export type NotificationView = ReturnType<typeof notificationView>;

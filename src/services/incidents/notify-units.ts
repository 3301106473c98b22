/**
 * Fan-out inside the filing transaction: one notification per concerned unit for this report
 * version, a queued socket delivery for each of the unit's on-duty liaisons, and the events the
 * relay turns into messages after commit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { IncidentFacts } from '../../contract/report.js';
import type { Database } from '../../db/client.js';
import { deliveries, incidents, notifications, users } from '../../db/schema.js';
import { acknowledgementDeadline } from '../../domain/deadlines.js';
import type { Severity } from '../../domain/enums.js';
import type { RoutingDecision } from '../../domain/routing.js';
import { unitRevision, type UnitRevision, type VersionSnapshot } from '../../domain/report-changes.js';
import type { Rulebook } from '../../rulebooks/schema.js';
import type { NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { queueExternalDeliveries } from '../delivery/queue-deliveries.js';
import { incidentSummary, notificationView, type NotificationView } from './views.js';

export interface NotifyUnitsInput {
  incident: typeof incidents.$inferSelect;
  facts: IncidentFacts;
  version: number;
  routing: RoutingDecision[];
  book: Rulebook;
  severity: Severity;
  now: Date;
  actorId: string;
  /** Which report this is and the version before it, so each unit is told what changed for it (续报·第N版). */
  revision?: { kind: UnitRevision['kind']; previous: (VersionSnapshot & { version: number }) | null };
}

export async function notifyUnits(tx: Database, input: NotifyUnitsInput): Promise<{ views: NotificationView[]; events: NewEvent[] }> {
  const { incident, routing, now } = input;
  if (routing.length === 0) return { views: [], events: [] };
  const rows = routing.map((d) => ({
    id: newId('ntf', now.getTime()),
    incidentId: incident.id,
    reportVersion: input.version,
    unitId: d.unitId,
    role: d.role,
    basis: d.basis,
    state: 'pending' as const,
    createdAt: now,
    ackDueAt: acknowledgementDeadline(input.book, d.role, input.severity, now),
  })).map((n) => ({ ...n, nextEscalationAt: n.ackDueAt }));
  const inserted = await tx.insert(notifications).values(rows).returning();

  const liaisons = await tx
    .select({ id: users.id, unitId: users.unitId })
    .from(users)
    .where(and(inArray(users.unitId, routing.map((d) => d.unitId)), eq(users.role, 'liaison'), eq(users.active, true), eq(users.onDuty, true)));
  const byUnit = new Map(inserted.map((n) => [n.unitId, n]));
  const socketRows = liaisons.map((l) => ({
    id: newId('dlv', now.getTime()),
    notificationId: byUnit.get(l.unitId!)!.id,
    userId: l.id,
    unitId: l.unitId,
    channel: 'socket' as const,
    recipientKey: l.id,
    state: 'queued' as const,
    queuedAt: now,
  }));
  if (socketRows.length) await tx.insert(deliveries).values(socketRows);
  // Every other channel the on-duty liaisons and the units have: push, SMS, group robots.
  await queueExternalDeliveries(tx, inserted, { round: 0, people: liaisons.map((l) => ({ id: l.id, unitId: l.unitId! })), includeUnitRobots: true, now });

  const summary = incidentSummary(incident, input.facts);
  const decisions = new Map(routing.map((d) => [d.unitId, d]));
  const views = inserted.map((n) => notificationView(n, decisions.get(n.unitId)!.unitName, decisions.get(n.unitId)!.clauses));
  const events: NewEvent[] = views.map((view) => ({
    type: 'notification.created',
    jurisdictionId: incident.jurisdictionId,
    incidentId: incident.id,
    audienceUnits: [view.unitId],
    actorId: input.actorId,
    data: {
      notification: view,
      incident: summary,
      ...(input.revision ? { revision: unitRevision(input.revision.kind, input.version, input.revision.previous, view.unitId) } : {}),
    },
  }));
  return { views, events };
}

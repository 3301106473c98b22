/**
 * Fan-out inside the filing transaction: one notification per concerned unit for this report
 * version, a queued socket delivery for each person the unit's rota has on duty, and the events the
 * relay turns into messages after commit.
 */
import { eq } from 'drizzle-orm';
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
import { firstRecipientsOfUnits } from '../rota/load.js';
import { queueVoiceCalls } from '../delivery/queue-voice.js';
import { voiceCallDue } from '../../domain/voice-calls.js';
import { incidentSummary, notificationView, type NotificationView } from './views.js';
import { insertChunks } from '../../db/insert-chunks.js';

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
  /** A voice channel is configured (Services.voiceCalls). */
  voiceCalls?: boolean;
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
  })).map((n) => (isFilingBody(input.book, n.unitId) ? { ...n, ...filedByItself(now, input.actorId) } : { ...n, nextEscalationAt: n.ackDueAt }));
  const inserted = await tx.insert(notifications).values(rows).returning();

  // The filing body is not sent, chased or counted late for what it filed itself.
  const chased = routing.map((d) => d.unitId).filter((u) => !isFilingBody(input.book, u));
  // Whoever the unit's rota has on duty now (its liaisons as before, when it keeps no rota).
  const liaisons = await firstRecipientsOfUnits(tx, chased, input.book.jurisdiction.utcOffset, now);
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
  for (const chunk of insertChunks(deliveries, socketRows)) await tx.insert(deliveries).values(chunk);
  // Every other channel the on-duty liaisons and the units have: push, SMS, group robots.
  await queueExternalDeliveries(tx, inserted.filter((n) => !isFilingBody(input.book, n.unitId)), { round: 0, people: liaisons.map((l) => ({ id: l.id, unitId: l.unitId! })), includeUnitRobots: true, now });

  // 重大/特大: the person on duty of a lead or support unit is rung at once.
  for (const n of inserted)
    if (input.voiceCalls && !isFilingBody(input.book, n.unitId) && voiceCallDue(n.role, input.severity, 'filed'))
      await queueVoiceCalls(tx, n, liaisons.filter((l) => l.unitId === n.unitId).map((l) => l.id), 0, now);

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
  // The filing body's acknowledgement is on the record as the filer's, at filing time.
  const own = views.filter((v) => isFilingBody(input.book, v.unitId));
  if (own.length) {
    const [filer] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, input.actorId));
    for (const view of own)
      events.push({
        type: 'notification.acknowledged',
        jurisdictionId: incident.jurisdictionId,
        incidentId: incident.id,
        audienceUnits: [view.unitId],
        actorId: input.actorId,
        data: { notification: { ...view, acknowledgedByName: filer?.name ?? null } },
      });
  }
  return { views, events };
}

/** The commission that files the report: its own unit may be routed (tasks, an internal section) but is never asked to acknowledge. */
export function isFilingBody(book: Rulebook, unitId: string): boolean {
  return book.commissionUnitId === unitId;
}

/** Its notification stands acknowledged by the filer at filing time: no deadline to chase, nothing late. */
function filedByItself(now: Date, filerId: string) {
  return {
    state: 'acknowledged' as const,
    acknowledgedAt: now,
    acknowledgedBy: filerId,
    acknowledgedVia: 'api' as const,
    acknowledgementNote: '本单位报送，无需签收',
    closedAt: now,
    nextEscalationAt: null,
  };
}

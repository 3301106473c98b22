/**
 * Writes a new incident inside the caller's transaction: the incident, its first report version,
 * the notifications of the routed units, its upward-reporting obligations, and the events. Shared
 * by the 初报 and by a report arriving from a lower jurisdiction (逐级上报).
 */
import { localDay } from '../../domain/local-time.js';
import { eq, sql } from 'drizzle-orm';
import type { IncidentFacts } from '../../contract/report.js';
import type { Database } from '../../db/client.js';
import { incidentRefCounters, incidents, reportVersions } from '../../db/schema.js';
import type { Rulebook } from '../../rulebooks/schema.js';
import type { NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { createObligations } from '../obligations/create-obligations.js';
import { assessmentView, type Assessment } from './assess.js';
import { notifyUnits } from './notify-units.js';

async function nextRef(tx: Database, jurisdictionId: string, day: string): Promise<string> {
  const [row] = await tx
    .insert(incidentRefCounters)
    .values({ jurisdictionId, day, last: 1 })
    .onConflictDoUpdate({
      target: [incidentRefCounters.jurisdictionId, incidentRefCounters.day],
      set: { last: sql`${incidentRefCounters.last} + 1` },
    })
    .returning({ last: incidentRefCounters.last });
  return `${jurisdictionId.toUpperCase()}-${day}-${String(row!.last).padStart(3, '0')}`;
}

export interface NewIncident {
  book: Rulebook;
  assessment: Assessment;
  /** The facts as stored, receipt time included. */
  facts: IncidentFacts & { receivedAt: string };
  receivedAt: Date;
  drill: boolean;
  /** 逐级上报: the lower jurisdiction's incident it arrives from. */
  source?: { incidentId: string; ref: string; jurisdictionId: string; jurisdictionName: string; obligationId: string };
  actor: { id: string; displayName: string };
  now: Date;
  voiceCalls?: boolean;
  /** 成员单位报告: the member unit's report this 初报 confirms (信阳 三(四)2). */
  fromUnitReport?: { id: string; unitId: string; unitName: string; filedAt: string };
}

export async function createIncident(tx: Database, input: NewIncident) {
  const { book, assessment, facts, receivedAt, now, actor } = input;
  const jurisdictionId = book.jurisdiction.id;
  const id = newId('inc', now.getTime());
  // The day's number is taken last (below): its counter row stays locked until commit, and every
  // other filing of this jurisdiction that day waits on it. Until then the row carries its own id,
  // unique and never seen (nothing outside this transaction sees the row before it commits).
  const [inserted] = await tx
    .insert(incidents)
    .values({
      id,
      ref: id,
      jurisdictionId,
      title: facts.title,
      severity: assessment.classification.severity,
      currentVersion: 1,
      occurredAt: new Date(facts.occurredAt),
      receivedAt,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      drill: input.drill,
      sourceIncidentId: input.source?.incidentId ?? null,
    })
    .returning();
  await tx.insert(reportVersions).values({
    incidentId: id,
    version: 1,
    kind: 'initial',
    facts,
    classification: assessment.classification,
    routing: assessment.routing,
    excluded: assessment.excluded,
    warnings: assessment.warnings,
    rulebookVersion: book.version,
    requiresReacknowledgement: true,
    filedBy: actor.id,
    filedAt: now,
  });
  const fanOut = await notifyUnits(tx, {
    incident: inserted!,
    facts,
    version: 1,
    revision: { kind: 'initial', previous: null },
    routing: assessment.routing,
    book,
    severity: assessment.classification.severity,
    now,
    actorId: actor.id,
    voiceCalls: input.voiceCalls,
  });
  const obligationEvents = await createObligations(tx, {
    incident: inserted!,
    classification: assessment.classification,
    book,
    version: 1,
    startsAt: receivedAt,
    now,
    actorId: actor.id,
  });
  const ref = await nextRef(tx, jurisdictionId, localDay(receivedAt, book.jurisdiction.utcOffset));
  await tx.update(incidents).set({ ref }).where(eq(incidents.id, id));
  const incident = { ...inserted!, ref };
  const source = input.source ? { incidentId: input.source.incidentId, ref: input.source.ref, jurisdictionId: input.source.jurisdictionId, jurisdictionName: input.source.jurisdictionName } : null;
  const body = {
    id,
    ref,
    jurisdictionId,
    title: facts.title,
    status: 'open' as const,
    version: 1,
    receivedAt: receivedAt.toISOString(),
    drill: input.drill,
    ...assessmentView(assessment),
    notifications: fanOut.views.map((n) => ({ id: n.id, unitId: n.unitId, unitName: n.unitName, role: n.role, state: n.state, ackDueAt: n.ackDueAt })),
  };
  const events: NewEvent[] = [
    {
      type: 'incident.reported',
      jurisdictionId,
      incidentId: id,
      actorId: actor.id,
      data: { incident: { ...body, occurredAt: facts.occurredAt, filedBy: actor.displayName, kind: 'initial', source, fromUnitReport: input.fromUnitReport ?? null } },
    },
    ...fanOut.events.map((e) => (e.type === 'notification.created' ? { ...e, data: { ...e.data, incident: { ...e.data.incident, ref } } } : e)),
    ...obligationEvents,
  ];
  return { incident, body, events };
}

/**
 * Creates an incident's upward-reporting obligations inside the filing transaction: those its
 * current classification requires and it does not have yet. A 续报 that raises the severity or
 * adds a regime adds the new ones at once; the earlier ones stay.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { obligations } from '../../db/schema.js';
import type { Classification } from '../../domain/classification.js';
import { addedObligations, computeObligations, supersededObligations } from '../../domain/obligations.js';
import { recipientNamesOf, type Rulebook } from '../../rulebooks/schema.js';
import type { NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { reportingPlace } from './reporting-place.js';
import { obligationView } from './views.js';

export interface CreateObligationsInput {
  incident: { id: string; jurisdictionId: string };
  classification: Pick<Classification, 'severity' | 'regimes'>;
  book: Rulebook;
  version: number;
  /** The receipt of the report that creates them: the clocks start here. */
  startsAt: Date;
  now: Date;
  actorId: string;
}

export async function createObligations(tx: Database, input: CreateObligationsInput): Promise<NewEvent[]> {
  const { incident, now } = input;
  const specs = computeObligations({
    classification: input.classification,
    place: await reportingPlace(tx, incident.jurisdictionId),
    policy: input.book.upwardReporting,
    startsAt: input.startsAt,
    recipientNames: recipientNamesOf(input.book),
  });
  const existing = await tx.select().from(obligations).where(eq(obligations.incidentId, incident.id));
  const events = await supersede(tx, input, supersededObligations(existing, specs));
  const added = addedObligations(existing.map((o) => o.key), specs);
  if (added.length === 0) return events;
  const rows = await tx
    .insert(obligations)
    .values(
      added.map((s) => ({
        id: newId('obl', now.getTime()),
        incidentId: incident.id,
        key: s.key,
        regime: s.regime,
        recipientKind: s.recipient.kind,
        recipientName: s.recipient.name,
        recipientJurisdictionId: s.recipient.jurisdictionId,
        statutoryMinutes: s.statutoryMinutes,
        targetMinutes: s.targetMinutes,
        deadlineText: s.deadlineText,
        citation: s.citation,
        requirement: s.requirement,
        informational: s.informational,
        startsAt: s.startsAt,
        dueAt: s.dueAt,
        createdAt: now,
        createdByVersion: input.version,
        // Informational duties are another party's: shown with their clock, not chased.
        nextChaseAt: s.informational ? null : s.dueAt,
      })),
    )
    .onConflictDoNothing()
    .returning();
  return [...events, ...rows.map((o) => ({
    type: 'obligation.created' as const,
    jurisdictionId: incident.jurisdictionId,
    incidentId: incident.id,
    actorId: input.actorId,
    data: { obligation: obligationView(o, now) },
  }))];
}

/** Marks the replaced duties superseded: no longer chased, not blocking the 终报, shown as replaced. */
async function supersede(tx: Database, input: CreateObligationsInput, list: { id: string; byKey: string }[]): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  for (const byKey of new Set(list.map((l) => l.byKey))) {
    const ids = list.filter((l) => l.byKey === byKey).map((l) => l.id);
    const rows = await tx
      .update(obligations)
      .set({ supersededAt: input.now, supersededByKey: byKey, nextChaseAt: null })
      .where(inArray(obligations.id, ids))
      .returning();
    for (const o of rows)
      events.push({
        type: 'obligation.superseded',
        jurisdictionId: input.incident.jurisdictionId,
        incidentId: input.incident.id,
        actorId: input.actorId,
        data: { obligation: obligationView(o, input.now) },
      });
  }
  return events;
}

/**
 * Brings an incident's upward-reporting obligations in line with its current classification,
 * inside the filing transaction (the plan is `planObligationChanges`): a 续报 that raises the
 * severity or adds a regime adds the new duties at once, supersedes the looser ones and reinstates
 * any it requires again.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { obligations } from '../../db/schema.js';
import type { Classification } from '../../domain/classification.js';
import { computeObligations, planObligationChanges, type ObligationPlan } from '../../domain/obligations.js';
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
  const plan = planObligationChanges(existing, specs, now);
  const events = [...(await supersede(tx, input, plan.superseded)), ...(await reinstate(tx, input, plan.reinstated, existing))];
  const added = plan.added;
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

/** Superseded duties in force again: chased again (a missed deadline at once) and blocking the 终报. */
async function reinstate(tx: Database, input: CreateObligationsInput, list: ObligationPlan['reinstated'], existing: { id: string; informational: boolean }[]): Promise<NewEvent[]> {
  const events: NewEvent[] = [];
  for (const r of list) {
    const informational = existing.find((o) => o.id === r.id)?.informational ?? false;
    const [o] = await tx
      .update(obligations)
      .set({ supersededAt: null, supersededByKey: null, startsAt: r.startsAt, dueAt: r.dueAt, nextChaseAt: informational ? null : r.dueAt })
      .where(eq(obligations.id, r.id))
      .returning();
    if (o) events.push({ type: 'obligation.reinstated', jurisdictionId: input.incident.jurisdictionId, incidentId: input.incident.id, actorId: input.actorId, data: { obligation: obligationView(o, input.now) } });
  }
  return events;
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

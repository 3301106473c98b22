/**
 * 逐级上报: an upward report to a jurisdiction of the same deployment arrives there as an incoming
 * incident, with the lower jurisdiction's current facts, routed by that jurisdiction's own
 * rulebook to its own member units, with its own obligations. One incoming incident per source
 * incident and recipient jurisdiction: a second report to the same authority links to it.
 */
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents, jurisdictions } from '../../db/schema.js';
import type { NewEvent } from '../events/append.js';
import { assessReport } from '../incidents/assess.js';
import { createIncident } from '../incidents/create-incident.js';
import { latestVersion } from '../incidents/load.js';
import type { Services } from '../context.js';

export interface ForwardInput {
  source: typeof incidents.$inferSelect;
  toJurisdictionId: string;
  obligationId: string;
  /** When the recipient received it: the submission time. */
  receivedAt: Date;
  actor: { id: string; displayName: string };
  now: Date;
}

export async function forwardIncident(tx: Database, services: Services, input: ForwardInput): Promise<{ upstreamIncidentId: string; events: NewEvent[] }> {
  const { source, toJurisdictionId, now } = input;
  // One incoming incident per source and recipient: two reports going up at once wait for each other.
  await tx.select({ id: incidents.id }).from(incidents).where(eq(incidents.id, source.id)).for('update');
  const [existing] = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.sourceIncidentId, source.id), eq(incidents.jurisdictionId, toJurisdictionId)));
  if (existing) return { upstreamIncidentId: existing.id, events: [] };

  const book = await services.rulebooks.current(toJurisdictionId, tx);
  if (!book) throw new Error(`no rulebook for ${toJurisdictionId}`);
  const [from] = await tx.select({ name: jurisdictions.name }).from(jurisdictions).where(eq(jurisdictions.id, source.jurisdictionId));
  const current = await latestVersion(tx, source.id);
  const { receivedAt: _r, ...sourceFacts } = current.facts as typeof current.facts & { receivedAt?: string };
  const facts = {
    ...sourceFacts,
    title: `【${from!.name}上报】${current.facts.title}`.slice(0, 120),
    receivedAt: input.receivedAt.toISOString(),
  };
  const assessment = assessReport(book, facts, [], []);
  const created = await createIncident(tx, {
    book,
    assessment,
    facts,
    receivedAt: input.receivedAt,
    drill: source.drill,
    source: { incidentId: source.id, ref: source.ref, jurisdictionId: source.jurisdictionId, jurisdictionName: from!.name, obligationId: input.obligationId },
    actor: input.actor,
    now,
    voiceCalls: services.voiceCalls,
  });
  const forwarded: NewEvent = {
    type: 'incident.forwarded',
    jurisdictionId: source.jurisdictionId,
    incidentId: source.id,
    actorId: input.actor.id,
    data: { incidentId: source.id, obligationId: input.obligationId, toJurisdictionId, upstreamIncidentId: created.incident.id, upstreamRef: created.incident.ref },
  };
  return { upstreamIncidentId: created.incident.id, events: [...created.events, forwarded] };
}

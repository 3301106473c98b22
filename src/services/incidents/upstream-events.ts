/**
 * 逐级上报, afterwards: a 续报 or 终报 of an incident that was reported up tells each incoming
 * incident above it, on that jurisdiction's board and timeline. The version itself stays the lower
 * jurisdiction's (its history is shown as the upstream incident's `downstream`); the commission
 * above decides whether to file its own 续报.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { incidents } from '../../db/schema.js';
import type { EventData } from '../../contract/event-payloads.js';
import type { NewEvent } from '../events/append.js';

/** What the version says, as the incident above is told it. */
type SourceVersion = Omit<EventData<'incident.source_updated'>, 'incidentId' | 'sourceIncidentId'>;

export async function upstreamEvents(tx: Database, sourceIncidentId: string, actorId: string, data: SourceVersion): Promise<NewEvent[]> {
  const upstream = await tx.select({ id: incidents.id, jurisdictionId: incidents.jurisdictionId }).from(incidents).where(eq(incidents.sourceIncidentId, sourceIncidentId));
  return upstream.map((u) => ({
    type: 'incident.source_updated',
    jurisdictionId: u.jurisdictionId,
    incidentId: u.id,
    actorId,
    data: { incidentId: u.id, sourceIncidentId, ...data },
  }));
}

/**
 * Appends domain events inside the caller's transaction. The counter row is locked until the
 * transaction ends, so sequence numbers are handed out in commit order with no gaps.
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { events, eventSequence } from '../../db/schema.js';
import type { EventType } from '../../contract/events.js';

export interface NewEvent {
  /** Only a type of the catalogue (src/contract/events.ts), which says who may see it. */
  type: EventType;
  jurisdictionId: string;
  incidentId?: string | null;
  /** Units whose people may see it; the jurisdiction's commission always may. */
  audienceUnits?: string[];
  actorId?: string | null;
  data: Record<string, unknown>;
}

export interface StoredEvent {
  seq: number;
  type: string;
  at: Date;
  jurisdictionId: string;
  incidentId: string | null;
  audienceUnits: string[];
  data: Record<string, unknown>;
}

export async function appendEvents(tx: Database, at: Date, items: NewEvent[]): Promise<StoredEvent[]> {
  if (items.length === 0) return [];
  const [counter] = await tx
    .update(eventSequence)
    .set({ lastSeq: sql`${eventSequence.lastSeq} + ${items.length}` })
    .where(eq(eventSequence.id, 1))
    .returning({ lastSeq: eventSequence.lastSeq });
  const first = counter!.lastSeq - items.length + 1;
  const rows = items.map((e, i) => ({
    seq: first + i,
    type: e.type,
    at,
    jurisdictionId: e.jurisdictionId,
    incidentId: e.incidentId ?? null,
    audienceUnits: e.audienceUnits ?? [],
    actorId: e.actorId ?? null,
    data: e.data,
  }));
  await tx.insert(events).values(rows);
  return rows;
}

/**
 * Appends domain events inside the caller's transaction. Seqs come from a sequence (no lock held
 * until commit, so concurrent writers do not queue); readers stay behind the settled head
 * (./head.ts), so each still sees every event once, in seq order. A rolled-back transaction leaves
 * its seqs unused: seqs increase but may skip numbers.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { events } from '../../db/schema.js';
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
  const taken = (await tx.execute(sql`select s::text as seq from lianfang_take_event_seqs(${items.length}::int) s`)) as unknown as
    | { seq: string }[]
    | { rows: { seq: string }[] };
  const seqs = (Array.isArray(taken) ? taken : taken.rows).map((r) => Number(r.seq)).sort((a, b) => a - b);
  const rows = items.map((e, i) => ({
    seq: seqs[i]!,
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

/**
 * Appends domain events inside the caller's transaction. Seqs come from a sequence (no lock held
 * until commit, so concurrent writers do not queue); readers stay behind the settled head
 * (./head.ts), so each still sees every event once, in seq order. A rolled-back transaction leaves
 * its seqs unused: seqs increase but may skip numbers.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { events } from '../../db/schema.js';
import { payloadProblem, type EventData } from '../../contract/event-payloads.js';
import type { EventType } from '../../contract/events.js';
import { noteAppended } from './committed.js';

interface NewEventOf<T extends EventType> {
  /** Only a type of the catalogue (src/contract/events.ts), which says who may see it. */
  type: T;
  jurisdictionId: string;
  incidentId?: string | null;
  /** Units whose people may see it; the jurisdiction's commission always may. */
  audienceUnits?: string[];
  actorId?: string | null;
  /** Its payload as src/contract/event-payloads.ts declares it for this type. */
  data: EventData<T>;
}

/** An event to append, its data checked against its type's payload. */
export type NewEvent = { [T in EventType]: NewEventOf<T> }[EventType];

export interface StoredEvent {
  seq: number;
  type: string;
  at: Date;
  jurisdictionId: string;
  incidentId: string | null;
  audienceUnits: string[];
  data: Record<string, unknown>;
}

/**
 * Under test and in development every appended payload is parsed against its declared schema, so
 * the whole test suite checks at run time what `tsc` checks at build time (casts and `any`
 * included). A running service never refuses a write over it.
 */
const env = globalThis.process?.env ?? {};
const CHECK_PAYLOADS = Boolean(env.VITEST) || env.NODE_ENV === 'test' || env.NODE_ENV === 'development';

export async function appendEvents(tx: Database, at: Date, items: NewEvent[]): Promise<StoredEvent[]> {
  if (items.length === 0) return [];
  if (CHECK_PAYLOADS)
    for (const e of items) {
      const problem = payloadProblem(e.type, e.data);
      if (problem) throw new Error(`event payload does not match src/contract/event-payloads.ts: ${problem}`);
    }
  const written = items.map((e) => ({
    type: e.type,
    at,
    jurisdictionId: e.jurisdictionId,
    incidentId: e.incidentId ?? null,
    audienceUnits: e.audienceUnits ?? [],
    actorId: e.actorId ?? null,
    data: e.data as Record<string, unknown>,
  }));
  // Each row takes its seq as it is inserted, in row order; the function takes the transaction's
  // id first (./head.ts says why).
  const inserted = await tx
    .insert(events)
    .values(written.map((row) => ({ ...row, seq: sql`lianfang_next_event_seq()` })))
    .returning({ seq: events.seq });
  const rows = written.map((row, i) => ({ ...row, seq: inserted[i]!.seq }));
  // The log's order is the order the caller gave: seqs rise with the rows or nothing is written.
  if (rows.some((r, i) => i > 0 && r.seq <= rows[i - 1]!.seq)) throw new Error('event seqs were not taken in row order');
  noteAppended(tx, rows);
  return rows;
}

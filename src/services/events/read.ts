/** Reads the event log: for the relay (everything), and for one caller's `resume` (what it may see). */
import { and, asc, eq, gt, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { events, eventSequence } from '../../db/schema.js';
import type { Actor } from '../context.js';
import { isCommission } from '../context.js';
import type { StoredEvent } from './append.js';
import { ACCESS_CHANGED } from '../auth/access-changes.js';

/** The envelope every client receives (spec §8). */
export interface EventEnvelope {
  seq: number;
  type: string;
  at: string;
  jurisdictionId: string;
  incidentId: string | null;
  data: Record<string, unknown>;
}

export function toEnvelope(e: StoredEvent): EventEnvelope {
  return { seq: e.seq, type: e.type, at: e.at.toISOString(), jurisdictionId: e.jurisdictionId, incidentId: e.incidentId, data: e.data };
}

const columns = {
  seq: events.seq,
  type: events.type,
  at: events.at,
  jurisdictionId: events.jurisdictionId,
  incidentId: events.incidentId,
  audienceUnits: events.audienceUnits,
  data: events.data,
};

export async function latestSeq(db: Database): Promise<number> {
  const [row] = await db.select({ lastSeq: eventSequence.lastSeq }).from(eventSequence).where(eq(eventSequence.id, 1));
  return row?.lastSeq ?? 0;
}

export async function readEventsAfter(db: Database, afterSeq: number, limit: number): Promise<StoredEvent[]> {
  return db.select(columns).from(events).where(gt(events.seq, afterSeq)).orderBy(asc(events.seq)).limit(limit);
}

/** Which events an actor may see: its jurisdiction's if it is commission, its unit's if it is a unit member. */
export function eventVisibility(actor: Actor): SQL | undefined {
  // Access-change control rows are for the relays, never for a person.
  const shown = ne(events.type, ACCESS_CHANGED);
  if (actor.role === 'admin') return shown;
  if (isCommission(actor)) return and(shown, eq(events.jurisdictionId, actor.jurisdictionId ?? ''));
  if (actor.unitId) return and(shown, sql`${actor.unitId} = ANY(${events.audienceUnits})`);
  return sql`false`;
}

export function eventVisibleTo(actor: Actor, e: Pick<StoredEvent, 'type' | 'jurisdictionId' | 'audienceUnits'>): boolean {
  if (e.type === ACCESS_CHANGED) return false;
  if (actor.role === 'admin') return true;
  if (isCommission(actor)) return e.jurisdictionId === actor.jurisdictionId;
  return actor.unitId !== null && e.audienceUnits.includes(actor.unitId);
}

export async function readVisibleEventsAfter(
  db: Database,
  actor: Actor,
  afterSeq: number,
  limit: number,
  incidentId?: string,
): Promise<StoredEvent[]> {
  const filters = [gt(events.seq, afterSeq), eventVisibility(actor)];
  if (incidentId) filters.push(eq(events.incidentId, incidentId));
  return db.select(columns).from(events).where(and(...filters)).orderBy(asc(events.seq)).limit(limit);
}


/** Reads the event log: for the relay (everything), and for one caller's `resume` (what it may see). */
import { and, asc, desc, eq, gt, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { events } from '../../db/schema.js';
import { settledSeq } from './head.js';
import { viewEventFor, type EventAudience, type EventView } from '../../contract/events.js';
import type { Actor } from '../context.js';
import { isCommission } from '../context.js';
import type { StoredEvent } from './append.js';
import { ACCESS_CHANGED } from '../auth/access-changes.js';
import { isSystemAdmin } from '../../domain/policy/index.js';

/** The envelope every client receives (spec §8). */
export type EventEnvelope = EventView;

/** Whom an actor reads events as: its jurisdiction's commission, all of them (admin), or its unit. */
export function audienceOf(actor: Actor): EventAudience | null {
  if (isSystemAdmin(actor)) return { kind: 'commission', jurisdictionId: null };
  if (isCommission(actor)) return actor.jurisdictionId ? { kind: 'commission', jurisdictionId: actor.jurisdictionId } : null;
  return actor.unitId ? { kind: 'unit', unitId: actor.unitId } : null;
}

/** The events as this actor may see them (see the catalogue in src/contract/events.ts), in order. */
export function viewEventsFor(actor: Actor, found: StoredEvent[]): EventEnvelope[] {
  const audience = audienceOf(actor);
  if (!audience) return [];
  return found.flatMap((e) => viewEventFor(audience, e) ?? []);
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

/** The watermark a snapshot is read after: every event at or below it has committed or never will. */
export async function latestSeq(db: Database): Promise<number> {
  return settledSeq(db);
}

/** Events after `afterSeq` up to `upTo` (a settled head), in seq order. */
export async function readEventsAfter(db: Database, afterSeq: number, limit: number, upTo?: number): Promise<StoredEvent[]> {
  const range = upTo === undefined ? gt(events.seq, afterSeq) : and(gt(events.seq, afterSeq), lte(events.seq, upTo));
  return db.select(columns).from(events).where(range).orderBy(asc(events.seq)).limit(limit);
}

/** The last `limit` events at or below `upTo` (a settled head), in seq order. */
export async function readLastEvents(db: Database, upTo: number, limit: number): Promise<StoredEvent[]> {
  const rows = await db.select(columns).from(events).where(lte(events.seq, upTo)).orderBy(desc(events.seq)).limit(limit);
  return rows.reverse();
}

/** Which events an actor may see: its jurisdiction's if it is commission, its unit's if it is a unit member. */
export function eventVisibility(actor: Actor): SQL | undefined {
  // Access-change control rows are for the relays, never for a person.
  const shown = ne(events.type, ACCESS_CHANGED);
  if (isSystemAdmin(actor)) return shown;
  if (isCommission(actor)) return and(shown, eq(events.jurisdictionId, actor.jurisdictionId ?? ''));
  if (actor.unitId) return and(shown, sql`${actor.unitId} = ANY(${events.audienceUnits})`);
  return sql`false`;
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


/** Reads units' rotas and the people who may be on duty. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { dutyRotas, jurisdictions, users } from '../../db/schema.js';
import { offsetMinutes } from '../../domain/rota-calendar.js';
import { firstRecipients } from '../../domain/rota-health.js';
import type { Rota } from '../../domain/rota.js';

export async function loadRotas(db: Database, unitIds: string[]): Promise<Map<string, Rota>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.select({ unitId: dutyRotas.unitId, rota: dutyRotas.rota }).from(dutyRotas).where(inArray(dutyRotas.unitId, unitIds));
  return new Map(rows.map((r) => [r.unitId, r.rota]));
}

export interface UnitPerson {
  id: string;
  unitId: string;
  role: string;
  onDuty: boolean;
  name: string;
}

/** Every active person of the units (liaisons and heads). */
export async function loadUnitPeople(db: Database, unitIds: string[]): Promise<UnitPerson[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id, unitId: users.unitId, role: users.role, onDuty: users.onDuty, name: users.displayName })
    .from(users)
    .where(and(inArray(users.unitId, unitIds), eq(users.active, true)));
  return rows.map((r) => ({ ...r, unitId: r.unitId! }));
}

/** The liaisons a unit falls back to without a usable rota: those marked on duty, else all of them. */
export function fallbackLiaisons(people: UnitPerson[], unitId: string): string[] {
  const liaisons = people.filter((p) => p.unitId === unitId && p.role === 'liaison');
  const marked = liaisons.filter((p) => p.onDuty);
  return (marked.length ? marked : liaisons).map((p) => p.id);
}

/** Who each unit's new notification goes to first, at `now`, by its rota. */
export async function firstRecipientsOfUnits(db: Database, unitIds: string[], utcOffset: string, now: Date): Promise<{ id: string; unitId: string }[]> {
  const [rotas, people] = await Promise.all([loadRotas(db, unitIds), loadUnitPeople(db, unitIds)]);
  const offset = offsetMinutes(utcOffset);
  return unitIds.flatMap((unitId) => {
    const members = people.filter((p) => p.unitId === unitId).map((p) => p.id);
    return firstRecipients(rotas.get(unitId) ?? null, offset, now, fallbackLiaisons(people, unitId), members).map((id) => ({ id, unitId }));
  });
}

/** The jurisdiction's UTC offset, the rota's time zone. */
export async function jurisdictionOffset(db: Database, jurisdictionId: string): Promise<string> {
  const [row] = await db.select({ utcOffset: jurisdictions.utcOffset }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  return row?.utcOffset ?? '+08:00';
}

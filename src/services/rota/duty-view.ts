/** Who is on duty now and next, per unit, with the gaps of the next 7 days (board and /admin). */
import { asc, eq, inArray } from 'drizzle-orm';
import { dutyRotas, memberUnits } from '../../db/schema.js';
import { offsetMinutes } from '../../domain/rota-calendar.js';
import { dutyStatus } from '../../domain/rota-health.js';
import type { Rota } from '../../domain/rota.js';
import type { Actor, Services } from '../context.js';
import { requireDutyOverview } from './access.js';
import { fallbackLiaisons, loadUnitPeople, type UnitPerson } from './load.js';

export function unitDutyView(unit: { id: string; name: string }, rota: Rota | null, utcOffset: string, now: Date, people: UnitPerson[]) {
  const names = new Map(people.map((p) => [p.id, p.name]));
  const person = (userId: string) => ({ userId, displayName: names.get(userId) ?? '（已停用人员）' });
  const status = dutyStatus(rota, offsetMinutes(utcOffset), now, fallbackLiaisons(people, unit.id));
  return {
    unitId: unit.id,
    unitName: unit.name,
    hasRota: status.hasRota,
    onDutyNow: status.onDutyNow.map(person),
    next: status.next ? { start: status.next.start.toISOString(), people: status.next.userIds.map(person) } : null,
    nobodyNow: status.nobodyNow,
    gaps: status.gaps.map((g) => ({ start: g.start.toISOString(), end: g.end.toISOString() })),
  };
}

export async function dutyOverview(services: Services, actor: Actor, input: { jurisdictionId: string }) {
  const j = await requireDutyOverview(services, actor, input.jurisdictionId);
  const now = services.clock();
  const units = await services.db.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(eq(memberUnits.jurisdictionId, j.id)).orderBy(asc(memberUnits.position));
  const ids = units.map((u) => u.id);
  const [rotas, people] = await Promise.all([
    ids.length ? services.db.select({ unitId: dutyRotas.unitId, rota: dutyRotas.rota }).from(dutyRotas).where(inArray(dutyRotas.unitId, ids)) : [],
    loadUnitPeople(services.db, ids),
  ]);
  const byUnit = new Map(rotas.map((r) => [r.unitId, r.rota]));
  return {
    jurisdictionId: j.id,
    at: now.toISOString(),
    units: units.map((u) => unitDutyView(u, byUnit.get(u.id) ?? null, j.utcOffset, now, people.filter((p) => p.unitId === u.id))),
  };
}

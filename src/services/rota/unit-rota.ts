/** A unit's rota as /admin shows and edits it: the document, its people, one week's shifts. */
import { eq } from 'drizzle-orm';
import { dutyRotas } from '../../db/schema.js';
import { addDays, instantOf, localDate, offsetMinutes, weekStart } from '../../domain/rota-calendar.js';
import { EMPTY_ROTA, shiftsBetween, type Rota } from '../../domain/rota.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { conflict } from '../errors.js';
import { loadUnitForRota } from './access.js';
import { unitDutyView } from './duty-view.js';
import { loadUnitPeople } from './load.js';

export async function getUnitRota(services: Services, actor: Actor, input: { unitId: string; week?: string }) {
  const { unit, utcOffset, canEdit } = await loadUnitForRota(services, actor, input.unitId);
  const now = services.clock();
  const [row] = await services.db.select().from(dutyRotas).where(eq(dutyRotas.unitId, unit.id));
  const rota = row?.rota ?? EMPTY_ROTA;
  const people = await loadUnitPeople(services.db, [unit.id]);
  const offset = offsetMinutes(utcOffset);
  const monday = weekStart(input.week ?? localDate(now, offset));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const shifts = shiftsBetween(rota, offset, instantOf(monday, '00:00', offset), instantOf(addDays(monday, 7), '00:00', offset)).map((s) => ({
    userId: s.userId,
    displayName: names.get(s.userId) ?? '（已停用人员）',
    start: s.start.toISOString(),
    end: s.end.toISOString(),
    source: s.source,
  }));
  return {
    unitId: unit.id,
    unitName: unit.name,
    jurisdictionId: unit.jurisdictionId,
    utcOffset,
    rota,
    revision: row?.revision ?? 0,
    canEdit,
    people: people.map((p) => ({ userId: p.id, displayName: p.name, role: p.role })),
    weekStart: monday,
    shifts,
    duty: unitDutyView(unit, row?.rota ?? null, utcOffset, now, people),
  };
}

/** Replaces the unit's rota; everyone it names must be an active person of the unit. */
export async function saveUnitRota(services: Services, actor: Actor, input: { unitId: string; rota: Rota; revision?: number }) {
  const { unit, canEdit } = await loadUnitForRota(services, actor, input.unitId);
  if (!canEdit) throw forbidden('只有管理员、辖区管理员和本单位负责人可以修改值班表 (rota editors only)');
  const people = new Set((await loadUnitPeople(services.db, [unit.id])).map((p) => p.id));
  const problems = [
    ...input.rota.patterns.map((p, i) => ({ field: `rota.patterns.${i}.userId`, id: p.userId })),
    ...input.rota.overrides.flatMap((o, i) => [{ field: `rota.overrides.${i}.userId`, id: o.userId }, ...(o.replaces ? [{ field: `rota.overrides.${i}.replaces`, id: o.replaces }] : [])]),
    ...input.rota.swaps.flatMap((s, i) => [{ field: `rota.swaps.${i}.fromUserId`, id: s.fromUserId }, { field: `rota.swaps.${i}.toUserId`, id: s.toUserId }]),
  ]
    .filter((r) => !people.has(r.id))
    .map((r) => ({ field: r.field, message: '值班人员须是本单位在用人员 (not an active person of this unit)' }));
  if (problems.length) throw invalid('值班表中有不属于本单位的人员', problems);
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [current] = await tx.select().from(dutyRotas).where(eq(dutyRotas.unitId, unit.id)).for('update');
    const revision = (current?.revision ?? 0) + 1;
    if (input.revision !== undefined && input.revision !== (current?.revision ?? 0))
      throw conflict('值班表已被他人修改，请刷新后再改 (rota changed meanwhile)', { revision: current?.revision ?? 0 });
    const values = { unitId: unit.id, jurisdictionId: unit.jurisdictionId, rota: input.rota, revision, updatedAt: now, updatedBy: actor.id };
    await tx.insert(dutyRotas).values(values).onConflictDoUpdate({ target: dutyRotas.unitId, set: values });
    await appendEvents(tx, now, [
      { type: 'rota.changed', jurisdictionId: unit.jurisdictionId, incidentId: null, audienceUnits: [unit.id], actorId: actor.id, data: { unitId: unit.id, revision, by: actor.displayName } },
    ]);
    return { revision };
  });
}

/** The rota routes' gates, as the policy decides (src/domain/policy/rota.ts): another jurisdiction is invisible (404). */
import { eq } from 'drizzle-orm';
import { jurisdictions, memberUnits } from '../../db/schema.js';
import { canEditRota, mayReadDutyOverview, mayReadRota } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, notFound } from '../errors.js';

const OVERVIEW_ROLES = ['admin', 'jurisdiction_admin', 'duty_officer', 'commander'];

/** The commission of the jurisdiction (and the system admin) read every unit's duty. */
export async function requireDutyOverview(services: Services, actor: Actor, jurisdictionId: string) {
  if (!OVERVIEW_ROLES.includes(actor.role)) throw forbidden('只有委员会值班、指挥和管理人员可以查看值班总览 (commission only)');
  if (!mayReadDutyOverview(actor, jurisdictionId)) throw notFound('辖区');
  const [j] = await services.db.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  return j;
}

/** A unit's rota: who reads it and who may change it (`canEdit`). */
export async function loadUnitForRota(services: Services, actor: Actor, unitId: string) {
  const [row] = await services.db
    .select({ unit: memberUnits, utcOffset: jurisdictions.utcOffset })
    .from(memberUnits)
    .innerJoin(jurisdictions, eq(jurisdictions.id, memberUnits.jurisdictionId))
    .where(eq(memberUnits.id, unitId));
  if (!row) throw notFound('成员单位');
  const { unit } = row;
  if (actor.role !== 'admin' && actor.jurisdictionId !== unit.jurisdictionId) throw notFound('成员单位');
  // Another unit's rota is not the caller's to see: 404 (spec §8), as for its phones.
  if (!mayReadRota(actor, unit)) throw notFound('成员单位');
  return { unit, utcOffset: row.utcOffset, canEdit: canEditRota(actor, unit) };
}

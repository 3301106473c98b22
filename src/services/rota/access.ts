/** Who may read a unit's rota and the duty overview; editing is `domain/policy/rota.ts`. */
import { eq } from 'drizzle-orm';
import { jurisdictions, memberUnits } from '../../db/schema.js';
import { canEditRota } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, notFound } from '../errors.js';

const COMMISSION_READERS = ['duty_officer', 'commander', 'jurisdiction_admin'];

/** The commission of the jurisdiction (and the system admin) read every unit's duty. */
export async function requireDutyOverview(services: Services, actor: Actor, jurisdictionId: string) {
  if (actor.role !== 'admin' && !COMMISSION_READERS.includes(actor.role)) throw forbidden('只有委员会值班、指挥和管理人员可以查看值班总览 (commission only)');
  if (actor.role !== 'admin' && actor.jurisdictionId !== jurisdictionId) throw notFound('辖区');
  const [j] = await services.db.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  return j;
}

/** A unit's rota: the commission of its jurisdiction and the unit's own people read it; `canEdit` says who may change it. */
export async function loadUnitForRota(services: Services, actor: Actor, unitId: string) {
  const [row] = await services.db
    .select({ unit: memberUnits, utcOffset: jurisdictions.utcOffset })
    .from(memberUnits)
    .innerJoin(jurisdictions, eq(jurisdictions.id, memberUnits.jurisdictionId))
    .where(eq(memberUnits.id, unitId));
  if (!row) throw notFound('成员单位');
  const { unit } = row;
  const ownJurisdiction = actor.role === 'admin' || actor.jurisdictionId === unit.jurisdictionId;
  const reads = actor.role === 'admin' || (ownJurisdiction && (COMMISSION_READERS.includes(actor.role) || actor.unitId === unit.id));
  if (!ownJurisdiction) throw notFound('成员单位');
  if (!reads) throw forbidden('只能查看本单位的值班表 (own unit only)');
  return { unit, utcOffset: row.utcOffset, canEdit: canEditRota(actor, unit) };
}

/**
 * 通讯录: the phone numbers of each member unit's liaisons and heads, so the desk can call a late
 * unit with one tap. The jurisdiction's commission (and admins) may read it; a unit may not.
 */
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { jurisdictions, memberUnits, users } from '../../db/schema.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { forbidden, notFound } from '../errors.js';

export async function unitPhoneBook(services: Services, actor: Actor, jurisdictionId: string) {
  if (!isCommission(actor)) throw forbidden('只有卫健委人员可以查看成员单位通讯录');
  if (!servesJurisdiction(actor, jurisdictionId)) throw notFound('辖区');
  const [j] = await services.db.select({ id: jurisdictions.id }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  const units = await services.db
    .select({ id: memberUnits.id, name: memberUnits.name })
    .from(memberUnits)
    .where(and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt)))
    .orderBy(asc(memberUnits.position));
  const people = units.length
    ? await services.db
        .select()
        .from(users)
        .where(and(inArray(users.unitId, units.map((u) => u.id)), eq(users.active, true), isNotNull(users.phone)))
        .orderBy(asc(users.role), asc(users.username))
    : [];
  return {
    jurisdictionId,
    units: units.map((u) => ({
      unitId: u.id,
      unitName: u.name,
      people: people
        .filter((p) => p.unitId === u.id && p.phone)
        .map((p) => ({ userId: p.id, displayName: p.displayName, role: p.role, phone: p.phone!, onDuty: p.onDuty })),
    })),
  };
}

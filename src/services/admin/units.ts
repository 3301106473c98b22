/** 成员单位与人员: each member unit of a jurisdiction with its liaisons and heads. */
import { asc, eq, inArray } from 'drizzle-orm';
import { memberUnits, users } from '../../db/schema.js';
import type { Actor, Services } from '../context.js';
import { requireAdminRead } from './access.js';
import { personView } from './people.js';

export async function listUnitsWithPeople(services: Services, actor: Actor, input: { jurisdictionId: string }) {
  await requireAdminRead(services, actor, input.jurisdictionId);
  const units = await services.db
    .select()
    .from(memberUnits)
    .where(eq(memberUnits.jurisdictionId, input.jurisdictionId))
    .orderBy(asc(memberUnits.position));
  const people = units.length
    ? await services.db
        .select()
        .from(users)
        .where(inArray(users.unitId, units.map((u) => u.id)))
        .orderBy(asc(users.role), asc(users.username))
    : [];
  return {
    jurisdictionId: input.jurisdictionId,
    units: units.map((u) => ({
      id: u.id,
      name: u.name,
      shortName: u.shortName,
      kind: u.kind,
      section: u.section,
      duties: u.duties,
      retiredAt: u.retiredAt?.toISOString() ?? null,
      mergedInto: u.mergedInto,
      people: people.filter((p) => p.unitId === u.id).map(personView),
    })),
  };
}

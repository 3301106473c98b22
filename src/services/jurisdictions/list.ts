/** Jurisdictions and their member units, as the rulebooks installed them. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { jurisdictions, memberUnits } from '../../db/schema.js';
import type { Services } from '../context.js';
import { notFound } from '../errors.js';

export async function listJurisdictions(services: Services) {
  const rows = await services.db.select().from(jurisdictions).orderBy(asc(jurisdictions.id));
  return {
    jurisdictions: rows.map((j) => ({ id: j.id, name: j.name, level: j.level, parentId: j.parentId, rulebookVersion: j.rulebookVersion })),
  };
}

export async function listUnits(services: Services, jurisdictionId: string) {
  const [j] = await services.db.select({ id: jurisdictions.id }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');
  const rows = await services.db.select().from(memberUnits).where(and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt))).orderBy(asc(memberUnits.position));
  return {
    units: rows.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, kind: u.kind, section: u.section, duties: u.duties })),
  };
}

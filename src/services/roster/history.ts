/** 规则库版本记录: every version of a jurisdiction's rulebook, newest first, with who made it, when and why. */
import { and, desc, eq } from 'drizzle-orm';
import { jurisdictions, rulebooks, users } from '../../db/schema.js';
import type { Actor, Services } from '../context.js';
import { notFound } from '../errors.js';
import { requireRosterAdmin } from './access.js';

export async function rulebookHistory(services: Services, actor: Actor, jurisdictionId: string) {
  const j = await requireRosterAdmin(services, actor, jurisdictionId);
  const rows = await services.db
    .select({ version: rulebooks.version, loadedAt: rulebooks.loadedAt, basedOn: rulebooks.basedOn, reason: rulebooks.reason, by: users.displayName })
    .from(rulebooks)
    .leftJoin(users, eq(users.id, rulebooks.createdBy))
    .where(eq(rulebooks.jurisdictionId, jurisdictionId))
    .orderBy(desc(rulebooks.loadedAt), desc(rulebooks.version));
  return {
    jurisdictionId,
    current: j.rulebookVersion,
    versions: rows.map((r) => ({
      version: r.version,
      at: r.loadedAt.toISOString(),
      basedOn: r.basedOn,
      reason: r.reason,
      by: r.by,
      current: r.version === j.rulebookVersion,
    })),
  };
}

/** One version's units and their duty clauses, as the version had them. */
export async function rulebookVersionUnits(services: Services, actor: Actor, jurisdictionId: string, version: string) {
  await requireRosterAdmin(services, actor, jurisdictionId);
  const [row] = await services.db
    .select({ content: rulebooks.content })
    .from(rulebooks)
    .where(and(eq(rulebooks.jurisdictionId, jurisdictionId), eq(rulebooks.version, version)));
  const [j] = await services.db.select({ id: jurisdictions.id }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!row || !j) throw notFound('规则库版本');
  return {
    version,
    units: row.content.units.map((u) => ({ id: u.id, name: u.name, shortName: u.shortName, duties: u.duties })),
    rules: row.content.routing.map((r) => ({ id: r.id, unitId: r.unitId ?? null, role: r.role, reason: r.reason })),
  };
}

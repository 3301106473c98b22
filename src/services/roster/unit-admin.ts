/**
 * 成员单位管理: add, rename, re-word the duties of, retire and merge a member unit. Each makes the
 * jurisdiction's next rulebook version (with who and why) and changes the unit rows and, for a
 * merge, moves the absorbed unit's people to the survivor — all in one transaction with its event.
 */
import { eq, max } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { memberUnits, users } from '../../db/schema.js';
import type { UnitEdit } from '../../domain/roster/unit-edits.js';
import { endSessions } from '../auth/access-changes.js';
import type { Actor, Services } from '../context.js';
import { invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { createOnce } from '../idempotency.js';
import { requireRosterAdmin } from './access.js';
import { writeRulebookVersion } from './rulebook-version.js';

export type UnitEditInput =
  | { action: 'add'; name: string; shortName: string; kind: 'department' | 'township'; section?: string | undefined; duties: { ref: string; text: string }[] }
  | Exclude<UnitEdit, { action: 'add' }>;

/** A new unit's id: the jurisdiction's prefix and a time-based suffix, unique across the deployment. */
function newUnitId(jurisdictionId: string, now: Date): string {
  return `${jurisdictionId.slice(0, 16)}_u${now.getTime().toString(36)}`;
}

/**
 * One unit change, run once per `Idempotency-Key`: a retried 新增 finds the unit it added, not a
 * second one; another body with the key is a 409.
 */
export async function editUnit(services: Services, actor: Actor, jurisdictionId: string, input: UnitEditInput & { reason: string }, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /admin/jurisdictions/{jurisdictionId}/unit-changes', jurisdictionId, input }, async () => {
    await requireRosterAdmin(services, actor, jurisdictionId);
    return (tx: Database) => applyUnitEdit(tx, services, actor, jurisdictionId, input);
  });
}

async function applyUnitEdit(tx: Database, services: Services, actor: Actor, jurisdictionId: string, input: UnitEditInput & { reason: string }) {
  const now = services.clock();
  const { reason, ...rest } = input;
  const edit: UnitEdit =
    rest.action === 'add'
      ? {
          action: 'add',
          unit: {
            id: newUnitId(jurisdictionId, now),
            name: rest.name,
            shortName: rest.shortName,
            kind: rest.kind,
            ...(rest.section ? { section: rest.section } : {}),
            ...(rest.kind === 'township' ? { township: rest.name } : {}),
            duties: rest.duties,
          },
        }
      : rest;
  {
    const { book } = await writeRulebookVersion(tx, jurisdictionId, edit, { userId: actor.id, reason, at: now });
    const unitId = edit.action === 'add' ? edit.unit.id : edit.unitId;
    const [row] = await tx.select().from(memberUnits).where(eq(memberUnits.id, unitId));
    if (edit.action !== 'add' && (!row || row.jurisdictionId !== jurisdictionId || row.retiredAt))
      throw invalid('成员单位不存在或已撤销', [{ field: 'unitId', message: '本辖区没有该成员单位，或已撤销' }]);
    let intoName: string | null = null;
    if (edit.action === 'add') {
      const [{ last } = { last: 0 }] = await tx.select({ last: max(memberUnits.position) }).from(memberUnits).where(eq(memberUnits.jurisdictionId, jurisdictionId));
      const unit = book.units.find((u) => u.id === edit.unit.id)!;
      await tx.insert(memberUnits).values({ id: unit.id, jurisdictionId, name: unit.name, shortName: unit.shortName, kind: unit.kind, section: unit.section ?? null, duties: unit.duties, position: (last ?? 0) + 1 });
    } else if (edit.action === 'rename' || edit.action === 'duties') {
      const unit = book.units.find((u) => u.id === edit.unitId)!;
      await tx.update(memberUnits).set({ name: unit.name, shortName: unit.shortName, duties: unit.duties }).where(eq(memberUnits.id, unit.id));
    } else if (edit.action === 'retire') {
      await tx.update(memberUnits).set({ retiredAt: now }).where(eq(memberUnits.id, edit.unitId));
      await endPeople(tx, now, actor, jurisdictionId, edit.unitId, null);
    } else {
      const survivor = book.units.find((u) => u.id === edit.intoUnitId)!;
      intoName = survivor.name;
      await tx.update(memberUnits).set({ duties: survivor.duties }).where(eq(memberUnits.id, survivor.id));
      await tx.update(memberUnits).set({ retiredAt: now, mergedInto: survivor.id }).where(eq(memberUnits.id, edit.unitId));
      await endPeople(tx, now, actor, jurisdictionId, edit.unitId, survivor.id);
    }
    const unitName = edit.action === 'add' ? edit.unit.name : edit.action === 'rename' ? edit.name : row!.name;
    const intoUnitId = edit.action === 'merge' ? edit.intoUnitId : null;
    await appendEvents(tx, now, [
      {
        type: 'unit.changed',
        jurisdictionId,
        actorId: actor.id,
        audienceUnits: [unitId, ...(intoUnitId ? [intoUnitId] : [])],
        data: { action: edit.action, unitId, unitName, intoUnitId, intoUnitName: intoName, rulebookVersion: book.version, reason, by: actor.displayName },
      },
    ]);
    return { unitId, rulebookVersion: book.version };
  }
}

/**
 * A retired unit's people leave with it (deactivated); a merged unit's people move to the survivor.
 * Either way their sessions end, so they sign in again as who they now are.
 */
async function endPeople(tx: Database, now: Date, actor: Actor, jurisdictionId: string, unitId: string, survivorId: string | null) {
  const people = await tx.select().from(users).where(eq(users.unitId, unitId));
  for (const p of people) {
    await tx.update(users).set(survivorId ? { unitId: survivorId } : { active: false }).where(eq(users.id, p.id));
    await endSessions(tx, now, { userId: p.id, reason: survivorId ? 'unit_changed' : 'deactivated', jurisdictionId, actorId: actor.id });
  }
}

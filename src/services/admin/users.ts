/** 用户管理: list accounts, change on-duty/active/phone/unit (new accounts: new-account.ts). */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { UserPatch } from '../../contract/admin.js';
import type { Database } from '../../db/client.js';
import { memberUnits, users } from '../../db/schema.js';
import { accessEnding } from '../../domain/access-change.js';
import { endSessions } from '../auth/access-changes.js';
import type { UserRole } from '../../domain/enums.js';
import type { Actor, Services } from '../context.js';
import { conflict, invalid, notFound } from '../errors.js';
import { requireAdmin, requireAdminRead, requireSomeAdministration } from './access.js';
import { personView } from './people.js';
import { administeredJurisdiction, mayManageAccount } from '../../domain/policy/index.js';

export interface UserFilter {
  jurisdictionId?: string;
  unitId?: string;
  role?: UserRole;
}

export async function listUsers(services: Services, actor: Actor, filter: UserFilter) {
  // A commander reads its own jurisdiction only; an admin may read all.
  const jurisdictionId = filter.jurisdictionId ?? (administeredJurisdiction(actor) ?? undefined);
  if (jurisdictionId) await requireAdminRead(services, actor, jurisdictionId);
  else requireAdmin(actor);
  const where: (SQL | undefined)[] = [
    eq(users.serviceAccount, false),
    jurisdictionId ? eq(users.jurisdictionId, jurisdictionId) : undefined,
    filter.unitId ? eq(users.unitId, filter.unitId) : undefined,
    filter.role ? eq(users.role, filter.role) : undefined,
  ];
  const rows = await services.db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.jurisdictionId), asc(users.role), asc(users.username))
    .limit(5000);
  return { users: rows.map(personView) };
}

export async function updateUser(services: Services, actor: Actor, userId: string, patch: UserPatch) {
  requireSomeAdministration(actor);
  if (patch.active === false && userId === actor.id) throw conflict('不能停用自己的账号 (cannot deactivate yourself)');
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [before] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!before || before.serviceAccount || !mayManageAccount(actor, before)) throw notFound('用户');
    const changes: Partial<typeof users.$inferInsert> = {};
    if (patch.onDuty !== undefined) changes.onDuty = patch.onDuty;
    if (patch.active !== undefined) changes.active = patch.active;
    if (patch.displayName !== undefined) changes.displayName = patch.displayName;
    if (patch.phone !== undefined) changes.phone = patch.phone;
    if (patch.role !== undefined || patch.unitId !== undefined) Object.assign(changes, await unitMembership(tx, before, patch));
    const [updated] = await tx.update(users).set(changes).where(eq(users.id, userId)).returning();
    const ending = accessEnding(before, updated!);
    if (ending) {
      // A deactivated person's sessions end for good; a moved one must log in again as who they are now.
      await endSessions(tx, now, { userId, reason: ending, jurisdictionId: before.jurisdictionId, actorId: actor.id });
    }
    return { user: personView(updated!) };
  });
}

/** A role or unit change: only for liaisons and unit heads, only to a unit of their own jurisdiction. */
async function unitMembership(tx: Database, before: typeof users.$inferSelect, patch: UserPatch): Promise<Partial<typeof users.$inferInsert>> {
  if (before.role !== 'liaison' && before.role !== 'unit_head')
    throw invalid('只能调整联络员或单位负责人的单位和角色 (only unit members change unit or role)', [
      { field: patch.role !== undefined ? 'role' : 'unitId', message: '该账号不是成员单位人员 (not a unit member)' },
    ]);
  if (patch.unitId === undefined) return { role: patch.role };
  const [unit] = await tx.select().from(memberUnits).where(eq(memberUnits.id, patch.unitId));
  // A retired unit takes no new people, as a new account refuses it.
  if (!unit || unit.retiredAt || unit.jurisdictionId !== before.jurisdictionId)
    throw invalid('成员单位不存在或不属于本辖区 (unknown unit)', [{ field: 'unitId', message: `本辖区没有成员单位 ${patch.unitId} (unknown unit)` }]);
  return { role: patch.role, unitId: unit.id };
}

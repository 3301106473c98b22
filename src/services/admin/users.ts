/** 用户管理: list accounts, add a liaison or unit head to a member unit, change on-duty/active/phone. */
import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { NewUnitMember, UserPatch } from '../../contract/admin.js';
import { memberUnits, users } from '../../db/schema.js';
import type { UserRole } from '../../domain/enums.js';
import { hashPassword } from '../auth/password.js';
import type { Actor, Services } from '../context.js';
import { conflict, invalid, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { requireAdmin, requireAdminRead } from './access.js';
import { personView } from './people.js';

export interface UserFilter {
  jurisdictionId?: string;
  unitId?: string;
  role?: UserRole;
}

export async function listUsers(services: Services, actor: Actor, filter: UserFilter) {
  // A commander reads its own jurisdiction only; an admin may read all.
  const jurisdictionId = filter.jurisdictionId ?? (actor.role === 'admin' ? undefined : actor.jurisdictionId ?? undefined);
  if (jurisdictionId) await requireAdminRead(services, actor, jurisdictionId);
  else requireAdmin(actor);
  const where: (SQL | undefined)[] = [
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

/** Adds a liaison or unit head to a member unit; the jurisdiction is the unit's. */
export async function addUnitMember(services: Services, actor: Actor, input: NewUnitMember) {
  requireAdmin(actor);
  const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, input.unitId));
  if (!unit) throw invalid('成员单位不存在 (unknown unit)', [{ field: 'unitId', message: `没有成员单位 ${input.unitId} (unknown unit)` }]);
  const now = services.clock();
  const [created] = await services.db
    .insert(users)
    .values({
      id: newId('usr', now.getTime()),
      username: input.username.toLowerCase(),
      passwordHash: await hashPassword(input.password),
      displayName: input.displayName,
      role: input.role,
      jurisdictionId: unit.jurisdictionId,
      unitId: unit.id,
      phone: input.phone ?? null,
      onDuty: input.onDuty,
      createdAt: now,
    })
    .onConflictDoNothing({ target: users.username })
    .returning();
  if (!created) throw conflict(`用户名 ${input.username} 已被使用 (username taken)`, { field: 'username' });
  return { user: personView(created) };
}

export async function updateUser(services: Services, actor: Actor, userId: string, patch: UserPatch) {
  requireAdmin(actor);
  const changes: Partial<typeof users.$inferInsert> = {};
  if (patch.onDuty !== undefined) changes.onDuty = patch.onDuty;
  if (patch.active !== undefined) changes.active = patch.active;
  if (patch.displayName !== undefined) changes.displayName = patch.displayName;
  if (patch.phone !== undefined) changes.phone = patch.phone;
  if (patch.active === false && userId === actor.id) throw conflict('不能停用自己的账号 (cannot deactivate yourself)');
  const [updated] = await services.db.update(users).set(changes).where(eq(users.id, userId)).returning();
  if (!updated) throw notFound('用户');
  return { user: personView(updated) };
}

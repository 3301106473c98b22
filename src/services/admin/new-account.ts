/**
 * 新建账号: an administrator adds a person of any role the policy lets them give — a duty officer,
 * commander or jurisdiction administrator of a jurisdiction, a liaison or unit head of a member
 * unit, or a system administrator. The password (given, or a one-time one answered once) must be
 * replaced at the first login: only the person should know the password they use.
 */
import { eq } from 'drizzle-orm';
import type { NewAccount } from '../../contract/admin.js';
import { USER_ROLE_LABELS } from '../../contract/labels.js';
import { jurisdictions, memberUnits, users } from '../../db/schema.js';
import { accountJurisdiction, mayAdministerJurisdiction, mayManageAccount, UNIT_ROLES_OF_ACCOUNTS } from '../../domain/policy/index.js';
import { hashPassword } from '../auth/password.js';
import { oneTimePassword } from '../auth/passwords.js';
import type { Actor, Services } from '../context.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { requireSomeAdministration } from './access.js';
import { personView } from './people.js';

/** Where the new account belongs: its unit's jurisdiction, the named one, or none (system administrator). */
async function placeOf(services: Services, actor: Actor, input: NewAccount): Promise<{ jurisdictionId: string | null; unitId: string | null }> {
  if (UNIT_ROLES_OF_ACCOUNTS.includes(input.role)) {
    const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, input.unitId ?? ''));
    if (!unit || unit.retiredAt || !mayAdministerJurisdiction(actor, unit.jurisdictionId))
      throw invalid('成员单位不存在 (unknown unit)', [{ field: 'unitId', message: `没有成员单位 ${input.unitId} (unknown unit)` }]);
    return { jurisdictionId: unit.jurisdictionId, unitId: unit.id };
  }
  if (input.role === 'admin') return { jurisdictionId: null, unitId: null };
  const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
  if (!jurisdictionId) throw invalid('请选择辖区 (jurisdiction required)', [{ field: 'jurisdictionId', message: '请选择辖区 (jurisdiction required)' }]);
  const [j] = await services.db.select().from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j || !mayAdministerJurisdiction(actor, j.id))
    throw invalid('辖区不存在 (unknown jurisdiction)', [{ field: 'jurisdictionId', message: `没有辖区 ${jurisdictionId} (unknown jurisdiction)` }]);
  return { jurisdictionId: accountJurisdiction(input.role, j.id), unitId: null };
}

export async function addAccount(services: Services, actor: Actor, input: NewAccount) {
  requireSomeAdministration(actor);
  const place = await placeOf(services, actor, input);
  if (!mayManageAccount(actor, { role: input.role, jurisdictionId: place.jurisdictionId }))
    throw forbidden(`只有系统管理员可以新建${USER_ROLE_LABELS[input.role]} (only the system administrator may)`);
  const generated = input.password === undefined ? oneTimePassword() : null;
  const passwordHash = await hashPassword(input.password ?? generated!);
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        id: newId('usr', now.getTime()),
        username: input.username.toLowerCase(),
        passwordHash,
        displayName: input.displayName,
        role: input.role,
        ...place,
        phone: input.phone ?? null,
        // 在岗 is the liaisons' fallback without a rota; the commission's people are reached otherwise.
        onDuty: place.unitId ? input.onDuty : false,
        mustChangePassword: true,
        createdAt: now,
      })
      .onConflictDoNothing({ target: users.username })
      .returning();
    if (!created) throw conflict(`用户名 ${input.username} 已被使用 (username taken)`, { field: 'username' });
    // The system administrator belongs to no jurisdiction, and the log is kept per jurisdiction.
    if (created.jurisdictionId)
      await appendEvents(tx, now, [
        {
          type: 'account.created',
          jurisdictionId: created.jurisdictionId,
          actorId: actor.id,
          data: { userId: created.id, username: created.username, role: created.role, unitId: created.unitId, by: actor.displayName },
        },
      ]);
    return { user: personView(created), oneTimePassword: generated };
  });
}

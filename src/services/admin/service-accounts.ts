/**
 * 服务账号: machine clients (e.g. a county's own system filing reports) with an API key scoped to
 * a jurisdiction and a set of operations. The key is shown once; revoking it ends its access.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { NewServiceAccount, ServiceAccountView } from '../../contract/accounts.js';
import { apiKeys, users } from '../../db/schema.js';
import { API_SCOPES, type ApiScope } from '../../domain/policy/index.js';
import { newApiKey } from '../auth/api-keys.js';
import type { Actor, Services } from '../context.js';
import { DomainError, notFound } from '../errors.js';
import { onceForKey, requestFingerprint, storedOutcome } from '../idempotency.js';
import { newId } from '../ids.js';
import { requireAdministration } from './access.js';

type Row = { key: typeof apiKeys.$inferSelect; user: typeof users.$inferSelect };

function view({ key, user }: Row): ServiceAccountView {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    jurisdictionId: user.jurisdictionId!,
    scopes: key.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s)),
    keyPrefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export async function listServiceAccounts(services: Services, actor: Actor, input: { jurisdictionId: string }) {
  await requireAdministration(services, actor, input.jurisdictionId);
  const rows = await services.db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(users.jurisdictionId, input.jurisdictionId))
    .orderBy(asc(apiKeys.createdAt));
  return { serviceAccounts: rows.map(view) };
}

/**
 * 新建服务账号, once per `Idempotency-Key`. The key is shown once and never stored, so a retry
 * cannot be given the first answer again: it gets a 409 naming the account already created (revoke
 * it and create another if its key was lost), never a second account.
 */
export async function createServiceAccount(services: Services, actor: Actor, input: NewServiceAccount, idempotencyKey?: string) {
  await requireAdministration(services, actor, input.jurisdictionId);
  const fingerprint = await requestFingerprint({ route: 'POST /admin/service-accounts', ...input });
  const earlier = await storedOutcome<{ serviceAccount: ServiceAccountView }>(services.db, actor.id, idempotencyKey, fingerprint);
  if (earlier) throw alreadyCreated(earlier.body.serviceAccount);
  const now = services.clock();
  const { key, hash, prefix } = await newApiKey();
  return services.db.transaction(async (tx) => {
    let serviceAccount: ServiceAccountView | undefined;
    const outcome = await onceForKey(tx, actor.id, idempotencyKey, fingerprint, async () => {
      const userId = newId('usr', now.getTime());
      // Acts as the jurisdiction's duty office would, limited by the key's scopes; it has no password.
      const [user] = await tx
        .insert(users)
        .values({
          id: userId,
          username: `service.${userId.slice(4).toLowerCase()}`,
          passwordHash: '!service-account',
          displayName: input.displayName,
          role: 'duty_officer',
          jurisdictionId: input.jurisdictionId,
          onDuty: false,
          serviceAccount: true,
          createdAt: now,
        })
        .returning();
      const [row] = await tx
        .insert(apiKeys)
        .values({ id: newId('key', now.getTime()), userId, keyHash: hash, prefix, scopes: [...new Set(input.scopes)], createdBy: actor.id, createdAt: now })
        .returning();
      serviceAccount = view({ key: row!, user: user! });
      // What the key's record keeps: the account, never the key.
      return { status: 201, body: { serviceAccount } };
    });
    if (outcome.replayed || !serviceAccount) throw alreadyCreated(outcome.body.serviceAccount);
    return { serviceAccount, key };
  });
}

function alreadyCreated(account: ServiceAccountView) {
  return new DomainError(
    'conflict',
    `此 Idempotency-Key 已创建服务账号「${account.displayName}」，密钥只显示一次；如未保存，请吊销后重新创建 (already created; the key is shown once)`,
    [{ field: 'Idempotency-Key', message: '请为新的服务账号使用新的键 (use a new key for a new account)' }],
    { serviceAccount: account },
  );
}

/** 吊销: the key stops working at once; the account stays, so what it filed keeps its author. */
export async function revokeServiceAccount(services: Services, actor: Actor, userId: string) {
  const [row] = await services.db.select({ key: apiKeys, user: users }).from(apiKeys).innerJoin(users, eq(users.id, apiKeys.userId)).where(eq(apiKeys.userId, userId));
  if (!row) throw notFound('服务账号');
  await requireAdministration(services, actor, row.user.jurisdictionId!);
  const now = services.clock();
  const [key] = await services.db
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning();
  return { serviceAccount: view({ key: key ?? row.key, user: row.user }) };
}

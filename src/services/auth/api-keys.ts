/**
 * API keys of service accounts: `lfk_` and 43 random characters; only the SHA-256 is stored, so a
 * key is shown once. A request with one acts as its service account, within the key's scopes.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { apiKeys, users } from '../../db/schema.js';
import { API_SCOPES, type ApiScope } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { randomToken, sha256Hex } from '../ids.js';
import { actorOf } from './user-view.js';

export const API_KEY_PREFIX = 'lfk_';

export function isApiKey(token: string): boolean {
  return token.startsWith(API_KEY_PREFIX);
}

/**
 * A session's bearer token. A random one starts with `lfk_` once in about 17 million draws
 * ('_' is in the alphabet); the API-key check would then take the session for a key and refuse it.
 */
export function newSessionToken(draw: () => string = () => randomToken()): string {
  let token = draw();
  while (isApiKey(token)) token = draw();
  return token;
}

export async function newApiKey(): Promise<{ key: string; hash: string; prefix: string }> {
  const key = API_KEY_PREFIX + randomToken(32);
  return { key, hash: await sha256Hex(key), prefix: key.slice(0, 10) };
}

/** The service account a key acts as, with the key's scopes; null for an unknown or revoked key. */
export async function authenticateApiKey(services: Services, key: string): Promise<Actor | null> {
  if (!isApiKey(key) || key.length > 200) return null;
  const now = services.clock();
  const [row] = await services.db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, await sha256Hex(key)), isNull(apiKeys.revokedAt)));
  if (!row || !row.user.active || !row.user.serviceAccount) return null;
  // Minute resolution is all an administrator needs, and spares a write per request.
  if (!row.key.lastUsedAt || now.getTime() - row.key.lastUsedAt.getTime() > 60_000)
    await services.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, row.key.id));
  const scopes = row.key.scopes.filter((s): s is ApiScope => (API_SCOPES as readonly string[]).includes(s));
  return { ...actorOf(row.user, row.key.id), scopes, mustChangePassword: false };
}

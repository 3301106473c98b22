/**
 * Values generated once per deployment and kept in the database (VAPID keys, the link signing
 * secret), unless the environment provides them. Concurrent first starts agree on one value.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { settings } from '../../db/schema.js';

export async function storedSetting(db: Database, key: string, generate: () => Record<string, string>): Promise<Record<string, string>> {
  const [existing] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  if (existing) return existing.value;
  await db.insert(settings).values({ key, value: generate() }).onConflictDoNothing();
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return row!.value;
}

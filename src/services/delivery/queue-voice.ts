/**
 * Queues a voice call to each given person's phone numbers (their SMS contact points) about a
 * notification, inside the caller's transaction; the dispatcher places them after commit.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { contactPoints, deliveries } from '../../db/schema.js';
import { newId } from '../ids.js';
import { insertChunks } from '../../db/insert-chunks.js';

export async function queueVoiceCalls(tx: Database, notification: { id: string; unitId: string }, people: string[], round: number, now: Date): Promise<number> {
  if (people.length === 0) return 0;
  const phones = await tx
    .select()
    .from(contactPoints)
    .where(and(eq(contactPoints.enabled, true), eq(contactPoints.channel, 'sms'), inArray(contactPoints.userId, people)));
  const rows = phones.map((p) => ({
    id: newId('dlv', now.getTime()),
    notificationId: notification.id,
    round,
    userId: p.userId,
    unitId: notification.unitId,
    channel: 'voice' as const,
    contactPointId: p.id,
    recipientKey: p.id,
    state: 'queued' as const,
    queuedAt: now,
    nextAttemptAt: now,
  }));
  for (const chunk of insertChunks(deliveries, rows)) await tx.insert(deliveries).values(chunk).onConflictDoNothing();
  return rows.length;
}

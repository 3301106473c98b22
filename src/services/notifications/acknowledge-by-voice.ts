/** Key 1 pressed on a voice call: the called person acknowledges the call's notification. */
import { and, eq } from 'drizzle-orm';
import { deliveries, users } from '../../db/schema.js';
import { actorOf } from '../auth/user-view.js';
import type { Services } from '../context.js';
import { DomainError } from '../errors.js';
import { acknowledgeNotification } from './acknowledge.js';

export async function acknowledgeByVoice(services: Services, deliveryId: string): Promise<'acknowledged' | 'not_applicable'> {
  const [row] = await services.db
    .select({ d: deliveries, user: users })
    .from(deliveries)
    .innerJoin(users, eq(users.id, deliveries.userId))
    .where(and(eq(deliveries.id, deliveryId), eq(deliveries.channel, 'voice')));
  if (!row?.d.notificationId || !row.user.active) return 'not_applicable';
  try {
    await acknowledgeNotification(services, actorOf(row.user, `voice:${deliveryId}`), row.d.notificationId, { channel: 'voice', note: '电话按键签收' });
    return 'acknowledged';
  } catch (err) {
    // Closed, withdrawn or no longer the person's unit: the press changes nothing.
    if (err instanceof DomainError) return 'not_applicable';
    throw err;
  }
}

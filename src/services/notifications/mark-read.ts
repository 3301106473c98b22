/** 已读: a unit member opened the notification. */
import type { Channel } from '../../domain/enums.js';
import type { Actor, Services } from '../context.js';
import { loadNotificationForAction } from './load.js';
import { recordDeliveries } from './record-delivery.js';

export async function markNotificationRead(services: Services, actor: Actor, notificationId: string, channel: Channel) {
  await loadNotificationForAction(services.db, actor, notificationId);
  await recordDeliveries(services, [{ notificationId, userId: actor.id, channel, at: services.clock(), stage: 'read' }]);
}

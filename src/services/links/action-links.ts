/** Creating and using one-tap acknowledgement links (签收链接), which work without logging in. */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { actionLinks, incidents, memberUnits, notifications, reportVersions, users } from '../../db/schema.js';
import type { Channel } from '../../domain/enums.js';
import type { Services } from '../context.js';
import { actorOf } from '../auth/user-view.js';
import { DomainError } from '../errors.js';
import { newLinkId, randomToken } from '../ids.js';
import { incidentSummary } from '../incidents/views.js';
import { acknowledgeNotification } from '../notifications/acknowledge.js';
import { recordDeliveries } from '../notifications/record-delivery.js';
import { storedSetting } from '../settings/stored-secret.js';
import { signLinkId, verifyLinkToken } from './signing.js';
import { insertChunks } from '../../db/insert-chunks.js';

/** Links outlive the ladder: a head reached late can still use the link from the first SMS. */
export const LINK_LIFETIME_HOURS = 72;

export async function linkSecret(db: Database, fromEnv?: string): Promise<string> {
  if (fromEnv) return fromEnv;
  return (await storedSetting(db, 'link_secret', () => ({ secret: randomToken(32) }))).secret!;
}

export interface NewLink {
  notificationId: string;
  userId: string;
  channel: Channel;
  deliveryId?: string;
}

/** Creates the links and returns their tokens (the path is `/a/<token>`), in order. */
export async function createActionLinks(db: Database, secret: string, now: Date, links: NewLink[]): Promise<string[]> {
  if (links.length === 0) return [];
  const rows = links.map((l) => ({
    id: newLinkId(),
    notificationId: l.notificationId,
    userId: l.userId,
    channel: l.channel,
    deliveryId: l.deliveryId ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + LINK_LIFETIME_HOURS * 3_600_000),
  }));
  for (const chunk of insertChunks(actionLinks, rows)) await db.insert(actionLinks).values(chunk);
  return Promise.all(rows.map((r) => signLinkId(secret, r.id)));
}

const invalidLink = () => new DomainError('not_found', '链接无效或已过期，请登录联防签收 (link invalid or expired)');

/** Resolves a token to its link, person and notification; 404 when forged, unknown or expired. */
export async function resolveLink(services: Services, secret: string, token: string) {
  const id = await verifyLinkToken(secret, token);
  if (!id) throw invalidLink();
  const [row] = await services.db
    .select({ link: actionLinks, user: users, n: notifications, incident: incidents, facts: reportVersions.facts, unitName: memberUnits.name })
    .from(actionLinks)
    .innerJoin(users, eq(users.id, actionLinks.userId))
    .innerJoin(notifications, eq(notifications.id, actionLinks.notificationId))
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .innerJoin(reportVersions, and(eq(reportVersions.incidentId, notifications.incidentId), eq(reportVersions.version, notifications.reportVersion)))
    .where(eq(actionLinks.id, id));
  if (!row || row.link.expiresAt <= services.clock() || !row.user.active || row.user.unitId !== row.n.unitId) throw invalidLink();
  return {
    link: row.link,
    user: row.user,
    notification: row.n,
    unitName: row.unitName,
    incident: incidentSummary(row.incident, row.facts),
  };
}

/** 签收 through a link: acts as the person the link was made for, over the link's channel. */
export async function acknowledgeByLink(services: Services, secret: string, token: string, note?: string) {
  const { link, user } = await resolveLink(services, secret, token);
  const now = services.clock();
  // The tap is the evidence that the message reached and was read by its person (opening is not).
  await recordDeliveries(services, [{ notificationId: link.notificationId, userId: user.id, channel: link.channel, at: now, stage: 'read', deliveryId: link.deliveryId }]);
  const result = await acknowledgeNotification(services, actorOf(user, `link:${link.id}`), link.notificationId, { note, channel: link.channel });
  // A link is used once; using it again is harmless and not counted.
  await services.db
    .update(actionLinks)
    .set({ usedAt: now, useCount: 1 })
    .where(and(eq(actionLinks.id, link.id), isNull(actionLinks.usedAt)));
  return result;
}

/**
 * The unit link (单位签收链接) a group robot's message carries. Everyone in the chat can open it, so
 * it acts as nobody: it shows the notice and asks who is acknowledging. The person either logs in
 * (the phone page), or picks their name and gets their own one-tap link on their own phone (SMS,
 * Web Push) — so a 签收 is always made by someone holding that person's phone or password, never
 * by whoever else reads the group. Asking again sends nothing new (the delivery is keyed per
 * person, notification and round) and says so.
 *
 * Token: `/g/<payload>.<mac>`, the payload `unit~<notificationId>~<expiry seconds>` signed with the
 * link secret. A personal link's id never has this shape, so neither token works as the other.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { contactPoints, deliveries, incidents, memberUnits, notifications, reportVersions, users } from '../../db/schema.js';
import type { Services } from '../context.js';
import { DomainError } from '../errors.js';
import { queueExternalDeliveries } from '../delivery/queue-deliveries.js';
import { incidentSummary } from '../incidents/views.js';
import { LINK_LIFETIME_HOURS } from './action-links.js';
import { signLinkId, verifyLinkToken } from './signing.js';

const PREFIX = 'unit~';

export function signUnitLink(secret: string, notificationId: string, now: Date): Promise<string> {
  const expires = Math.floor(now.getTime() / 1000) + LINK_LIFETIME_HOURS * 3600;
  return signLinkId(secret, `${PREFIX}${notificationId}~${expires}`);
}

const invalidLink = () => new DomainError('not_found', '链接无效或已过期，请登录联防签收 (link invalid or expired)');

/** The notification a unit link names, with the people who may acknowledge it; 404 when forged or expired. */
export async function resolveUnitLink(services: Services, token: string) {
  const id = await verifyLinkToken(services.links.secret, token);
  const [, notificationId, expires] = id?.startsWith(PREFIX) ? id.split('~') : [];
  if (!notificationId || !expires || Number(expires) * 1000 <= services.clock().getTime()) throw invalidLink();
  const [row] = await services.db
    .select({ n: notifications, incident: incidents, facts: reportVersions.facts, unitName: memberUnits.name })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .innerJoin(reportVersions, and(eq(reportVersions.incidentId, notifications.incidentId), eq(reportVersions.version, notifications.reportVersion)))
    .where(eq(notifications.id, notificationId));
  if (!row) throw invalidLink();
  const people = await services.db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.unitId, row.n.unitId), eq(users.active, true), inArray(users.role, ['liaison', 'unit_head'])))
    .orderBy(users.displayName);
  return { notification: row.n, unitName: row.unitName, incident: incidentSummary(row.incident, row.facts), people };
}

export type PersonalLinkOutcome = { personName: string; outcome: 'sent' | 'sent_before' | 'no_channel' | 'not_pending' };

/** Sends the chosen person their own link over their own channels (never to the group). */
export async function sendPersonalLink(services: Services, token: string, personId: string): Promise<PersonalLinkOutcome> {
  const { notification: n, people } = await resolveUnitLink(services, token);
  const person = people.find((p) => p.id === personId);
  if (!person) throw new DomainError('invalid', '请选择本单位的签收人 (pick a person of this unit)', [{ field: 'personId', message: '请选择本单位的签收人' }]);
  if (n.state !== 'pending') return { personName: person.displayName, outcome: 'not_pending' };
  const personal = await services.db
    .select({ id: contactPoints.id })
    .from(contactPoints)
    .where(and(eq(contactPoints.userId, person.id), eq(contactPoints.enabled, true)));
  if (personal.length === 0) return { personName: person.displayName, outcome: 'no_channel' };
  const [before] = await services.db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.notificationId, n.id), eq(deliveries.userId, person.id)))
    .limit(1);
  if (before) return { personName: person.displayName, outcome: 'sent_before' };
  await services.db.transaction((tx) =>
    queueExternalDeliveries(tx, [{ id: n.id, unitId: n.unitId }], { round: 0, people: [{ id: person.id, unitId: n.unitId }], includeUnitRobots: false, now: services.clock() }),
  );
  return { personName: person.displayName, outcome: 'sent' };
}

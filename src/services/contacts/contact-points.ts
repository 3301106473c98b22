/**
 * Managing how people and units are reached beyond the app: a person's own push subscriptions and
 * phone, and (for admins and the jurisdiction's commission) a unit's group robot webhooks.
 */
import { and, eq, sql } from 'drizzle-orm';
import { contactPoints, memberUnits } from '../../db/schema.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { publicFailureReason } from '../../domain/delivery-failures.js';
import { knownUndeliverable } from '../../domain/delivery-failure.js';
import { checkPushEndpoint, DEFAULT_PUSH_POLICY } from '../../domain/push-endpoints.js';
import { newId } from '../ids.js';
import { mayReceiveNotifications } from '../../domain/policy/index.js';

type Row = typeof contactPoints.$inferSelect;

// The partial unique indexes an upsert targets.
const sqlUserNotNull = sql`user_id is not null`;
const sqlUnitNotNull = sql`unit_id is not null`;

/**
 * Never returns secrets; addresses of phones are partly masked. Says whether the channel cannot
 * deliver on this server (known without sending) and its last failure, in words.
 */
export function contactPointView(p: Row, services?: Services) {
  const address = p.channel === 'sms' ? p.address.replace(/^(.*)(\d{4})$/, (_, head: string, tail: string) => head.replace(/\d/g, '*') + tail) : p.address;
  return {
    id: p.id,
    channel: p.channel,
    provider: p.provider,
    address,
    label: p.label,
    enabled: p.enabled,
    userId: p.userId,
    unitId: p.unitId,
    createdAt: p.createdAt.toISOString(),
    lastFailureAt: p.lastFailureAt?.toISOString() ?? null,
    // In words: the raw reason may describe the server's own network.
    lastFailureReason: publicFailureReason(p.lastFailureReason),
    cannotDeliver: services?.channels ? knownUndeliverable(p, services.channels) : null,
  };
}

export async function listOwnContactPoints(services: Services, actor: Actor) {
  const rows = await services.db.select().from(contactPoints).where(eq(contactPoints.userId, actor.id));
  return { contactPoints: rows.map((r) => contactPointView(r, services)) };
}

export interface PersonContactInput {
  channel: 'web_push' | 'sms';
  provider: 'webpush' | 'aliyun' | 'tencent';
  address: string;
  secret?: Record<string, string>;
  label?: string;
}

/** Adds (or refreshes) one of the caller's own contact points; re-subscribing the same endpoint updates its keys. */
export async function addOwnContactPoint(services: Services, actor: Actor, input: PersonContactInput) {
  if (!mayReceiveNotifications(actor)) throw forbidden('只有成员单位人员接收通知推送 (only member-unit staff receive notifications)');
  if (input.channel === 'web_push') {
    const check = checkPushEndpoint(input.address, services.pushEndpoints ?? DEFAULT_PUSH_POLICY);
    if (!check.ok) throw invalid('推送地址不被接受', [{ field: 'endpoint', message: check.reason }]);
  }
  const now = services.clock();
  const [row] = await services.db
    .insert(contactPoints)
    .values({ id: newId('cpt', now.getTime()), userId: actor.id, createdAt: now, secret: {}, ...input })
    .onConflictDoUpdate({
      target: [contactPoints.userId, contactPoints.channel, contactPoints.address],
      targetWhere: sqlUserNotNull,
      set: { secret: input.secret ?? {}, enabled: true, provider: input.provider, label: input.label ?? null, lastFailureAt: null, lastFailureReason: null },
    })
    .returning();
  return { contactPoint: contactPointView(row!, services) };
}

export async function removeOwnContactPoint(services: Services, actor: Actor, id: string) {
  const [gone] = await services.db
    .delete(contactPoints)
    .where(and(eq(contactPoints.id, id), eq(contactPoints.userId, actor.id)))
    .returning({ id: contactPoints.id });
  if (!gone) throw notFound('联系方式');
}

async function unitForManagement(services: Services, actor: Actor, unitId: string) {
  const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, unitId));
  if (!unit) throw notFound('成员单位');
  if (!isCommission(actor)) {
    if (actor.unitId !== unitId) throw notFound('成员单位');
    throw forbidden('单位的群机器人由管理员或卫健委配置 (admins and the commission manage unit robots)');
  }
  if (!servesJurisdiction(actor, unit.jurisdictionId)) throw notFound('成员单位');
  return unit;
}

export async function listUnitContactPoints(services: Services, actor: Actor, unitId: string) {
  await unitForManagement(services, actor, unitId);
  const rows = await services.db.select().from(contactPoints).where(eq(contactPoints.unitId, unitId));
  return { contactPoints: rows.map((r) => contactPointView(r, services)) };
}

export interface UnitRobotInput {
  provider: 'dingtalk' | 'wecom';
  address: string;
  secret?: string;
  label?: string;
}

export async function addUnitRobot(services: Services, actor: Actor, unitId: string, input: UnitRobotInput) {
  await unitForManagement(services, actor, unitId);
  const now = services.clock();
  const [row] = await services.db
    .insert(contactPoints)
    .values({
      id: newId('cpt', now.getTime()),
      unitId,
      channel: 'robot',
      provider: input.provider,
      address: input.address,
      secret: input.secret ? { secret: input.secret } : {},
      label: input.label ?? null,
      createdAt: now,
    })
    .onConflictDoUpdate({
      target: [contactPoints.unitId, contactPoints.channel, contactPoints.address],
      targetWhere: sqlUnitNotNull,
      set: { secret: input.secret ? { secret: input.secret } : {}, enabled: true, provider: input.provider, label: input.label ?? null, lastFailureAt: null, lastFailureReason: null },
    })
    .returning();
  return { contactPoint: contactPointView(row!, services) };
}

export async function removeUnitContactPoint(services: Services, actor: Actor, unitId: string, id: string) {
  await unitForManagement(services, actor, unitId);
  const [gone] = await services.db
    .delete(contactPoints)
    .where(and(eq(contactPoints.id, id), eq(contactPoints.unitId, unitId)))
    .returning({ id: contactPoints.id });
  if (!gone) throw notFound('联系方式');
}

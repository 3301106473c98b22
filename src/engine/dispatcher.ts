/**
 * Sends queued deliveries over their external channel (Web Push, SMS, group robots). A delivery
 * is claimed by pushing its next attempt time out by a lease, in a transaction that skips rows
 * other processes hold; the send happens after that commits, and its outcome is recorded:
 * sent, retried later with backoff on a temporary failure, or failed with the reason. A push
 * subscription the push service reports gone is removed.
 */
import { and, eq, getTableColumns, inArray, lte, ne, sql } from 'drizzle-orm';
import { contactPoints, deliveries, incidents, memberUnits, notifications, reportVersions, users, jurisdictions } from '../db/schema.js';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from '../domain/escalation.js';
import type { ChannelAdapter, ContactPoint, SendResult } from '../delivery/channel.js';
import { composeMessage } from '../delivery/compose.js';
import type { Services } from '../services/context.js';
import { createActionLinks } from '../services/links/action-links.js';
import { signUnitLink } from '../services/links/unit-links.js';
import { UNIT_LINK_LABEL } from '../delivery/compose.js';
import { loadTaskContext, prepareTaskDelivery } from './task-messages.js';
import { loadStandingContext, prepareStandingDelivery } from './standing-messages.js';
import { deliveryStopped, STOPPED_REASON } from './stopped-items.js';
import { plainFailureReason } from '../domain/delivery-failure.js';
import { appendEvents, type NewEvent } from '../services/events/append.js';

const LEASE_MS = 60_000;
/** Deliveries claimed at once: each batch costs a few statements whatever its size. */
export const DELIVERY_BATCH = 500;

/** By provider; `voice` places the text-to-speech calls, whatever provider the phone's contact point names. */
export type ChannelAdapters = Partial<Record<ContactPoint['provider'] | 'voice', ChannelAdapter>>;

export interface DispatchOptions {
  batch?: number;
  concurrency?: number;
  random?: () => number;
  /** Only deliveries to these providers' contact points are claimed; the rest stay queued for a
   * process that has their adapters (the Workers tier sends group robots, Node sends the rest). */
  providers?: readonly ContactPoint['provider'][];
}

/** Claims due deliveries and sends them; returns how many were claimed (sent, or cancelled as stopped). */
export async function dispatchDueDeliveries(services: Services, adapters: ChannelAdapters, options: DispatchOptions = {}): Promise<number> {
  const now = services.clock();
  const batch = options.batch ?? DELIVERY_BATCH;
  const due = and(eq(deliveries.state, 'queued'), ne(deliveries.channel, 'socket'), lte(deliveries.nextAttemptAt, now));
  const claimable = services.db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(due, options.providers ? forProviders(services, options.providers) : undefined))
    .orderBy(deliveries.nextAttemptAt)
    .limit(batch)
    .for('update', { skipLocked: true });
  // Whether its item has stopped (closed, superseded, declined…) is judged in the statement that
  // locks the row, so nothing queued before a close committed is sent after it.
  const rows = await services.db
    .update(deliveries)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS), attempts: sql`${deliveries.attempts} + 1` })
    .where(inArray(deliveries.id, claimable))
    .returning({ ...getTableColumns(deliveries), stopped: sql<boolean>`${deliveryStopped}` });
  if (rows.length === 0) return 0;
  // Those are cancelled, never sent (and were not an attempt).
  await recordStopped(services, rows.filter((r) => r.stopped).map((r) => r.id));
  const claimed: Delivery[] = rows.filter((r) => !r.stopped).map(({ stopped: _, ...d }) => d);
  if (claimed.length === 0) return rows.length;

  const context = await loadContext(services, claimed);
  const prepared = await prepareMessages(services, adapters, claimed, context);
  const outcomes = new Array<SendResult>(claimed.length);
  const concurrency = options.concurrency ?? 64;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, claimed.length) }, async () => {
      while (next < claimed.length) {
        const i = next++;
        const p = prepared[i]!;
        outcomes[i] = 'skip' in p ? p.skip : await p.adapter.send(p.message, p.contact).catch((err): SendResult => ({ ok: false, temporary: true, reason: `error: ${(err as Error).message}` }));
      }
    }),
  );
  await recordOutcomes(services, claimed, outcomes, options.random ?? Math.random, context);
  return rows.length;
}

type Delivery = typeof deliveries.$inferSelect;

/** Deliveries not sent because their subject no longer wants them: no failure, and not an attempt. */
async function recordStopped(services: Services, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await services.db
    .update(deliveries)
    .set({ state: 'failed', failedAt: services.clock(), nextAttemptAt: null, failureReason: STOPPED_REASON, attempts: sql`${deliveries.attempts} - 1` })
    .where(inArray(deliveries.id, ids));
}

function forProviders(services: Services, providers: readonly ContactPoint['provider'][]) {
  return inArray(deliveries.contactPointId, services.db.select({ id: contactPoints.id }).from(contactPoints).where(inArray(contactPoints.provider, [...providers])));
}

async function loadContext(services: Services, claimed: Delivery[]) {
  const { db } = services;
  const notificationIds = [...new Set(claimed.flatMap((d) => (d.notificationId ? [d.notificationId] : [])))];
  const rows = await db
    .select({ n: notifications, incident: incidents, facts: reportVersions.facts, unitName: memberUnits.name, utcOffset: jurisdictions.utcOffset })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, incidents.jurisdictionId))
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .innerJoin(reportVersions, and(eq(reportVersions.incidentId, notifications.incidentId), eq(reportVersions.version, notifications.reportVersion)))
    .where(inArray(notifications.id, notificationIds));
  const points = await db
    .select()
    .from(contactPoints)
    .where(inArray(contactPoints.id, claimed.map((d) => d.contactPointId ?? '')));
  return {
    notifications: new Map(rows.map((r) => [r.n.id, r])),
    tasks: await loadTaskContext(db, claimed),
    standing: await loadStandingContext(db, claimed),
    points: new Map(points.map((p) => [p.id, p])),
  };
}

type Prepared = { skip: SendResult } | { adapter: ChannelAdapter; message: ReturnType<typeof composeMessage>; contact: ContactPoint };

/** Renders every claimed delivery, creating all their one-tap links in one insert. */
async function prepareMessages(
  services: Services,
  adapters: ChannelAdapters,
  claimed: Delivery[],
  ctx: Awaited<ReturnType<typeof loadContext>>,
): Promise<Prepared[]> {
  const now = services.clock();
  const plans = claimed.map((d) => {
    const point = d.contactPointId ? ctx.points.get(d.contactPointId) : undefined;
    // A task's assignment or reminder: rendered on its own, without one-tap links.
    if (d.taskId) return { ready: prepareTaskDelivery(d, point, ctx.tasks.get(d.taskId), adapters, services.links.publicUrl) as Prepared };
    // The joint meeting's standing work: likewise, linking to the request on the phone page.
    if (d.standingRequestId) return { ready: prepareStandingDelivery(d, point, ctx.standing.get(d.standingRequestId), adapters, services.links.publicUrl) as Prepared };
    const row = ctx.notifications.get(d.notificationId ?? '');
    if (!row || !point || !point.enabled) return { skip: { ok: false, temporary: false, reason: '联系方式已删除或停用 (contact point removed)' } as SendResult };
    if (row.n.state !== 'pending' && d.round > 0) return { skip: { ok: false, temporary: false, stopped: true, reason: '已签收或已关闭，无需催办 (no longer pending)' } as SendResult };
    const adapter = d.channel === 'voice' ? adapters.voice : adapters[point.provider as ContactPoint['provider']];
    if (!adapter) return { skip: { ok: false, temporary: false, reason: `未配置 ${point.provider} 通道 (channel not configured)` } as SendResult };
    // A person's message carries that person's own link; a group robot's carries only the unit
    // link, which asks who is acknowledging (anyone in a group chat could use a personal link).
    const recipients = point.userId ? [{ id: point.userId, label: '' }] : [];
    return { d, row, point, adapter, recipients };
  });
  const linkRequests = plans.flatMap((p) => ('skip' in p || 'ready' in p ? [] : p.recipients.map((r) => ({ notificationId: p.row.n.id, userId: r.id, channel: p.d.channel, deliveryId: p.d.id }))));
  const tokens = await createActionLinks(services.db, services.links.secret, now, linkRequests);
  const unitTokens = new Map<string, string>();
  for (const p of plans)
    if (!('skip' in p) && !('ready' in p) && !p.point.userId && !unitTokens.has(p.row.n.id))
      unitTokens.set(p.row.n.id, await signUnitLink(services.links.secret, p.row.n.id, now));
  let cursor = 0;
  return plans.map((p) => {
    if ('ready' in p && p.ready) return p.ready;
    if ('skip' in p) return p as Prepared;
    const { d, row, point, adapter, recipients } = p;
    const links = point.userId
      ? recipients.map((r) => ({ label: r.label, url: `${services.links.publicUrl}/a/${tokens[cursor++]}` }))
      : [{ label: UNIT_LINK_LABEL, url: `${services.links.publicUrl}/g/${unitTokens.get(row.n.id)}` }];
    const message = composeMessage({
      deliveryId: d.id,
      round: d.round,
      incident: { id: row.incident.id, ref: row.incident.ref, title: row.incident.title, severity: row.incident.severity, place: row.facts.place, casualties: row.facts.casualties, drill: row.incident.drill },
      notification: { id: row.n.id, unitName: row.unitName, role: row.n.role, basis: row.n.basis, ackDueAt: row.n.ackDueAt },
      links,
      utcOffset: row.utcOffset,
    });
    const contact: ContactPoint = { id: point.id, channel: point.channel as ContactPoint['channel'], provider: point.provider as ContactPoint['provider'], address: point.address, secret: point.secret };
    return { adapter, message, contact };
  });
}

/** Writes a batch's outcomes: every success in one statement, failures one by one (they are few). */
async function recordOutcomes(services: Services, claimed: Delivery[], outcomes: SendResult[], random: () => number, ctx: Awaited<ReturnType<typeof loadContext>>): Promise<void> {
  const now = services.clock();
  const { db } = services;
  const sent = claimed.map((d, i) => ({ d, o: outcomes[i]! })).filter((x) => x.o.ok);
  if (sent.length) {
    const providerIds = sql.join(
      sent.map(({ d, o }) => sql`when ${d.id} then ${(o as { providerMessageId?: string }).providerMessageId ?? null}::text`),
      sql` `,
    );
    await db
      .update(deliveries)
      .set({ state: 'sent', sentAt: now, nextAttemptAt: null, failureReason: null, providerMessageId: sql`case ${deliveries.id} ${providerIds} end` })
      .where(inArray(deliveries.id, sent.map(({ d }) => d.id)));
  }
  for (let i = 0; i < claimed.length; i++) {
    const d = claimed[i]!;
    const outcome = outcomes[i]!;
    if (outcome.ok) continue;
    // Its subject stopped wanting it between the claim and the send (acknowledged, answered,
    // handed on): recorded as a stop at the claim is, with no failure on the contact point and no event.
    if (outcome.stopped) {
      await recordStopped(services, [d.id]);
      continue;
    }
    if (outcome.gone && d.contactPointId) await db.delete(contactPoints).where(eq(contactPoints.id, d.contactPointId));
    else if (d.contactPointId)
      await db.update(contactPoints).set({ lastFailureAt: now, lastFailureReason: outcome.reason }).where(eq(contactPoints.id, d.contactPointId));
    if (outcome.temporary && d.attempts < MAX_DELIVERY_ATTEMPTS) {
      await db
        .update(deliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + retryDelayMs(d.attempts, random())), failureReason: outcome.reason })
        .where(eq(deliveries.id, d.id));
      continue;
    }
    // A delivery given up is on the record with its event, the reason in plain words, for the board,
    // the timeline and the office's standing-work pages.
    const event = deliveryFailedEvent(d, plainFailureReason(outcome.reason, d.channel), ctx);
    await db.transaction(async (tx) => {
      await tx.update(deliveries).set({ state: 'failed', failedAt: now, nextAttemptAt: null, failureReason: outcome.reason }).where(eq(deliveries.id, d.id));
      if (event) await appendEvents(tx, now, [event]);
    });
  }
}

/** The event of a delivery given up, in the stream of the incident or the standing work it was about. */
function deliveryFailedEvent(d: Delivery, reason: string, ctx: Awaited<ReturnType<typeof loadContext>>): NewEvent | null {
  const common = { deliveryId: d.id, notificationId: d.notificationId, taskId: d.taskId, standingRequestId: d.standingRequestId, unitId: d.unitId, channel: d.channel, round: d.round, reason };
  const about = d.notificationId ? ctx.notifications.get(d.notificationId) : d.taskId ? ctx.tasks.get(d.taskId) : undefined;
  if (about) return { type: 'delivery.failed', jurisdictionId: about.incident.jurisdictionId, incidentId: about.incident.id, data: { ...common, unitName: about.unitName } };
  const standing = d.standingRequestId ? ctx.standing.get(d.standingRequestId) : undefined;
  if (standing) return { type: 'delivery.failed', jurisdictionId: standing.r.jurisdictionId, incidentId: null, data: { ...common, unitName: standing.unitName, title: standing.r.title } };
  return null;
}

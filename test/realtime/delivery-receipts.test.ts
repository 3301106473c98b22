/**
 * A flush of many socket receipts is written in one transaction of a few statements: receipts for
 * the same person's row merge (earliest times, read wins, every receipt counted), and each
 * notification's first delivery and first read become one event each, once.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries, events, notifications, users } from '../../src/db/schema.js';
import { recordDeliveries, type DeliveryReceipt } from '../../src/services/notifications/record-delivery.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { unitIdByName, xinyangReport } from '../support/reports.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
});
afterAll(async () => server?.close());

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 10, 0, s));

describe('recording socket deliveries in batches', () => {
  it('merges receipts per row, keeps the earliest times, and raises each first delivery and read once', async () => {
    const duty = await server.login('duty');
    const union = await unitIdByName(server, duty, 'xinyang', '总工会');
    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: xinyangReport({ title: '批量回执' }) });
    expect(filed.status).toBe(201);
    const found = await server.services.db.select().from(notifications).where(eq(notifications.incidentId, filed.body.id));
    const ofUnion = found.find((n) => n.unitId === union)!;
    const other = found.find((n) => n.unitId !== union)!;
    const [liaison] = await server.services.db.select().from(users).where(eq(users.username, `liaison.${union}`));
    const [otherLiaison] = await server.services.db.select().from(users).where(eq(users.username, `liaison.${other.unitId}`));
    const receipt = (notificationId: string, userId: string, s: number, stage: DeliveryReceipt['stage'] = 'delivered'): DeliveryReceipt => ({
      notificationId,
      userId,
      channel: 'socket',
      at: at(s),
      stage,
    });

    await recordDeliveries(server.services, [
      receipt(ofUnion.id, liaison!.id, 5),
      receipt(ofUnion.id, liaison!.id, 3),
      receipt(ofUnion.id, liaison!.id, 8, 'read'),
      receipt(other.id, otherLiaison!.id, 4),
    ]);
    // A later flush for the same rows adds to the count and changes no first time.
    await recordDeliveries(server.services, [receipt(ofUnion.id, liaison!.id, 1), receipt(other.id, otherLiaison!.id, 9, 'read')]);

    const rows = await server.services.db
      .select()
      .from(deliveries)
      .where(and(inArray(deliveries.notificationId, [ofUnion.id, other.id]), eq(deliveries.channel, 'socket')));
    const mine = rows.find((r) => r.notificationId === ofUnion.id)!;
    expect(rows).toHaveLength(2);
    expect(mine).toMatchObject({ userId: liaison!.id, state: 'read', attempts: 4, deliveredAt: at(3), readAt: at(8) });
    expect(rows.find((r) => r.notificationId === other.id)).toMatchObject({ state: 'read', attempts: 2, deliveredAt: at(4), readAt: at(9) });

    const [n1] = await server.services.db.select().from(notifications).where(eq(notifications.id, ofUnion.id));
    const [n2] = await server.services.db.select().from(notifications).where(eq(notifications.id, other.id));
    expect(n1).toMatchObject({ firstDeliveredAt: at(3), firstReadAt: at(8) });
    expect(n2).toMatchObject({ firstDeliveredAt: at(4), firstReadAt: at(9) });

    const raised = await server.services.db
      .select({ type: events.type, data: events.data })
      .from(events)
      .where(inArray(events.type, ['notification.delivered', 'notification.read']))
      .orderBy(asc(events.seq));
    const about = (id: string) => raised.filter((e) => (e.data as { notificationId: string }).notificationId === id).map((e) => [e.type, (e.data as { at: string }).at]);
    expect(about(ofUnion.id)).toEqual([
      ['notification.delivered', at(3).toISOString()],
      ['notification.read', at(8).toISOString()],
    ]);
    expect(about(other.id)).toEqual([
      ['notification.delivered', at(4).toISOString()],
      ['notification.read', at(9).toISOString()],
    ]);
  });
});

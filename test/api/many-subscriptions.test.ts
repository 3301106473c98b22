import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactPoints, deliveries, users } from '../../src/db/schema.js';
import { newId } from '../../src/services/ids.js';
import { insertChunks } from '../../src/db/insert-chunks.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { xinyangReport } from '../support/reports.js';
import { reportSubmissionSchema } from '../../src/contract/report.js';
import { routeByRulebook } from '../../src/domain/routing.js';
import { classifyIncident } from '../../src/domain/classification.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ manualEngine: true });
});
afterAll(async () => server?.close());

describe('a report whose units hold thousands of push subscriptions', () => {
  it('is filed, and one delivery is queued per subscription, however many statements that takes', async () => {
    const duty = await server.login('duty');
    const submission = reportSubmissionSchema.parse(xinyangReport({ title: '订阅很多' }));
    const book = (await server.services.rulebooks.current('xinyang'))!;
    // The units the report notifies (the filing commission's own is sent nothing), and their on-duty liaisons.
    const units = routeByRulebook(book, submission, classifyIncident(submission)).routing.map((r) => r.unitId).filter((id) => id !== book.commissionUnitId);
    const liaisonIds = (await server.services.db.select({ id: users.id }).from(users).where(and(inArray(users.unitId, units), eq(users.role, 'liaison'), eq(users.onDuty, true)))).map((u) => u.id);
    expect(liaisonIds.length).toBeGreaterThan(0);
    // 5,000 deliveries bind more parameters than one PostgreSQL statement may (65,535).
    const SUBSCRIPTIONS = 5000;
    const rows = Array.from({ length: SUBSCRIPTIONS }, (_, i) => ({
      id: newId('cpt'),
      userId: liaisonIds[i % liaisonIds.length]!,
      channel: 'web_push' as const,
      provider: 'webpush',
      address: `https://fcm.googleapis.com/fcm/send/bench-${i}`,
      secret: { p256dh: 'BElx', auth: 'x' },
      createdAt: new Date(),
    }));
    for (const chunk of insertChunks(contactPoints, rows)) await server.services.db.insert(contactPoints).values(chunk);

    const filed = await server.request('POST', '/api/v1/incidents', { token: duty, body: submission });
    expect(filed.status).toBe(201);
    const queued = await server.services.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.channel, 'web_push'), inArray(deliveries.notificationId, filed.body.notifications.map((n: { id: string }) => n.id))));
    expect(queued).toHaveLength(SUBSCRIPTIONS);
  });
});

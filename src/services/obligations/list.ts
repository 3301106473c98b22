/** 上报义务: an incident's upward-reporting obligations with their state now; the commission's business. */
import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { obligations, users } from '../../db/schema.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { forbidden } from '../errors.js';
import { loadVisibleIncident } from '../incidents/load.js';
import { obligationView } from './views.js';

export async function obligationsOf(db: Database, incidentId: string, now: Date) {
  const rows = await db
    .select({ o: obligations, byName: users.displayName })
    .from(obligations)
    .leftJoin(users, eq(users.id, obligations.submittedBy))
    .where(eq(obligations.incidentId, incidentId))
    .orderBy(asc(obligations.dueAt), asc(obligations.key));
  return rows.map(({ o, byName }) => obligationView(o, now, byName));
}

export async function listObligations(services: Services, actor: Actor, incidentId: string) {
  await loadVisibleIncident(services.db, actor, incidentId);
  if (!isCommission(actor)) throw forbidden('上报义务只对卫健委开放 (upward reporting is the commission’s)');
  return { obligations: await obligationsOf(services.db, incidentId, services.clock()) };
}

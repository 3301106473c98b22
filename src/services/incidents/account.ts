/**
 * 事后报告 (after-action account): the figures of `domain/account.ts` folded from the incident's
 * whole timeline. The commission's record: a unit that may see the incident gets 403.
 */
import { asc, eq } from 'drizzle-orm';
import { events, jurisdictions } from '../../db/schema.js';
import { buildAccount } from '../../domain/account.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { forbidden } from '../errors.js';
import { viewEventsFor } from '../events/read.js';
import { loadVisibleIncident } from './load.js';

export async function incidentAccount(services: Services, actor: Actor, incidentId: string) {
  const incident = await loadVisibleIncident(services.db, actor, incidentId);
  if (!isCommission(actor)) throw forbidden('事后报告只对卫健委开放 (the account is the commission’s)');
  const rows = await services.db.select().from(events).where(eq(events.incidentId, incidentId)).orderBy(asc(events.seq));
  const [j] = await services.db.select({ id: jurisdictions.id, name: jurisdictions.name, utcOffset: jurisdictions.utcOffset }).from(jurisdictions).where(eq(jurisdictions.id, incident.jurisdictionId));
  const now = services.clock();
  return {
    ...buildAccount(viewEventsFor(actor, rows), now),
    jurisdiction: j!,
    generatedAt: now.toISOString(),
    /** Accountability figures of a drill are the drill's own: they never count for real incidents. */
    note: incident.drill ? '【演练】本报告为演练记录，不计入真实事故的统计和考核' : null,
  };
}

export type IncidentAccount = Awaited<ReturnType<typeof incidentAccount>>;

/**
 * 统计: a jurisdiction's real incidents by severity and how acknowledgements and upward reports
 * met their deadlines, over a period of receipt. Exercises (演练) are counted apart and left out.
 */
import { and, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { incidents, notifications, obligations } from '../../db/schema.js';
import { computeStatistics } from '../../domain/statistics.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';

export interface StatisticsQuery {
  jurisdictionId?: string;
  from?: string;
  to?: string;
}

export async function jurisdictionStatistics(services: Services, actor: Actor, query: StatisticsQuery) {
  if (!isCommission(actor)) throw forbidden('统计只对卫健委开放 (statistics are for the commission)');
  const jurisdictionId = query.jurisdictionId ?? actor.jurisdictionId;
  if (!jurisdictionId) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '管理员须指定辖区 (admins name the jurisdiction)' }]);
  if (!servesJurisdiction(actor, jurisdictionId)) throw notFound('辖区');
  const period: SQL[] = [eq(incidents.jurisdictionId, jurisdictionId)];
  if (query.from) period.push(gte(incidents.receivedAt, new Date(query.from)));
  if (query.to) period.push(lt(incidents.receivedAt, new Date(query.to)));
  const all = await services.db.select({ id: incidents.id, severity: incidents.severity, drill: incidents.drill }).from(incidents).where(and(...period));
  const real = all.filter((i) => !i.drill);
  const ids = real.map((i) => i.id);
  const notificationRows = ids.length ? await services.db.select().from(notifications).where(inArray(notifications.incidentId, ids)) : [];
  const obligationRows = ids.length ? await services.db.select().from(obligations).where(inArray(obligations.incidentId, ids)) : [];
  return {
    jurisdictionId,
    from: query.from ?? null,
    to: query.to ?? null,
    drillsExcluded: all.length - real.length,
    ...computeStatistics({ incidents: real, notifications: notificationRows, obligations: obligationRows }, services.clock()),
  };
}

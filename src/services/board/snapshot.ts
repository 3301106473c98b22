/**
 * 指挥大屏: everything the commander's board shows at once — every open incident of the
 * jurisdiction in full, the open 督办 alerts and the standing work still waiting for units — with the event watermark read first, so a
 * client that resumes from it misses nothing.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import { incidents, jurisdictions, memberUnits, standingRequests } from '../../db/schema.js';
import { listAlerts } from '../alerts/alerts.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { latestSeq } from '../events/read.js';
import { getIncident } from '../incidents/get-incident.js';

const MAX_OPEN = 200;

export async function boardSnapshot(services: Services, actor: Actor, input: { jurisdictionId?: string }) {
  if (!isCommission(actor)) throw forbidden('指挥大屏只对卫健委开放 (the board is for the commission)');
  const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
  if (!jurisdictionId) throw invalid('请指定辖区 (jurisdictionId required)', [{ field: 'jurisdictionId', message: '管理员须指定辖区 (admins name the jurisdiction)' }]);
  if (!servesJurisdiction(actor, jurisdictionId)) throw notFound('辖区');
  const [j] = await services.db.select({ id: jurisdictions.id, name: jurisdictions.name }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');

  const lastSeq = await latestSeq(services.db);
  const open = await services.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(and(eq(incidents.jurisdictionId, jurisdictionId), eq(incidents.status, 'open')))
    .orderBy(desc(incidents.receivedAt))
    .limit(MAX_OPEN);
  const details = [];
  for (const { id } of open) {
    const { lastSeq: _own, ...detail } = await getIncident(services, actor, id);
    details.push(detail);
  }
  const { alerts } = await listAlerts(services, actor, { open: true });
  const standing = await services.db
    .select({ id: standingRequests.id, title: standingRequests.title, unitId: standingRequests.unitId, unitName: memberUnits.name, dueAt: standingRequests.dueAt, link: standingRequests.link })
    .from(standingRequests)
    .innerJoin(memberUnits, eq(memberUnits.id, standingRequests.unitId))
    .where(and(eq(standingRequests.jurisdictionId, jurisdictionId), eq(standingRequests.state, 'pending')))
    .orderBy(asc(standingRequests.dueAt))
    .limit(500);
  return {
    jurisdiction: j,
    lastSeq,
    incidents: details,
    alerts: alerts
      .filter((a) => a.jurisdictionId === jurisdictionId)
      .map((a) => ({
        id: a.id,
        incident: a.incident,
        subject: a.subject,
        standingRequestId: a.standingRequestId,
        jurisdictionId: a.jurisdictionId,
        incidentId: a.incidentId,
        notificationId: a.notificationId,
        taskId: a.taskId,
        obligationId: a.obligationId,
        unitId: a.unitId,
        unitName: a.unitName,
        kind: a.kind,
        reason: a.reason,
        raisedAt: a.raisedAt,
        resolvedAt: a.resolvedAt,
      })),
    standing: standing.map((r) => ({ ...r, dueAt: r.dueAt.toISOString() })),
  };
}

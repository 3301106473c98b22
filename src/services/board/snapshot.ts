/**
 * 指挥大屏: everything the commander's board shows at once — every open incident of the
 * jurisdiction in full, the open 督办 alerts and the standing work still waiting for units — with the event watermark read first, so a
 * client that resumes from it misses nothing.
 */
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import { incidents, jurisdictions, memberUnits, standingRequests } from '../../db/schema.js';
import { listAlerts } from '../alerts/alerts.js';
import { isCommission, servesJurisdiction, type Actor, type Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { latestSeq } from '../events/read.js';
import { getIncident } from '../incidents/get-incident.js';

/**
 * The board carries the most urgent open incidents in full (each is a handful of reads); past this
 * it says how many more there are (`openTotal`) instead of silently showing fewer.
 */
const MAX_OPEN = 200;
const READ_SIDE_BY_SIDE = 4;
/** The board's own order (web/src/pages/board/BoardPage.tsx): real before drills, most severe, newest. */
const severityRank = sql`case ${incidents.severity} when 'extraordinary' then 0 when 'major' then 1 else 2 end`;

export async function boardSnapshot(services: Services, actor: Actor, input: { jurisdictionId?: string }) {
  if (!isCommission(actor)) throw forbidden('指挥大屏只对卫健委开放 (the board is for the commission)');
  const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
  if (!jurisdictionId) throw invalid('请指定辖区 (jurisdictionId required)', [{ field: 'jurisdictionId', message: '管理员须指定辖区 (admins name the jurisdiction)' }]);
  if (!servesJurisdiction(actor, jurisdictionId)) throw notFound('辖区');
  const [j] = await services.db.select({ id: jurisdictions.id, name: jurisdictions.name }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId));
  if (!j) throw notFound('辖区');

  const lastSeq = await latestSeq(services.db);
  const isOpenHere = and(eq(incidents.jurisdictionId, jurisdictionId), eq(incidents.status, 'open'));
  const open = await services.db
    .select({ id: incidents.id })
    .from(incidents)
    .where(isOpenHere)
    .orderBy(asc(incidents.drill), severityRank, desc(incidents.receivedAt))
    .limit(MAX_OPEN);
  const [{ openTotal }] = (await services.db.select({ openTotal: count() }).from(incidents).where(isOpenHere)) as [{ openTotal: number }];
  // A few incidents at a time: on PostgreSQL the pool reads them side by side; order is kept.
  const details = [];
  for (let i = 0; i < open.length; i += READ_SIDE_BY_SIDE) {
    const batch = await Promise.all(open.slice(i, i + READ_SIDE_BY_SIDE).map(({ id }) => getIncident(services, actor, id)));
    details.push(...batch.map(({ lastSeq: _own, ...detail }) => detail));
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
    openTotal: Number(openTotal),
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

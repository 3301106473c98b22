/**
 * One incident as its viewer may see it: the commission sees every unit and version, the upward
 * reporting obligations, every task and the 逐级上报 links; a member unit sees the facts and its
 * own notifications and tasks only.
 */
import { and, asc, eq } from 'drizzle-orm';
import { memberUnits, notifications, reportVersions, users } from '../../db/schema.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { latestSeq } from '../events/read.js';
import { obligationsOf } from '../obligations/list.js';
import { visibleTasksOf } from '../tasks/list-tasks.js';
import { loadVisibleIncident } from './load.js';
import { incidentLinks } from './links.js';
import { incidentSummary, notificationView } from './views.js';

export async function getIncident(services: Services, actor: Actor, incidentId: string) {
  const { db } = services;
  // Read the watermark first: anything after it reaches the client through `resume`.
  const seq = await latestSeq(db);
  const incident = await loadVisibleIncident(db, actor, incidentId);
  const commission = isCommission(actor);
  const versions = await db.select().from(reportVersions).where(eq(reportVersions.incidentId, incidentId)).orderBy(asc(reportVersions.version));
  const current = versions[versions.length - 1]!;
  const rows = await db
    .select({ n: notifications, unitName: memberUnits.name, ackName: users.displayName })
    .from(notifications)
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .leftJoin(users, eq(users.id, notifications.acknowledgedBy))
    .where(
      commission
        ? eq(notifications.incidentId, incidentId)
        : and(eq(notifications.incidentId, incidentId), eq(notifications.unitId, actor.unitId!)),
    )
    .orderBy(asc(notifications.reportVersion), asc(notifications.createdAt), asc(notifications.id));
  const clausesByUnit = new Map(current.routing.map((d) => [d.unitId, d.clauses]));
  const links = commission ? await incidentLinks(db, incident) : { upstream: [], downstream: null };
  const obligationList = commission ? await obligationsOf(db, incidentId, services.clock()) : [];
  const tasks = await visibleTasksOf(services, actor, incidentId);
  const ownRouting = current.routing.filter((d) => commission || d.unitId === actor.unitId);

  return {
    incident: {
      ...incidentSummary(incident, current.facts),
      createdAt: incident.createdAt.toISOString(),
      updatedAt: incident.updatedAt.toISOString(),
      closedAt: incident.closedAt?.toISOString() ?? null,
      closeOverrideReason: commission ? incident.closeOverrideReason : null,
      severityReason: current.classification.severityReason,
      regimes: current.classification.regimes,
      facts: commission ? current.facts : undefined,
    },
    routing: ownRouting,
    excluded: commission ? current.excluded : [],
    warnings: commission ? current.warnings : [],
    versions: versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      filedAt: v.filedAt.toISOString(),
      severity: v.classification.severity,
      requiresReacknowledgement: v.requiresReacknowledgement,
      casualties: v.facts.casualties,
    })),
    notifications: rows.map(({ n, unitName, ackName }) => ({
      ...notificationView(n, unitName, n.reportVersion === current.version ? clausesByUnit.get(n.unitId) ?? [] : []),
      acknowledgedByName: ackName,
    })),
    obligations: obligationList,
    tasks: tasks.map(({ incident: _i, ...t }) => t),
    upstream: links.upstream,
    downstream: links.downstream,
    lastSeq: seq,
  };
}

/** 收件箱: the caller's unit's notifications, open ones first, with the incident each is about. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { incidents, memberUnits, notifications, reportVersions } from '../../db/schema.js';
import type { Actor, Services } from '../context.js';
import { forbidden } from '../errors.js';
import { latestSeq } from '../events/read.js';
import { incidentSummary, notificationView } from '../incidents/views.js';

export async function unitInbox(services: Services, actor: Actor, limit = 100) {
  if (!actor.unitId) throw forbidden('收件箱属于成员单位人员 (the inbox belongs to member-unit staff)');
  const { db } = services;
  const seq = await latestSeq(db);
  const rows = await db
    .select({ n: notifications, incident: incidents, facts: reportVersions.facts, routing: reportVersions.routing, unitName: memberUnits.name })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .innerJoin(reportVersions, and(eq(reportVersions.incidentId, notifications.incidentId), eq(reportVersions.version, notifications.reportVersion)))
    .where(and(eq(notifications.unitId, actor.unitId), inArray(notifications.state, ['pending', 'acknowledged', 'declined'])))
    .orderBy(sql`case when ${notifications.state} = 'pending' then 0 else 1 end`, desc(notifications.createdAt))
    .limit(limit);
  return {
    notifications: rows.map(({ n, incident, facts, routing, unitName }) => ({
      ...notificationView(n, unitName, routing.find((d) => d.unitId === n.unitId)?.clauses ?? []),
      incident: incidentSummary(incident, facts),
    })),
    lastSeq: seq,
  };
}

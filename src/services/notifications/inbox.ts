/**
 * 收件箱: the caller's unit's notifications, open ones first, with the incident each is about,
 * what its version changed for the unit (续报·第N版) and, for a decline, what the commander decided;
 * and the numbers of the unit's own liaisons and heads, so the phone can call them with one tap.
 */
import { and, asc, desc, eq, inArray, isNotNull, or, sql } from 'drizzle-orm';
import { incidents, memberUnits, notifications, reportVersions, users } from '../../db/schema.js';
import { unitRevision } from '../../domain/report-changes.js';
import type { Actor, Services } from '../context.js';
import { forbidden } from '../errors.js';
import { latestSeq } from '../events/read.js';
import { incidentSummary, notificationView } from '../incidents/views.js';

export async function unitInbox(services: Services, actor: Actor, limit = 100) {
  if (!actor.unitId) throw forbidden('收件箱属于成员单位人员 (the inbox belongs to member-unit staff)');
  const { db } = services;
  const seq = await latestSeq(db);
  const rows = await db
    .select({
      n: notifications,
      incident: incidents,
      facts: reportVersions.facts,
      routing: reportVersions.routing,
      kind: reportVersions.kind,
      unitName: memberUnits.name,
    })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
    .innerJoin(reportVersions, and(eq(reportVersions.incidentId, notifications.incidentId), eq(reportVersions.version, notifications.reportVersion)))
    .where(and(eq(notifications.unitId, actor.unitId), inArray(notifications.state, ['pending', 'acknowledged', 'declined'])))
    .orderBy(sql`case when ${notifications.state} = 'pending' then 0 else 1 end`, desc(notifications.createdAt))
    .limit(limit);
  const names = await resolutionNames(services, rows.map(({ n }) => n));
  const unitPhones = await ownUnitPhones(services, actor.unitId);
  const previous = await previousVersions(services, rows.map(({ n }) => ({ incidentId: n.incidentId, version: n.reportVersion - 1 })));
  return {
    notifications: rows.map(({ n, incident, facts, routing, kind, unitName }) => {
      const before = previous.get(`${n.incidentId}/${n.reportVersion - 1}`) ?? null;
      return {
        ...notificationView(n, unitName, routing.find((d) => d.unitId === n.unitId)?.clauses ?? []),
        incident: incidentSummary(incident, facts),
        revision: unitRevision(kind, n.reportVersion, before, n.unitId),
        declineResolvedByName: n.declineResolvedBy ? (names.people.get(n.declineResolvedBy) ?? null) : null,
        acknowledgedByName: n.acknowledgedBy ? (names.people.get(n.acknowledgedBy) ?? null) : null,
      };
    }),
    unitPhones,
    lastSeq: seq,
  };
}

async function previousVersions(services: Services, wanted: { incidentId: string; version: number }[]) {
  const pairs = wanted.filter((w) => w.version >= 1);
  if (pairs.length === 0) return new Map();
  const rows = await services.db
    .select({ incidentId: reportVersions.incidentId, version: reportVersions.version, facts: reportVersions.facts, classification: reportVersions.classification, routing: reportVersions.routing })
    .from(reportVersions)
    .where(or(...pairs.map((p) => and(eq(reportVersions.incidentId, p.incidentId), eq(reportVersions.version, p.version)))));
  return new Map(
    rows.map((r) => [`${r.incidentId}/${r.version}`, { version: r.version, severity: r.classification.severity, casualties: r.facts.casualties, routing: r.routing }]),
  );
}

/** A unit's own people with a number: on-duty liaisons first, then the rest, then its heads. */
async function ownUnitPhones(services: Services, unitId: string) {
  const people = await services.db
    .select({ userId: users.id, displayName: users.displayName, role: users.role, phone: users.phone, onDuty: users.onDuty })
    .from(users)
    .where(and(eq(users.unitId, unitId), eq(users.active, true), isNotNull(users.phone), inArray(users.role, ['liaison', 'unit_head'])))
    .orderBy(asc(users.role), desc(users.onDuty), asc(users.username));
  return people.map((p) => ({ ...p, phone: p.phone! }));
}

/** Who acknowledged and who resolved each decline (a declining unit is not told which unit took its place). */
async function resolutionNames(services: Services, rows: (typeof notifications.$inferSelect)[]) {
  const peopleIds = [...new Set(rows.flatMap((n) => [n.declineResolvedBy, n.acknowledgedBy].filter((id): id is string => !!id)))];
  const people = peopleIds.length ? await services.db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, peopleIds)) : [];
  return { people: new Map(people.map((p) => [p.id, p.name])) };
}

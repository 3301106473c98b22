/** Loads 成员单位报告 with the names a view shows (unit, filer, decider, the incident's ref). */
import { aliasedTable, and, desc, eq, type SQL } from 'drizzle-orm';
import type { UnitReportView } from '../../contract/unit-report.js';
import type { Database } from '../../db/client.js';
import { incidents, memberUnits, unitReports, users } from '../../db/schema.js';

const decider = aliasedTable(users, 'decider');

export type UnitReportRow = typeof unitReports.$inferSelect;

export async function loadUnitReports(db: Database, where: SQL | undefined, limit = 200): Promise<UnitReportView[]> {
  const rows = await db
    .select({ r: unitReports, unitName: memberUnits.name, filedByName: users.displayName, decidedByName: decider.displayName, incidentRef: incidents.ref })
    .from(unitReports)
    .innerJoin(memberUnits, eq(memberUnits.id, unitReports.unitId))
    .innerJoin(users, eq(users.id, unitReports.filedBy))
    .leftJoin(decider, eq(decider.id, unitReports.decidedBy))
    .leftJoin(incidents, eq(incidents.id, unitReports.incidentId))
    .where(where)
    .orderBy(desc(unitReports.filedAt))
    .limit(limit);
  return rows.map(({ r, unitName, filedByName, decidedByName, incidentRef }) => unitReportView(r, { unitName, filedByName, decidedByName, incidentRef }));
}

export async function loadUnitReport(db: Database, id: string): Promise<UnitReportView | null> {
  return (await loadUnitReports(db, and(eq(unitReports.id, id)), 1))[0] ?? null;
}

export function unitReportView(
  r: UnitReportRow,
  names: { unitName: string; filedByName: string; decidedByName: string | null; incidentRef: string | null },
): UnitReportView {
  const { jurisdictionId: _j, extraUnits: _x, excludeUnits: _e, receivedAt: _r, drill, ...facts } = r.submission;
  return {
    id: r.id,
    jurisdictionId: r.jurisdictionId,
    unitId: r.unitId,
    unitName: names.unitName,
    filedBy: r.filedBy,
    filedByName: names.filedByName,
    filedAt: r.filedAt.toISOString(),
    state: r.state,
    title: facts.title,
    drill: drill ?? false,
    facts,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedByName: names.decidedByName,
    rejectReason: r.rejectReason,
    incidentId: r.incidentId,
    incidentRef: names.incidentRef,
  };
}

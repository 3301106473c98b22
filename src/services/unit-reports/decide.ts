/**
 * The commission's answer to a member unit's report: confirmed, it becomes the 初报 of an incident
 * (classified, routed, notified, its clocks running from when the report reached the commission);
 * declined, the unit is told why. Either way the filing unit learns the outcome at once.
 */
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { unitReportConfirmationSchema } from '../../contract/unit-report.js';
import type { UnitReportView } from '../../contract/unit-report.js';
import { unitReports } from '../../db/schema.js';
import { decisionProblem, statutoryClockStart } from '../../domain/unit-reports.js';
import type { Database } from '../../db/client.js';
import { servesJurisdiction, type Actor, type Services } from '../context.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { assessReport } from '../incidents/assess.js';
import { createIncident } from '../incidents/create-incident.js';
import { createOnce } from '../idempotency.js';
import { loadUnitReport } from './views.js';
import { getUnitReport } from './list.js';

type Confirmation = z.output<typeof unitReportConfirmationSchema>;

/** The report as the actor may see it; refused unless the actor answers for its jurisdiction. */
async function visibleToDecide(services: Services, actor: Actor, id: string) {
  const { unitReport } = await getUnitReport(services, actor, id);
  if (!servesJurisdiction(actor, unitReport.jurisdictionId)) throw forbidden('只有本辖区卫健委值班员和指挥长可以确认或不予确认成员单位报告');
  return unitReport;
}

/** The row, locked for this transaction, if it is still waiting for an answer. */
async function lockPending(tx: Database, id: string) {
  const [row] = await tx.select().from(unitReports).where(eq(unitReports.id, id)).for('update');
  if (!row) throw notFound('成员单位报告');
  const problem = decisionProblem(row.state);
  if (problem) throw conflict(problem, { state: row.state, incidentId: row.incidentId });
  return row;
}

/** The answer, to the commission and to the filing unit (its view: src/contract/events.ts). */
const decided = (view: UnitReportView, actor: Actor) => ({ jurisdictionId: view.jurisdictionId, audienceUnits: [view.unitId], actorId: actor.id, data: { unitReport: view } });

/** 确认, run once per `Idempotency-Key`: a retry gets the first answer (the incident made), not a 409. */
export async function confirmUnitReport(services: Services, actor: Actor, id: string, body: Confirmation, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /unit-reports/{id}/confirm', id, body }, async () => {
    const view = await visibleToDecide(services, actor, id);
    const book = await services.rulebooks.current(view.jurisdictionId);
    if (!book) throw invalid('辖区不存在', [{ field: 'jurisdictionId', message: `没有辖区 ${view.jurisdictionId}` }]);
    const now = services.clock();
    return async (tx: Database) => {
      const row = await lockPending(tx, id);
      const { jurisdictionId: _j, extraUnits: _x, excludeUnits: _e, receivedAt: _r, drill, ...facts } = row.submission;
      const assessment = assessReport(book, facts, body.extraUnits, body.excludeUnits);
      const receivedAt = statutoryClockStart(row.filedAt);
      const created = await createIncident(tx, {
        book,
        assessment,
        facts: { ...facts, receivedAt: receivedAt.toISOString() },
        receivedAt,
        drill: drill ?? false,
        actor,
        now,
        fromUnitReport: { id: row.id, unitId: row.unitId, unitName: view.unitName, filedAt: view.filedAt },
      });
      await tx.update(unitReports).set({ state: 'confirmed', decidedBy: actor.id, decidedAt: now, incidentId: created.incident.id }).where(eq(unitReports.id, id));
      const answered: UnitReportView = { ...view, state: 'confirmed', decidedAt: now.toISOString(), decidedByName: actor.displayName, incidentId: created.incident.id, incidentRef: created.incident.ref };
      const event: NewEvent = { type: 'unit_report.confirmed', ...decided(answered, actor) };
      await appendEvents(tx, now, [...created.events, event]);
      return { unitReport: answered, incident: created.body };
    };
  });
}

export async function rejectUnitReport(services: Services, actor: Actor, id: string, reason: string) {
  const view = await visibleToDecide(services, actor, id);
  const now = services.clock();
  await services.db.transaction(async (tx) => {
    await lockPending(tx, id);
    await tx.update(unitReports).set({ state: 'rejected', decidedBy: actor.id, decidedAt: now, rejectReason: reason }).where(eq(unitReports.id, id));
    const answered: UnitReportView = { ...view, state: 'rejected', decidedAt: now.toISOString(), decidedByName: actor.displayName, rejectReason: reason };
    const event: NewEvent = { type: 'unit_report.rejected', ...decided(answered, actor) };
    await appendEvents(tx, now, [event]);
  });
  return { unitReport: (await loadUnitReport(services.db, id))! };
}

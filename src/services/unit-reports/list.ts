/** 成员单位报告 as the caller may see them: the commission its jurisdiction's, a unit its own. */
import { and, eq, type SQL } from 'drizzle-orm';
import type { UnitReportState } from '../../domain/enums.js';
import { unitReportVisibleTo } from '../../domain/unit-reports.js';
import { unitReports } from '../../db/schema.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { latestSeq } from '../events/read.js';
import { notFound } from '../errors.js';
import { loadUnitReport, loadUnitReports } from './views.js';

const viewer = (actor: Actor) => ({ commission: isCommission(actor), admin: actor.role === 'admin', jurisdictionId: actor.jurisdictionId, unitId: actor.unitId });

export async function listUnitReports(services: Services, actor: Actor, query: { state?: UnitReportState; limit: number }) {
  const seq = await latestSeq(services.db);
  const scope: SQL[] = [];
  if (actor.role !== 'admin') {
    if (isCommission(actor)) scope.push(eq(unitReports.jurisdictionId, actor.jurisdictionId ?? ''));
    else scope.push(eq(unitReports.unitId, actor.unitId ?? ''));
  }
  if (query.state) scope.push(eq(unitReports.state, query.state));
  return { reports: await loadUnitReports(services.db, and(...scope), query.limit), lastSeq: seq };
}

export async function getUnitReport(services: Services, actor: Actor, id: string) {
  const report = await loadUnitReport(services.db, id);
  if (!report || !unitReportVisibleTo(viewer(actor), report)) throw notFound('成员单位报告');
  return { unitReport: report };
}

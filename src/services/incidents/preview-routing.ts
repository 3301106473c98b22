/**
 * 预览: who will be notified and why, before the duty officer sends. Changes nothing. For a 续报 or
 * 终报 of an incident it plans exactly as filing will (the commanders' resolved declines included).
 */
import type { ReportSubmission } from '../../contract/report.js';
import { servesJurisdiction, type Actor, type Services } from '../context.js';
import { notFound } from '../errors.js';
import { assessmentView, planReport } from './assess.js';
import { requireFilingRights } from './filing-rights.js';
import { loadVisibleIncident } from './load.js';
import { resolvedDeclines } from './resolved-declines.js';

export async function previewRouting(services: Services, actor: Actor, submission: ReportSubmission, incidentId?: string) {
  const book = await requireFilingRights(services, actor, submission.jurisdictionId);
  let declines: Awaited<ReturnType<typeof resolvedDeclines>> = [];
  if (incidentId) {
    const incident = await loadVisibleIncident(services.db, actor, incidentId);
    if (incident.jurisdictionId !== submission.jurisdictionId || !servesJurisdiction(actor, incident.jurisdictionId)) throw notFound('事故');
    declines = await resolvedDeclines(services.db, incidentId);
  }
  return { jurisdictionId: submission.jurisdictionId, ...assessmentView(planReport(book, submission, submission.extraUnits, submission.excludeUnits, declines)) };
}

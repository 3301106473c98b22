/**
 * 预览: who will be notified and why, before the duty officer sends. Changes nothing. For a 续报 or
 * 终报 of an incident it plans exactly as filing will (the commanders' resolved declines included).
 */
import type { ReportSubmission } from '../../contract/report.js';
import { followUpTimeProblems, reportTimeProblems } from '../../domain/time-bounds.js';
import { servesJurisdiction, type Actor, type Services } from '../context.js';
import { invalid, notFound } from '../errors.js';
import { assessmentView, planReport } from './assess.js';
import { requireFilingRights } from './filing-rights.js';
import { loadVisibleIncident } from './load.js';
import { resolvedDeclines } from './resolved-declines.js';

export async function previewRouting(services: Services, actor: Actor, submission: ReportSubmission, incidentId?: string) {
  const book = await requireFilingRights(services, actor, submission.jurisdictionId);
  let declines: Awaited<ReturnType<typeof resolvedDeclines>> = [];
  // The preview refuses what filing would refuse, so the form shows it before sending.
  let timeProblems;
  if (incidentId) {
    const incident = await loadVisibleIncident(services.db, actor, incidentId);
    if (incident.jurisdictionId !== submission.jurisdictionId || !servesJurisdiction(actor, incident.jurisdictionId)) throw notFound('事故');
    timeProblems = followUpTimeProblems(submission.occurredAt, incident.receivedAt);
    declines = await resolvedDeclines(services.db, incidentId);
  } else timeProblems = reportTimeProblems(submission, services.clock());
  if (timeProblems.length) throw invalid('报告中的时间有误', timeProblems);
  return { jurisdictionId: submission.jurisdictionId, ...assessmentView(planReport(book, submission, submission.extraUnits, submission.excludeUnits, declines)) };
}

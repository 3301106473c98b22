/** 预览: who will be notified and why, before the duty officer sends. Changes nothing. */
import type { ReportSubmission } from '../../contract/report.js';
import { reportTimeProblems } from '../../domain/time-bounds.js';
import type { Actor, Services } from '../context.js';
import { invalid } from '../errors.js';
import { assessmentView, assessReport } from './assess.js';
import { requireFilingRights } from './filing-rights.js';

export async function previewRouting(services: Services, actor: Actor, submission: ReportSubmission) {
  const book = await requireFilingRights(services, actor, submission.jurisdictionId);
  // The preview refuses what filing would refuse, so the form shows it before sending.
  const timeProblems = reportTimeProblems(submission, services.clock());
  if (timeProblems.length) throw invalid('报告中的时间有误', timeProblems);
  return { jurisdictionId: submission.jurisdictionId, ...assessmentView(assessReport(book, submission, submission.extraUnits, submission.excludeUnits)) };
}

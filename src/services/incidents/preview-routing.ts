/** 预览: who will be notified and why, before the duty officer sends. Changes nothing. */
import type { ReportSubmission } from '../../contract/report.js';
import type { Actor, Services } from '../context.js';
import { assessmentView, assessReport } from './assess.js';
import { requireFilingRights } from './filing-rights.js';

export async function previewRouting(services: Services, actor: Actor, submission: ReportSubmission) {
  const book = await requireFilingRights(services, actor, submission.jurisdictionId);
  return { jurisdictionId: submission.jurisdictionId, ...assessmentView(assessReport(book, submission, submission.extraUnits, submission.excludeUnits)) };
}

/**
 * 初报: files an incident. Classification, routing, the notifications, their deliveries, the
 * upward-reporting obligations and the events commit in one transaction; the relay delivers after
 * commit.
 */
import type { ReportSubmission } from '../../contract/report.js';
import type { Actor, Services } from '../context.js';
import { appendEvents } from '../events/append.js';
import { reportTimeProblems } from '../../domain/time-bounds.js';
import { invalid } from '../errors.js';
import { onceForKey, requestFingerprint } from '../idempotency.js';
import { assessReport } from './assess.js';
import { createIncident } from './create-incident.js';
import { requireFilingRights } from './filing-rights.js';

export async function fileReport(services: Services, actor: Actor, submission: ReportSubmission, idempotencyKey?: string) {
  const book = await requireFilingRights(services, actor, submission.jurisdictionId);
  const now = services.clock();
  const timeProblems = reportTimeProblems(submission, now);
  if (timeProblems.length) throw invalid('报告中的时间有误', timeProblems);
  const assessment = assessReport(book, submission, submission.extraUnits, submission.excludeUnits);
  const fingerprint = await requestFingerprint(submission);
  const receivedAt = submission.receivedAt ? new Date(submission.receivedAt) : now;
  const { jurisdictionId: _j, extraUnits: _x, excludeUnits: _e, receivedAt: _r, drill, ...facts } = submission;
  const storedFacts = { ...facts, receivedAt: receivedAt.toISOString() };

  return services.db.transaction((tx) =>
    onceForKey(tx, actor.id, idempotencyKey, fingerprint, async () => {
      const created = await createIncident(tx, { book, assessment, facts: storedFacts, receivedAt, drill: drill ?? false, actor, now, voiceCalls: services.voiceCalls });
      await appendEvents(tx, now, created.events);
      return { status: 201, body: created.body };
    }),
  );
}

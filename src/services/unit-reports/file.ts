/**
 * A member unit files an accident it learned of first (信阳 三(四)2). It is stored for the
 * commission to confirm and reaches its duty officers at once over the event log; no other unit is
 * told anything until it is confirmed.
 */
import { eq } from 'drizzle-orm';
import type { ReportSubmission } from '../../contract/report.js';
import { memberUnits, unitReports } from '../../db/schema.js';
import { reportTimeProblems } from '../../domain/time-bounds.js';
import { mayFileUnitReport, unitReportFilingProblems } from '../../domain/unit-reports.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { onceForKey, requestFingerprint } from '../idempotency.js';
import { unitReportView } from './views.js';

export async function fileUnitReport(services: Services, actor: Actor, submission: ReportSubmission, idempotencyKey?: string) {
  if (!mayFileUnitReport(actor.role, actor.unitId))
    throw forbidden('只有成员单位的联络员和负责人可以报告本单位获悉的事故；卫健委请直接初报');
  const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, actor.unitId!));
  if (!unit) throw forbidden('本账号未关联成员单位');
  const book = await services.rulebooks.current(unit.jurisdictionId);
  if (!book?.unitReporting) throw forbidden('本辖区联席会议文件未规定成员单位报告事故，请电话报告卫生健康委');
  const now = services.clock();
  const problems = [...unitReportFilingProblems(submission, unit.jurisdictionId), ...reportTimeProblems({ occurredAt: submission.occurredAt }, now)];
  if (problems.length) throw invalid('报告内容有误', problems);
  const fingerprint = await requestFingerprint(submission);

  return services.db.transaction((tx) =>
    onceForKey(tx, actor.id, idempotencyKey, fingerprint, async () => {
      const [row] = await tx
        .insert(unitReports)
        .values({ id: newId('urp', now.getTime()), jurisdictionId: unit.jurisdictionId, unitId: unit.id, filedBy: actor.id, filedAt: now, submission })
        .returning();
      const view = unitReportView(row!, { unitName: unit.name, filedByName: actor.displayName, decidedByName: null, incidentRef: null });
      // The commission sees it whole; of the units, only the one that filed it.
      await appendEvents(tx, now, [
        { type: 'unit_report.filed', jurisdictionId: unit.jurisdictionId, audienceUnits: [unit.id], actorId: actor.id, data: { unitReport: view, basis: book.unitReporting } },
      ]);
      return { status: 201, body: { unitReport: view } };
    }),
  );
}

/**
 * 年度报送 (信阳 四(三)): a unit files its submission for a year (summary, plan, topics); the office
 * sees every member unit against the year's deadline; a unit sees its own. Kept per year.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { annualSubmissionInputSchema, AnnualSubmissionView, AnnualYearView } from '../../contract/annual.js';
import { annualSubmissions, memberUnits, standingRequests, users } from '../../db/schema.js';
import { annualDueAt, annualFilingProblem, annualOpensAt, currentAnnualYear, normaliseTopics, submissionStanding } from '../../domain/annual-submissions.js';
import { mayFileAnnualSubmission, mayOverseeStandingWork } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { newId } from '../ids.js';
import { undeliveredOf } from '../standing/undelivered.js';
import { annualSubject, fulfilAnnualRequest } from './chase.js';

type Input = z.output<typeof annualSubmissionInputSchema>;
type Row = typeof annualSubmissions.$inferSelect;

export const submissionView = (r: Row, byName: string): AnnualSubmissionView => ({
  id: r.id, unitId: r.unitId, year: r.year, summary: r.summary, plan: r.plan, topics: r.topics, submittedAt: r.submittedAt.toISOString(), submittedByName: byName, updatedAt: r.updatedAt.toISOString(),
});

/** The jurisdiction's annual rule and offset, or a refusal when its document asks for no submission. */
export async function annualRule(services: Services, jurisdictionId: string) {
  const book = await services.rulebooks.current(jurisdictionId);
  if (!book?.annualSubmission) throw forbidden('本辖区联席会议文件未规定年度报送');
  return { rule: book.annualSubmission, utcOffset: book.jurisdiction.utcOffset, jurisdictionName: book.jurisdiction.name };
}

export async function fileAnnualSubmission(services: Services, actor: Actor, year: number, input: Input) {
  if (!actor.unitId || !mayFileAnnualSubmission(actor, actor.unitId)) throw forbidden('年度报送由成员单位的联络员或负责人提交');
  const [unit] = await services.db.select().from(memberUnits).where(eq(memberUnits.id, actor.unitId));
  if (!unit) throw forbidden('本账号未关联成员单位');
  const { rule, utcOffset } = await annualRule(services, unit.jurisdictionId);
  const now = services.clock();
  const problem = annualFilingProblem(year, now, rule, utcOffset);
  if (problem) throw invalid(problem, [{ field: 'year', message: problem }]);
  const topics = normaliseTopics(input.topics);
  return services.db.transaction(async (tx) => {
    const held = async () =>
      (await tx.select().from(annualSubmissions).where(and(eq(annualSubmissions.unitId, unit.id), eq(annualSubmissions.year, year))).for('update'))[0];
    let earlier = await held();
    let row: Row | undefined;
    if (!earlier) {
      [row] = await tx
        .insert(annualSubmissions)
        .values({ id: newId('ans', now.getTime()), jurisdictionId: unit.jurisdictionId, unitId: unit.id, year, summary: input.summary, plan: input.plan, topics, submittedBy: actor.id, submittedAt: now, updatedAt: now })
        .onConflictDoNothing({ target: [annualSubmissions.unitId, annualSubmissions.year] })
        .returning();
      // Filed at the same moment by another request: that one is the first filing.
      if (!row) earlier = await held();
    }
    const unchanged = !!earlier && earlier.summary === input.summary && earlier.plan === input.plan && JSON.stringify(earlier.topics) === JSON.stringify(topics);
    if (earlier && !unchanged) {
      // An amendment: the text is replaced, the first filing time (what the deadline is judged by) kept.
      [row] = await tx
        .update(annualSubmissions)
        .set({ summary: input.summary, plan: input.plan, topics, updatedAt: now })
        .where(eq(annualSubmissions.id, earlier.id))
        .returning();
    }
    const kept = row ?? earlier!;
    const [first] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, kept.submittedBy));
    const submission = submissionView(kept, first?.name ?? actor.displayName);
    const answered = await fulfilAnnualRequest(tx, { unitId: unit.id, jurisdictionId: unit.jurisdictionId, year, now, actor });
    // The same content again changes nothing and tells nobody (a request still pending is answered).
    const filed = unchanged
      ? []
      : [{ type: 'annual_submission.filed' as const, jurisdictionId: unit.jurisdictionId, audienceUnits: [unit.id], actorId: actor.id, data: { submission, unitName: unit.name, late: kept.submittedAt >= annualDueAt(year, rule, utcOffset) } }];
    if (answered.length || filed.length) await appendEvents(tx, now, [...answered, ...filed]);
    return { submission };
  });
}

/** Which jurisdiction a view is of: the caller's own, or the one an administrator names. */
export function viewedJurisdiction(actor: Actor, named: string | undefined): string {
  const id = actor.jurisdictionId ?? named;
  if (!id) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '系统管理员请指定辖区' }]);
  // Another jurisdiction's is not there for the caller: 404, as for every thing it may not see.
  if (actor.jurisdictionId && named && named !== actor.jurisdictionId) throw notFound('辖区');
  return id;
}

export async function annualYear(services: Services, actor: Actor, query: { jurisdictionId?: string; year?: number }): Promise<AnnualYearView> {
  const jurisdictionId = viewedJurisdiction(actor, query.jurisdictionId);
  const office = mayOverseeStandingWork(actor, jurisdictionId);
  if (!office && !(actor.unitId && mayFileAnnualSubmission(actor, actor.unitId))) throw forbidden('无权查看年度报送');
  const { rule, utcOffset } = await annualRule(services, jurisdictionId);
  const now = services.clock();
  const year = query.year ?? currentAnnualYear(now, rule, utcOffset);
  const dueAt = annualDueAt(year, rule, utcOffset);
  const unitScope = office ? and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt)) : eq(memberUnits.id, actor.unitId!);
  const units = await services.db.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(unitScope).orderBy(asc(memberUnits.position));
  const filed = await services.db
    .select({ s: annualSubmissions, by: users.displayName })
    .from(annualSubmissions)
    .innerJoin(users, eq(users.id, annualSubmissions.submittedBy))
    .where(and(eq(annualSubmissions.jurisdictionId, jurisdictionId), eq(annualSubmissions.year, year)));
  // What of this year's request never reached each unit (it may not know it is asked).
  const asked = await services.db
    .select({ id: standingRequests.id, unitId: standingRequests.unitId })
    .from(standingRequests)
    .where(and(eq(standingRequests.kind, 'annual_submission'), eq(standingRequests.subjectId, annualSubject(jurisdictionId, year))));
  const undelivered = await undeliveredOf(services.db, asked.map((r) => r.id));
  const rows = units.map((u) => {
    const f = filed.find((x) => x.s.unitId === u.id);
    return {
      unitId: u.id,
      unitName: u.name,
      standing: submissionStanding(f?.s.submittedAt ?? null, dueAt, now),
      submission: f ? submissionView(f.s, f.by) : null,
      undelivered: asked.filter((r) => r.unitId === u.id).flatMap((r) => undelivered.get(r.id) ?? []),
    };
  });
  return {
    jurisdictionId, year, dueAt: dueAt.toISOString(), opensAt: annualOpensAt(year, rule, utcOffset).toISOString(),
    basis: { documentClause: rule.documentClause, quote: rule.quote }, units: rows, submitted: rows.filter((r) => r.submission).length,
  };
}

/** The office's whole year (the export): refused to a unit, which sees only its own. */
export async function annualYearForOffice(services: Services, actor: Actor, query: { jurisdictionId?: string; year?: number }) {
  if (!mayOverseeStandingWork(actor, viewedJurisdiction(actor, query.jurisdictionId))) throw forbidden('年度报送由联席会议办公室导出');
  return annualYear(services, actor, query);
}

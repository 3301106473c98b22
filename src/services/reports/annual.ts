/**
 * 年度履职情况报告 (信阳 二(三)): loads one jurisdiction's year from the record (notifications, tasks,
 * agreed items, annual submissions) and folds it per unit with the pure `annualReport`; as JSON or
 * as a document to print or export as Word.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { AnnualReport } from '../../contract/annual.js';
import { annualSubmissions, incidents, memberUnits, notifications, responseTasks, standingRequests } from '../../db/schema.js';
import { annualReport, tallyText } from '../../domain/annual-report.js';
import { annualDueAt, localYear, SUBMISSION_STANDING_LABELS } from '../../domain/annual-submissions.js';
import { localDateTime } from '../../domain/local-time.js';
import { mayOverseeStandingWork } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { forbidden, invalid } from '../errors.js';
import type { PlainDocument } from '../documents/structure.js';
import { viewedJurisdiction } from '../annual/year.js';

function yearBounds(year: number, utcOffset: string) {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  const shift = sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000;
  return { yearStart: new Date(Date.UTC(year, 0, 1) - shift), yearEnd: new Date(Date.UTC(year + 1, 0, 1) - shift) };
}

export async function buildAnnualReport(services: Services, actor: Actor, query: { jurisdictionId?: string; year?: number }): Promise<AnnualReport> {
  const jurisdictionId = viewedJurisdiction(actor, query.jurisdictionId);
  if (!mayOverseeStandingWork(actor, jurisdictionId)) throw forbidden('年度履职情况报告由联席会议办公室查看');
  const book = await services.rulebooks.current(jurisdictionId);
  if (!book) throw invalid('辖区不存在', [{ field: 'jurisdictionId', message: '辖区不存在' }]);
  const offset = book.jurisdiction.utcOffset;
  const now = services.clock();
  const year = query.year ?? localYear(now, offset);
  const db = services.db;
  const units = await db.select({ id: memberUnits.id, name: memberUnits.name }).from(memberUnits).where(and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt))).orderBy(asc(memberUnits.position));
  const real = and(eq(incidents.jurisdictionId, jurisdictionId), eq(incidents.drill, false));
  const acks = await db
    .select({ unitId: notifications.unitId, dueAt: notifications.ackDueAt, ackAt: notifications.acknowledgedAt, declinedAt: notifications.declinedAt, state: notifications.state })
    .from(notifications)
    .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
    .where(real);
  const tasks = await db
    .select({ unitId: responseTasks.unitId, dueAt: responseTasks.dueAt, doneAt: responseTasks.doneAt, state: responseTasks.state })
    .from(responseTasks)
    .innerJoin(incidents, eq(incidents.id, responseTasks.incidentId))
    .where(real);
  const items = await db
    .select({ unitId: standingRequests.unitId, dueAt: standingRequests.dueAt, answeredAt: standingRequests.answeredAt, state: standingRequests.state })
    .from(standingRequests)
    .where(and(eq(standingRequests.jurisdictionId, jurisdictionId), eq(standingRequests.kind, 'agreed_item')));
  const rule = book.annualSubmission;
  const filed = rule
    ? await db.select({ unitId: annualSubmissions.unitId, at: annualSubmissions.submittedAt }).from(annualSubmissions).where(and(eq(annualSubmissions.jurisdictionId, jurisdictionId), eq(annualSubmissions.year, year)))
    : [];
  const rows = annualReport({
    units,
    ...yearBounds(year, offset),
    now,
    // A decline is the unit's answer too; a superseded or withdrawn request is no longer the unit's.
    acknowledgements: acks.map((a) => ({ unitId: a.unitId, dueAt: a.dueAt, doneAt: a.ackAt ?? a.declinedAt, void: a.state === 'superseded' || a.state === 'withdrawn' })),
    tasks: tasks.map((t) => ({ unitId: t.unitId, dueAt: t.dueAt, doneAt: t.doneAt, void: t.state === 'closed' && !t.doneAt })),
    agreedItems: items.map((i) => ({ unitId: i.unitId, dueAt: i.dueAt, doneAt: i.state === 'done' ? i.answeredAt : null, void: i.state === 'withdrawn' || i.state === 'superseded' })),
    submissions: rule ? { dueAt: annualDueAt(year, rule, offset), filed: new Map(filed.map((f) => [f.unitId, f.at])) } : null,
  });
  const notes = [`统计口径：截止时间在${year}年内（${book.jurisdiction.name}当地时间）的事项；演练不计入。`];
  if (!rule) notes.push('本辖区联席会议文件未规定年度报送，该项不统计。');
  return { jurisdictionId, jurisdictionName: book.jurisdiction.name, year, generatedAt: now.toISOString(), rows, notes };
}

export function annualReportDocument(r: AnnualReport, utcOffset: string): PlainDocument {
  return {
    title: `${r.jurisdictionName}职业病防治工作联席会议成员单位${r.year}年度履职情况`,
    subtitle: [`联席会议办公室 · 生成于 ${localDateTime(new Date(r.generatedAt), utcOffset)}`],
    blocks: [
      ...r.notes.map((text) => ({ kind: 'paragraph' as const, text })),
      {
        kind: 'table',
        header: ['成员单位', '事故通报签收', '联合处置任务', '议定事项', '年度报送'],
        rows: r.rows.map((x) => [x.unitName, tallyText(x.acknowledgements), tallyText(x.tasks), tallyText(x.agreedItems), x.submission ? SUBMISSION_STANDING_LABELS[x.submission] : '（不适用）']),
      },
    ],
  };
}

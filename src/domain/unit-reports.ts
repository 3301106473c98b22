/**
 * 成员单位报告: a member unit that learns of an accident first files it, and the commission confirms
 * or declines it. 信阳 三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」;
 * 安吉 (二) 「成员单位之间建立信息互通制度，共享职业危害事故…信息」; 鲤城 「要互通信息、密切配合」.
 * Pure rules: who may file and decide, what a unit may put in its report, when the clocks start.
 */
import type { UnitReportState, UserRole } from './enums.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** The people of a member unit file for it; the commission files 初报 itself (POST /incidents). */
export const UNIT_REPORT_FILERS: readonly UserRole[] = ['liaison', 'unit_head'];

export function mayFileUnitReport(role: UserRole, unitId: string | null): boolean {
  return UNIT_REPORT_FILERS.includes(role) && unitId !== null;
}

/**
 * What a unit may not put in its report: the receipt time is the commission's (it is when the report
 * reaches it), and which units are added or left out of the routing is the commission's judgement.
 * The jurisdiction is the unit's own.
 */
export function unitReportFilingProblems(
  submission: { jurisdictionId: string; receivedAt?: string; extraUnits: readonly unknown[]; excludeUnits: readonly unknown[] },
  unitJurisdictionId: string,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (submission.jurisdictionId !== unitJurisdictionId)
    problems.push({ field: 'jurisdictionId', message: '只能向本单位所在辖区的卫生健康委报告' });
  if (submission.receivedAt !== undefined)
    problems.push({ field: 'receivedAt', message: '接报时间由卫生健康委收到本报告的时间确定，单位不填写' });
  if (submission.extraUnits.length) problems.push({ field: 'extraUnits', message: '增加通知单位由卫生健康委确认时决定' });
  if (submission.excludeUnits.length) problems.push({ field: 'excludeUnits', message: '移除通知单位由卫生健康委确认时决定' });
  return problems;
}

/** Only a report still waiting may be confirmed or declined; the answer says what became of it. */
export function decisionProblem(state: UnitReportState): string | null {
  if (state === 'confirmed') return '该报告已确认为事故，不能再次处理';
  if (state === 'rejected') return '该报告已不予确认，不能再次处理';
  return null;
}

/**
 * When the statutory clocks of a confirmed unit report start: when the report reached the
 * commission, not when a duty officer confirmed it. Each statute (regulations.md) runs the health
 * department's own report from the report it receives: 卫生部令第25号第七条 (一般 within 6 hours,
 * 重大/特大 立即), 国务院令第376号第二十条 (within 2 h of the report), 第449号第四十二条 (the departments
 * the unit reported to report on). The unit's filing is that receipt — it reached the commission's
 * duty desk the moment it was filed. The
 * commission's own check cannot lengthen a statutory deadline, so time spent confirming counts
 * against it (the desk shows the report at once for that reason).
 */
export function statutoryClockStart(filedAt: Date): Date {
  return filedAt;
}

/** Who sees a unit report: the commission of its jurisdiction (and admins), and the filing unit. */
export function unitReportVisibleTo(
  viewer: { commission: boolean; admin: boolean; jurisdictionId: string | null; unitId: string | null },
  report: { jurisdictionId: string; unitId: string },
): boolean {
  if (viewer.admin) return true;
  if (viewer.commission) return viewer.jurisdictionId === report.jurisdictionId;
  return viewer.unitId === report.unitId;
}

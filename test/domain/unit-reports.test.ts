/** 成员单位报告: who may file, what a unit may not put in, when the clocks start, who sees it. Pure. */
import { describe, expect, it } from 'vitest';
import { decisionProblem, mayFileUnitReport, statutoryClockStart, unitReportFilingProblems, unitReportVisibleTo } from '../../src/domain/unit-reports.js';

const clean = { jurisdictionId: 'xinyang', extraUnits: [], excludeUnits: [] };

describe('信阳 三(四)2 「其他部门如遇涉及职业病危害突发事件(事故)，及时向有关单位通报」: who files', () => {
  it('a liaison or unit head of a member unit files', () => {
    expect(mayFileUnitReport('liaison', 'xy_zgh')).toBe(true);
    expect(mayFileUnitReport('unit_head', 'xy_zgh')).toBe(true);
  });
  it('the commission does not file here (it files the 初报 itself), nor a person without a unit', () => {
    for (const role of ['duty_officer', 'commander', 'admin'] as const) expect(mayFileUnitReport(role, null)).toBe(false);
    expect(mayFileUnitReport('liaison', null)).toBe(false);
  });
});

describe('what a unit may not put in its report', () => {
  it('a clean report has no problem', () => expect(unitReportFilingProblems(clean, 'xinyang')).toEqual([]));
  it('another jurisdiction is refused, naming the field', () =>
    expect(unitReportFilingProblems({ ...clean, jurisdictionId: 'anji' }, 'xinyang').map((p) => p.field)).toEqual(['jurisdictionId']));
  it('the receipt time and the routing adjustments are the commission’s', () =>
    expect(
      unitReportFilingProblems({ ...clean, receivedAt: '2026-11-23T08:40:00+08:00', extraUnits: [{}], excludeUnits: [{}] }, 'xinyang').map((p) => p.field),
    ).toEqual(['receivedAt', 'extraUnits', 'excludeUnits']));
});

describe('卫生部令第25号第七条、国务院令第376号第二十条 (the health department reports within 6 h / 2 h of the report it received): the statutory clocks start when the report reached the commission', () => {
  it('is the filing time, whatever time it is confirmed', () => {
    const filed = new Date('2026-11-23T01:00:00Z');
    expect(statutoryClockStart(filed).toISOString()).toBe(filed.toISOString());
  });
});

describe('answering a report', () => {
  it('only a pending report may be confirmed or declined', () => {
    expect(decisionProblem('pending')).toBeNull();
    expect(decisionProblem('confirmed')).toContain('已确认');
    expect(decisionProblem('rejected')).toContain('不予确认');
  });
});

describe('a unit sees only its own filed reports until confirmed; the commission its jurisdiction’s', () => {
  const report = { jurisdictionId: 'xinyang', unitId: 'xy_zgh' };
  const unit = (unitId: string) => ({ commission: false, admin: false, jurisdictionId: 'xinyang', unitId });
  it.each([
    ['the filing unit', unit('xy_zgh'), true],
    ['another unit of the jurisdiction', unit('xy_yjj'), false],
    ['the commission of the jurisdiction', { commission: true, admin: false, jurisdictionId: 'xinyang', unitId: null }, true],
    ['another commission', { commission: true, admin: false, jurisdictionId: 'anji', unitId: null }, false],
    ['an admin', { commission: true, admin: true, jurisdictionId: null, unitId: null }, true],
  ])('%s: %s', (_who, viewer, visible) => expect(unitReportVisibleTo(viewer, report)).toBe(visible));
});

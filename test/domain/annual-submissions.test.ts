/** 年度报送 deadlines: 15 January by local time, reminders from 1 December of the year before. */
import { describe, expect, it } from 'vitest';
import { annualDueAt, annualFilingProblem, annualOpensAt, currentAnnualYear, localYear, submissionStanding } from '../../src/domain/annual-submissions.js';

const XINYANG = { due: { month: 1, day: 15 }, remindFrom: { month: 12, day: 1 } };
const at = (iso: string) => new Date(iso);

describe('the 15 January deadline', () => {
  it('is the end of 15 January in 信阳 (UTC+08:00): 15 January 16:00 UTC', () => {
    expect(annualDueAt(2027, XINYANG, '+08:00').toISOString()).toBe('2027-01-15T16:00:00.000Z');
  });

  it('follows the offset: UTC itself, and a zone west of UTC', () => {
    expect(annualDueAt(2027, XINYANG, '+00:00').toISOString()).toBe('2027-01-16T00:00:00.000Z');
    expect(annualDueAt(2027, XINYANG, '-05:00').toISOString()).toBe('2027-01-16T05:00:00.000Z');
  });

  it('reminders start at local midnight of 1 December of the year before', () => {
    expect(annualOpensAt(2027, XINYANG, '+08:00').toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('a rule whose reminders start in the same year stays in that year', () => {
    const rule = { due: { month: 3, day: 31 }, remindFrom: { month: 3, day: 1 } };
    expect(annualOpensAt(2027, rule, '+08:00').toISOString()).toBe('2027-02-28T16:00:00.000Z');
    // 31 March + 1 day rolls over into April.
    expect(annualDueAt(2027, rule, '+08:00').toISOString()).toBe('2027-03-31T16:00:00.000Z');
  });
});

describe('which year’s round is under way', () => {
  it('before 1 December local time it is this year’s; from then, next year’s', () => {
    expect(currentAnnualYear(at('2026-11-30T15:59:59Z'), XINYANG, '+08:00')).toBe(2026);
    expect(currentAnnualYear(at('2026-11-30T16:00:00Z'), XINYANG, '+08:00')).toBe(2027);
  });

  it('across New Year: 31 December 20:00 UTC is already 1 January in 信阳, still the same round', () => {
    expect(localYear(at('2026-12-31T20:00:00Z'), '+08:00')).toBe(2027);
    expect(currentAnnualYear(at('2026-12-31T20:00:00Z'), XINYANG, '+08:00')).toBe(2027);
    expect(currentAnnualYear(at('2027-01-20T00:00:00Z'), XINYANG, '+08:00')).toBe(2027);
  });

  it('a unit may not file for a round that has not opened', () => {
    expect(annualFilingProblem(2028, at('2027-06-01T00:00:00Z'), XINYANG, '+08:00')).toMatch(/尚未开始/);
    expect(annualFilingProblem(2027, at('2026-12-02T00:00:00Z'), XINYANG, '+08:00')).toBeNull();
  });
});

describe('a unit against the deadline', () => {
  const due = annualDueAt(2027, XINYANG, '+08:00');
  it('23:59 local on 15 January is on time; 00:00 on the 16th is late', () => {
    expect(submissionStanding(at('2027-01-15T15:59:00Z'), due, at('2027-02-01T00:00:00Z'))).toBe('on_time');
    expect(submissionStanding(at('2027-01-15T16:00:00Z'), due, at('2027-02-01T00:00:00Z'))).toBe('late');
  });
  it('nothing filed: not due before the deadline, missing from it', () => {
    expect(submissionStanding(null, due, at('2027-01-15T15:59:59Z'))).toBe('not_due');
    expect(submissionStanding(null, due, due)).toBe('missing');
  });
});

/** The bounds of typed times, as pure rules with "now" as an argument. */
import { describe, expect, it } from 'vitest';
import { aheadTimeProblems, isBeforeEarliestYear, reportTimeProblems, followUpTimeProblems, submissionTimeProblems, taskDueProblems } from '../../src/domain/time-bounds.js';
import { isoDateTime } from '../../src/contract/report.js';

const now = new Date('2026-11-23T01:00:00Z');
const fields = (problems: { field: string }[]) => problems.map((p) => p.field);

describe('time bounds', () => {
  it('the year as written decides, not the UTC instant', () => {
    expect(isBeforeEarliestYear('2000-01-01T00:00:00+08:00')).toBe(false); // 1999 in UTC
    expect(isBeforeEarliestYear('1999-12-31T23:59:59+00:00')).toBe(true);
    expect(isoDateTime.safeParse('0000-01-01T00:00:00Z').success).toBe(false);
    expect(isoDateTime.safeParse('2026-11-23T08:30:00+08:00').success).toBe(true);
  });

  it('a receipt is refused beyond five minutes ahead; an occurrence after the receipt is refused', () => {
    expect(reportTimeProblems({ occurredAt: '2026-11-23T08:00:00+08:00', receivedAt: '2026-11-23T09:05:00+08:00' }, now)).toEqual([]);
    expect(fields(reportTimeProblems({ occurredAt: '2026-11-23T08:00:00+08:00', receivedAt: '2026-11-23T09:05:01+08:00' }, now))).toEqual(['receivedAt']);
    expect(fields(reportTimeProblems({ occurredAt: '2026-11-23T09:00:01+08:00' }, now))).toEqual(['occurredAt']);
    expect(fields(reportTimeProblems({ occurredAt: '2026-11-23T08:50:00+08:00', receivedAt: '2026-11-23T08:40:00+08:00' }, now))).toEqual(['occurredAt']);
  });

  it('a follow-up keeps the occurrence before the receipt; tasks are due within a year; submissions are not in the future', () => {
    expect(fields(followUpTimeProblems('2026-11-23T09:00:01+08:00', now))).toEqual(['occurredAt']);
    expect(followUpTimeProblems('2026-11-23T09:00:00+08:00', now)).toEqual([]);
    expect(fields(taskDueProblems(now, now))).toEqual(['dueAt']);
    expect(taskDueProblems(new Date(now.getTime() + 366 * 86_400_000), now)).toEqual([]);
    expect(fields(taskDueProblems(new Date(now.getTime() + 366 * 86_400_000 + 1), now))).toEqual(['dueAt']);
    expect(fields(submissionTimeProblems(new Date(now.getTime() + 1), now, now))).toEqual(['submittedAt']);
    expect(fields(submissionTimeProblems(new Date(now.getTime() - 1), now, now))).toEqual(['submittedAt']);
  });

  it('any time ahead (a due time, a meeting) names its own field: after now, within the horizon', () => {
    expect(aheadTimeProblems(now, now, 'items.2.dueAt', '办结时限')).toEqual([{ field: 'items.2.dueAt', message: '办结时限须晚于当前时间' }]);
    expect(aheadTimeProblems(new Date(now.getTime() + 366 * 86_400_000), now, 'startsAt', '会议时间')).toEqual([]);
    expect(aheadTimeProblems(new Date(now.getTime() + 366 * 86_400_000 + 1), now, 'startsAt', '会议时间')).toEqual([{ field: 'startsAt', message: '会议时间不能超过366天以后' }]);
  });
});

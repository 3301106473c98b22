/** The annual performance report: each duty counted once, in the year its deadline falls in, against that deadline. */
import { describe, expect, it } from 'vitest';
import { annualReport, tally } from '../../src/domain/annual-report.js';

const d = (iso: string) => new Date(iso);
const YEAR = { yearStart: d('2026-12-31T16:00:00Z'), yearEnd: d('2027-12-31T16:00:00Z') };

describe('tally', () => {
  it('done by the deadline is on time, after it late; nothing done is missing once due, open before', () => {
    const now = d('2027-06-01T00:00:00Z');
    expect(
      tally(
        [
          { unitId: 'u', dueAt: d('2027-03-01T00:00:00Z'), doneAt: d('2027-03-01T00:00:00Z') },
          { unitId: 'u', dueAt: d('2027-03-01T00:00:00Z'), doneAt: d('2027-03-01T00:00:01Z') },
          { unitId: 'u', dueAt: d('2027-03-01T00:00:00Z'), doneAt: null },
          { unitId: 'u', dueAt: d('2027-07-01T00:00:00Z'), doneAt: null },
          { unitId: 'u', dueAt: d('2027-03-01T00:00:00Z'), doneAt: null, void: true },
        ],
        now,
      ),
    ).toEqual({ onTime: 1, late: 1, missing: 1, open: 1 });
  });
});

describe('annual report', () => {
  it('counts a duty in the local year of its deadline; agreed items absent stay absent', () => {
    const lines = annualReport({
      units: [{ id: 'a', name: '甲' }, { id: 'b', name: '乙' }],
      ...YEAR,
      now: d('2028-02-01T00:00:00Z'),
      // 1 January 2027 00:30 in 信阳 is still 2026 in UTC: it counts in 2027.
      acknowledgements: [
        { unitId: 'a', dueAt: d('2026-12-31T16:30:00Z'), doneAt: d('2026-12-31T16:10:00Z') },
        { unitId: 'a', dueAt: d('2026-12-31T15:30:00Z'), doneAt: null },
      ],
      tasks: [{ unitId: 'b', dueAt: d('2027-05-01T00:00:00Z'), doneAt: null }],
      agreedItems: null,
      submissions: { dueAt: d('2027-01-15T16:00:00Z'), filed: new Map([['a', d('2027-01-10T00:00:00Z')]]) },
    });
    expect(lines[0]).toMatchObject({ unitName: '甲', acknowledgements: { onTime: 1, late: 0, missing: 0, open: 0 }, agreedItems: null, submission: 'on_time' });
    expect(lines[1]).toMatchObject({ tasks: { missing: 1 }, submission: 'missing' });
  });
});

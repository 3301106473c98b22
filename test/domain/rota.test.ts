/** Rota resolution: who is on duty when, at Asia/Shanghai's +08:00, as pure functions. */
import { describe, expect, it } from 'vitest';
import { canEditRota } from '../../src/domain/policy/index.js';
import { addDays, instantOf, isoWeekday, offsetMinutes, weekStart } from '../../src/domain/rota-calendar.js';
import { dutyStatus, firstRecipients } from '../../src/domain/rota-health.js';
import { gapsBetween, hasRota, nextHandover, onDutyAt, shiftsBetween, shiftsOf, type Rota, type RotaPattern } from '../../src/domain/rota.js';

const CST = offsetMinutes('+08:00');
/** A local Shanghai wall-clock time as an instant. */
const at = (local: string) => new Date(`${local}+08:00`);

function pattern(p: Partial<RotaPattern> & Pick<RotaPattern, 'userId' | 'startTime' | 'endTime'>): RotaPattern {
  return { id: `p-${p.userId}-${p.startTime}`, kind: 'daily', weekdays: [], from: '2026-01-01', until: null, ...p };
}
function rota(r: Partial<Rota>): Rota {
  return { holidays: [], patterns: [], overrides: [], swaps: [], ...r };
}

// 2026-12-07 is a Monday.
const dayNight = rota({
  patterns: [pattern({ userId: 'day', startTime: '08:00', endTime: '20:00' }), pattern({ userId: 'night', startTime: '20:00', endTime: '08:00' })],
});

describe('calendar arithmetic', () => {
  it('reads offsets, weekdays and weeks', () => {
    expect(offsetMinutes('+08:00')).toBe(480);
    expect(offsetMinutes('-05:30')).toBe(-330);
    expect(() => offsetMinutes('Asia/Shanghai')).toThrow();
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(isoWeekday('2026-12-13')).toBe(7);
    expect(weekStart('2026-12-10')).toBe('2026-12-07');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(instantOf('2026-12-07', '03:00', CST).toISOString()).toBe('2026-12-06T19:00:00.000Z');
  });
});

describe('who is on duty at an instant', () => {
  it('a day shift holds from its start (inclusive) to its end (exclusive)', () => {
    expect(onDutyAt(dayNight, CST, at('2026-12-07T08:00:00'))).toEqual(['day']);
    expect(onDutyAt(dayNight, CST, at('2026-12-07T19:59:59'))).toEqual(['day']);
    expect(onDutyAt(dayNight, CST, at('2026-12-07T20:00:00'))).toEqual(['night']);
    expect(onDutyAt(dayNight, CST, at('2026-12-07T07:59:59'))).toEqual(['night']);
  });

  it('a night shift crosses midnight: 03:00 belongs to the shift that started the evening before', () => {
    const shifts = shiftsBetween(dayNight, CST, at('2026-12-08T03:00:00'), at('2026-12-08T03:00:01'));
    expect(shifts).toHaveLength(1);
    expect(shifts[0]).toMatchObject({ userId: 'night', start: at('2026-12-07T20:00:00'), end: at('2026-12-08T08:00:00') });
  });

  it('the time zone is the jurisdiction\'s: 03:00 in Shanghai is 19:00 UTC the day before', () => {
    const nightOnly = rota({ patterns: [pattern({ userId: 'night', startTime: '00:00', endTime: '06:00' })] });
    expect(onDutyAt(nightOnly, CST, new Date('2026-12-07T19:00:00Z'))).toEqual(['night']);
    // The same UTC instant read at UTC+0 is 19:00: nobody.
    expect(onDutyAt(nightOnly, 0, new Date('2026-12-07T19:00:00Z'))).toEqual([]);
  });

  it('equal start and end is a 24-hour shift', () => {
    const allDay = rota({ patterns: [pattern({ userId: 'a', startTime: '09:00', endTime: '09:00' })] });
    expect(onDutyAt(allDay, CST, at('2026-12-08T08:59:00'))).toEqual(['a']);
    expect(gapsBetween(allDay, CST, at('2026-12-07T09:00:00'), at('2026-12-14T09:00:00'))).toEqual([]);
  });

  it('weekly patterns run on their weekdays only, within their dates', () => {
    const weekly = rota({
      patterns: [
        pattern({ userId: 'weekday', kind: 'weekly', weekdays: [1, 2, 3, 4, 5], startTime: '00:00', endTime: '00:00' }),
        pattern({ userId: 'weekend', kind: 'weekly', weekdays: [6, 7], startTime: '00:00', endTime: '00:00', until: '2026-12-13' }),
      ],
    });
    expect(onDutyAt(weekly, CST, at('2026-12-11T23:00:00'))).toEqual(['weekday']); // Friday
    expect(onDutyAt(weekly, CST, at('2026-12-12T01:00:00'))).toEqual(['weekend']); // Saturday
    expect(onDutyAt(weekly, CST, at('2026-12-19T01:00:00'))).toEqual([]); // after `until`
  });

  it('two people can share a shift; both are on duty', () => {
    const pair = rota({ patterns: [pattern({ userId: 'b', startTime: '08:00', endTime: '20:00' }), pattern({ userId: 'a', startTime: '08:00', endTime: '20:00' })] });
    expect(onDutyAt(pair, CST, at('2026-12-07T12:00:00'))).toEqual(['a', 'b']);
  });
});

describe('holidays, swaps and overrides', () => {
  const withHoliday = rota({
    holidays: ['2027-01-01'],
    patterns: [...dayNight.patterns, pattern({ userId: 'holiday', kind: 'holiday', startTime: '08:00', endTime: '08:00' })],
  });

  it('on a listed holiday only holiday patterns run; the night shift of the eve still runs into it', () => {
    expect(onDutyAt(withHoliday, CST, at('2027-01-01T03:00:00'))).toEqual(['night']);
    expect(onDutyAt(withHoliday, CST, at('2027-01-01T12:00:00'))).toEqual(['holiday']);
    expect(onDutyAt(withHoliday, CST, at('2027-01-01T22:00:00'))).toEqual(['holiday']);
    expect(onDutyAt(withHoliday, CST, at('2027-01-02T09:00:00'))).toEqual(['day']);
    expect(onDutyAt(withHoliday, CST, at('2026-12-31T12:00:00'))).toEqual(['day']);
  });

  it('a swap hands exactly one shift to another person', () => {
    const swapped = { ...dayNight, swaps: [{ id: 's1', fromUserId: 'night', toUserId: 'colleague', shiftStart: at('2026-12-07T20:00:00').toISOString() }] };
    expect(onDutyAt(swapped, CST, at('2026-12-08T03:00:00'))).toEqual(['colleague']);
    expect(onDutyAt(swapped, CST, at('2026-12-09T03:00:00'))).toEqual(['night']);
    expect(shiftsOf(swapped, CST, 'colleague', at('2026-12-07T00:00:00'), at('2026-12-14T00:00:00'))).toEqual([
      { userId: 'colleague', start: at('2026-12-07T20:00:00'), end: at('2026-12-08T08:00:00'), source: 'swap' },
    ]);
  });

  it('a swap naming no real shift changes nothing', () => {
    const stray = { ...dayNight, swaps: [{ id: 's1', fromUserId: 'night', toUserId: 'x', shiftStart: at('2026-12-07T21:00:00').toISOString() }] };
    expect(onDutyAt(stray, CST, at('2026-12-08T03:00:00'))).toEqual(['night']);
  });

  it('an override beats the pattern for its interval and the pattern resumes after it', () => {
    const sick = { ...dayNight, overrides: [{ id: 'o1', userId: 'stand-in', start: at('2026-12-08T00:00:00').toISOString(), end: at('2026-12-08T04:00:00').toISOString(), replaces: null }] };
    expect(onDutyAt(sick, CST, at('2026-12-07T23:59:00'))).toEqual(['night']);
    expect(onDutyAt(sick, CST, at('2026-12-08T03:00:00'))).toEqual(['stand-in']);
    expect(onDutyAt(sick, CST, at('2026-12-08T04:00:00'))).toEqual(['night']);
  });

  it('an override that replaces one person leaves the others on duty', () => {
    const pair = rota({
      patterns: [pattern({ userId: 'a', startTime: '08:00', endTime: '20:00' }), pattern({ userId: 'b', startTime: '08:00', endTime: '20:00' })],
      overrides: [{ id: 'o', userId: 'c', start: at('2026-12-07T10:00:00').toISOString(), end: at('2026-12-07T12:00:00').toISOString(), replaces: 'a' }],
    });
    expect(onDutyAt(pair, CST, at('2026-12-07T11:00:00'))).toEqual(['b', 'c']);
    expect(onDutyAt(pair, CST, at('2026-12-07T12:00:00'))).toEqual(['a', 'b']);
  });

  it('an override beats a swap too, and stands where no pattern runs', () => {
    const r = {
      ...dayNight,
      swaps: [{ id: 's', fromUserId: 'day', toUserId: 'swapper', shiftStart: at('2026-12-07T08:00:00').toISOString() }],
      overrides: [{ id: 'o', userId: 'boss', start: at('2026-12-07T09:00:00').toISOString(), end: at('2026-12-07T10:00:00').toISOString(), replaces: null }],
    };
    expect(onDutyAt(r, CST, at('2026-12-07T09:30:00'))).toEqual(['boss']);
    expect(onDutyAt(r, CST, at('2026-12-07T10:30:00'))).toEqual(['swapper']);
    const bare = rota({ overrides: r.overrides });
    expect(hasRota(bare)).toBe(true);
    expect(onDutyAt(bare, CST, at('2026-12-07T09:30:00'))).toEqual(['boss']);
  });
});

describe('next handover and gaps', () => {
  it('the next handover names who comes on and when', () => {
    expect(nextHandover(dayNight, CST, at('2026-12-07T12:00:00'))).toEqual({ start: at('2026-12-07T20:00:00'), userIds: ['night'] });
    expect(nextHandover(dayNight, CST, at('2026-12-07T20:00:00'))).toEqual({ start: at('2026-12-08T08:00:00'), userIds: ['day'] });
    expect(nextHandover(rota({}), CST, at('2026-12-07T12:00:00'))).toBeNull();
  });

  it('a rota covering every hour has no gaps; a missing night is one gap of 12 hours', () => {
    expect(gapsBetween(dayNight, CST, at('2026-12-07T00:00:00'), at('2026-12-14T00:00:00'))).toEqual([]);
    const dayOnly = rota({ patterns: [pattern({ userId: 'day', startTime: '08:00', endTime: '20:00' })] });
    expect(gapsBetween(dayOnly, CST, at('2026-12-07T12:00:00'), at('2026-12-08T12:00:00'))).toEqual([{ start: at('2026-12-07T20:00:00'), end: at('2026-12-08T08:00:00') }]);
  });

  it('a holiday with no holiday pattern is a gap', () => {
    const r = { ...dayNight, holidays: ['2026-12-10'] };
    const gaps = gapsBetween(r, CST, at('2026-12-07T00:00:00'), at('2026-12-14T00:00:00'));
    expect(gaps).toEqual([{ start: at('2026-12-10T08:00:00'), end: at('2026-12-11T08:00:00') }]);
  });

  it('duty status: nobody now, the gaps of the next 7 days, and without a rota every liaison', () => {
    const dayOnly = rota({ patterns: [pattern({ userId: 'day', startTime: '08:00', endTime: '20:00' })] });
    const night = dutyStatus(dayOnly, CST, at('2026-12-07T03:00:00'), ['day', 'other']);
    expect(night).toMatchObject({ hasRota: true, nobodyNow: true, onDutyNow: [], next: { start: at('2026-12-07T08:00:00'), userIds: ['day'] } });
    expect(night.gaps).toHaveLength(8);
    expect(dutyStatus(null, CST, at('2026-12-07T03:00:00'), ['b', 'a'])).toEqual({ hasRota: false, onDutyNow: ['a', 'b'], next: null, gaps: [], nobodyNow: false });
    expect(dutyStatus(null, CST, at('2026-12-07T03:00:00'), []).nobodyNow).toBe(true);
  });

  it('first recipients: the people on duty; without a rota, or in a gap, every liaison; a retired person is skipped', () => {
    const t = at('2026-12-08T03:00:00');
    expect(firstRecipients(dayNight, CST, t, ['day', 'night', 'x'], ['day', 'night', 'x'])).toEqual(['night']);
    expect(firstRecipients(null, CST, t, ['day', 'night'], ['day', 'night'])).toEqual(['day', 'night']);
    expect(firstRecipients(dayNight, CST, t, ['day', 'x'], ['day', 'x'])).toEqual(['day', 'x']);
  });
});

describe('who may edit a rota', () => {
  const unit = { id: 'u1', jurisdictionId: 'xinyang' };
  it('the system admin any, a jurisdiction admin its own, a unit head its own unit, nobody else', () => {
    expect(canEditRota({ role: 'admin', jurisdictionId: null, unitId: null }, unit)).toBe(true);
    expect(canEditRota({ role: 'jurisdiction_admin', jurisdictionId: 'xinyang', unitId: null }, unit)).toBe(true);
    expect(canEditRota({ role: 'jurisdiction_admin', jurisdictionId: 'anji', unitId: null }, unit)).toBe(false);
    expect(canEditRota({ role: 'unit_head', jurisdictionId: 'xinyang', unitId: 'u1' }, unit)).toBe(true);
    expect(canEditRota({ role: 'unit_head', jurisdictionId: 'xinyang', unitId: 'u2' }, unit)).toBe(false);
    expect(canEditRota({ role: 'liaison', jurisdictionId: 'xinyang', unitId: 'u1' }, unit)).toBe(false);
    expect(canEditRota({ role: 'commander', jurisdictionId: 'xinyang', unitId: null }, unit)).toBe(false);
  });
});

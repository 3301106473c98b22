/**
 * A unit's duty rota (值班表) and who is on duty when. Pure: the rota is data, the instant and the
 * jurisdiction's UTC offset are arguments.
 *
 * Shifts come from repeating patterns (every day, some weekdays, or the listed holidays only); a
 * listed holiday takes the day away from the daily and weekly patterns. A swap (换班) hands one
 * shift of one person to another; an override (临时调整) puts a person on duty for an interval and
 * takes it from everyone else (or only from the person it replaces). Overrides beat patterns.
 */
import { addDays, instantOf, isoWeekday, localDate } from './rota-calendar.js';

export const ROTA_PATTERN_KINDS = ['daily', 'weekly', 'holiday'] as const;
export type RotaPatternKind = (typeof ROTA_PATTERN_KINDS)[number];

export interface RotaPattern {
  id: string;
  userId: string;
  kind: RotaPatternKind;
  /** ISO weekdays (1 Monday … 7 Sunday) of a weekly pattern. */
  weekdays: number[];
  /** Local wall-clock `HH:MM`; an end not after the start ends the next day (a night shift). */
  startTime: string;
  endTime: string;
  /** Local dates `YYYY-MM-DD` a shift may start on, inclusive; `until` null = open-ended. */
  from: string;
  until: string | null;
}

export interface RotaOverride {
  id: string;
  userId: string;
  start: string;
  end: string;
  /** Only this person's shifts give way; null = everyone's. */
  replaces: string | null;
}

export interface RotaSwap {
  id: string;
  fromUserId: string;
  toUserId: string;
  /** The start instant of the shift of `fromUserId` that `toUserId` takes. */
  shiftStart: string;
}

export interface Rota {
  /** Local dates of holidays (节假日): only holiday patterns run on them. */
  holidays: string[];
  patterns: RotaPattern[];
  overrides: RotaOverride[];
  swaps: RotaSwap[];
}

export type ShiftSource = 'pattern' | 'swap' | 'override';

export interface Shift {
  userId: string;
  start: Date;
  end: Date;
  source: ShiftSource;
}

export interface Interval {
  start: Date;
  end: Date;
}

export const EMPTY_ROTA: Rota = { holidays: [], patterns: [], overrides: [], swaps: [] };

/** Whether the rota says anything at all; a unit without one falls back to every liaison. */
export function hasRota(rota: Rota | null | undefined): rota is Rota {
  return !!rota && (rota.patterns.length > 0 || rota.overrides.length > 0);
}

const DAY = 86_400_000;

/** Every shift overlapping [from, to), sorted by start then person. */
export function shiftsBetween(rota: Rota, offset: number, from: Date, to: Date): Shift[] {
  if (to <= from) return [];
  const holidays = new Set(rota.holidays);
  const swaps = new Map(rota.swaps.map((s) => [`${s.fromUserId}@${Date.parse(s.shiftStart)}`, s.toUserId]));
  let shifts: Shift[] = [];
  // A shift starting the day before `from` may still be running (night shifts); overrides are absolute.
  for (let day = localDate(new Date(from.getTime() - DAY), offset); day <= localDate(to, offset); day = addDays(day, 1)) {
    for (const p of rota.patterns) {
      if (!runsOn(p, day, holidays)) continue;
      const start = instantOf(day, p.startTime, offset);
      const sameDayEnd = instantOf(day, p.endTime, offset);
      const end = sameDayEnd > start ? sameDayEnd : new Date(sameDayEnd.getTime() + DAY);
      const swappedTo = swaps.get(`${p.userId}@${start.getTime()}`);
      shifts.push(swappedTo ? { userId: swappedTo, start, end, source: 'swap' } : { userId: p.userId, start, end, source: 'pattern' });
    }
  }
  for (const o of rota.overrides) {
    const start = new Date(o.start);
    const end = new Date(o.end);
    if (end <= start) continue;
    shifts = shifts.flatMap((s) => (s.source !== 'override' && (o.replaces === null || s.userId === o.replaces) ? cut(s, start, end) : [s]));
    shifts.push({ userId: o.userId, start, end, source: 'override' });
  }
  return shifts
    .filter((s) => s.end > from && s.start < to)
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.userId.localeCompare(b.userId));
}

/** The people on duty at instant `at` (a shift holds from its start, inclusive, to its end, exclusive). */
export function onDutyAt(rota: Rota, offset: number, at: Date): string[] {
  const running = shiftsBetween(rota, offset, at, new Date(at.getTime() + 1)).filter((s) => s.start <= at && at < s.end);
  return [...new Set(running.map((s) => s.userId))].sort();
}

/** The next handover after `at` within `horizonDays`: when it is and who comes on duty then. */
export function nextHandover(rota: Rota, offset: number, at: Date, horizonDays = 14): { start: Date; userIds: string[] } | null {
  const upcoming = shiftsBetween(rota, offset, at, new Date(at.getTime() + horizonDays * DAY)).filter((s) => s.start > at);
  const first = upcoming[0];
  if (!first) return null;
  const userIds = upcoming.filter((s) => s.start.getTime() === first.start.getTime()).map((s) => s.userId);
  return { start: first.start, userIds: [...new Set(userIds)].sort() };
}

/** The intervals in [from, to) when nobody is on duty. */
export function gapsBetween(rota: Rota, offset: number, from: Date, to: Date): Interval[] {
  const gaps: Interval[] = [];
  let covered = from;
  for (const s of shiftsBetween(rota, offset, from, to)) {
    if (s.start > covered) gaps.push({ start: covered, end: s.start });
    if (s.end > covered) covered = s.end;
  }
  if (covered < to) gaps.push({ start: covered, end: to });
  return gaps;
}

/** A person's own shifts in [from, to), for their calendar feed. */
export function shiftsOf(rota: Rota, offset: number, userId: string, from: Date, to: Date): Shift[] {
  return shiftsBetween(rota, offset, from, to).filter((s) => s.userId === userId);
}

function runsOn(p: RotaPattern, day: string, holidays: Set<string>): boolean {
  if (day < p.from || (p.until !== null && day > p.until)) return false;
  if (p.kind === 'holiday') return holidays.has(day);
  if (holidays.has(day)) return false;
  return p.kind === 'daily' || p.weekdays.includes(isoWeekday(day));
}

/** What is left of a shift outside [start, end). */
function cut(s: Shift, start: Date, end: Date): Shift[] {
  if (s.end <= start || s.start >= end) return [s];
  const pieces: Shift[] = [];
  if (s.start < start) pieces.push({ ...s, end: start });
  if (s.end > end) pieces.push({ ...s, start: end });
  return pieces;
}

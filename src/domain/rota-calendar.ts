/**
 * Local calendar arithmetic for the rota, at a jurisdiction's fixed UTC offset (`+08:00`: China
 * keeps no daylight saving time, so Asia/Shanghai is an offset). Pure.
 */

/** Minutes east of UTC from `+08:00` / `-05:30`. */
export function offsetMinutes(utcOffset: string): number {
  const m = /^([+-])(\d\d):(\d\d)$/.exec(utcOffset);
  if (!m) throw new Error(`not a UTC offset: ${utcOffset}`);
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The local calendar date `YYYY-MM-DD` of an instant. */
export function localDate(at: Date, offset: number): string {
  return new Date(at.getTime() + offset * 60_000).toISOString().slice(0, 10);
}

/** The instant of a local date and wall-clock time `HH:MM`. */
export function instantOf(date: string, time: string, offset: number): Date {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new Date(Date.UTC(y, mo - 1, d, h, mi) - offset * 60_000);
}

export function addDays(date: string, days: number): string {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 Monday … 7 Sunday. */
export function isoWeekday(date: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday that starts the local week of a date. */
export function weekStart(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}

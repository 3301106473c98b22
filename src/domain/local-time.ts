/**
 * Times as the people of a jurisdiction read them, at its fixed UTC offset (`+08:00`; China keeps
 * no daylight saving time, so an offset is enough). Pure.
 */

/** The instant shifted by the offset, so its UTC fields read the local wall clock. */
function wallClock(at: Date, utcOffset: string): Date {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [h, m] = utcOffset.slice(1).split(':').map(Number);
  return new Date(at.getTime() + sign * ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
}

/** `YYYYMMDD`, the local calendar day (incident references count per day). */
export function localDay(at: Date, utcOffset: string): string {
  return wallClock(at, utcOffset).toISOString().slice(0, 10).replace(/-/g, '');
}

/** `MM-DD HH:mm`, short enough for an SMS or an alert line. */
export function localTime(at: Date, utcOffset: string): string {
  return wallClock(at, utcOffset).toISOString().slice(5, 16).replace('T', ' ');
}

/** `YYYY-MM-DD HH:mm`, for the account. */
export function localDateTime(at: Date, utcOffset: string): string {
  return wallClock(at, utcOffset).toISOString().slice(0, 16).replace('T', ' ');
}

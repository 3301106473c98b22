/** Times as the commission reads them: China Standard Time (UTC+08:00), whatever the device's zone. */
export const OFFSET = '+08:00';
const OFFSET_MS = 8 * 3600_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall-clock parts of an instant in UTC+08:00. */
function parts(iso: string | number | Date) {
  const d = new Date(new Date(iso).getTime() + OFFSET_MS);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds() };
}

export function formatTime(iso: string | null | undefined, seconds = false): string {
  if (!iso) return '';
  const p = parts(iso);
  return `${pad(p.h)}:${pad(p.mi)}${seconds ? `:${pad(p.s)}` : ''}`;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
}

/** Short form for today's board: "11-23 08:40". */
export function formatShort(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parts(iso);
  return `${pad(p.mo)}-${pad(p.d)} ${pad(p.h)}:${pad(p.mi)}`;
}

/** `<input type="datetime-local">` value (UTC+08:00) for an instant. */
export function toLocalInput(iso: string | number | Date | null | undefined): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return '';
  const p = parts(t);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}T${pad(p.h)}:${pad(p.mi)}`;
}

/** ISO 8601 with +08:00 from a datetime-local value; undefined when empty or malformed. */
export function fromLocalInput(value: string): string | undefined {
  const m = value.trim().match(/^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?$/);
  if (!m) return undefined;
  return `${m[1]}T${m[2]}${m[3] ?? ':00'}${OFFSET}`;
}

/** "12分" / "1小时05分" / "45秒": a duration for people, never negative. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  if (total < 60) return `${total}秒`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}分`;
  return `${Math.floor(minutes / 60)}小时${pad(minutes % 60)}分`;
}

/** "12:34" (mm:ss) or "1:02:03" for a countdown. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
}

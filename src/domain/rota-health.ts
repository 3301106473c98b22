/**
 * What an administrator must be told about a unit's rota: nobody on duty now, or hours in the
 * next 7 days with nobody on duty. Pure.
 */
import { gapsBetween, hasRota, nextHandover, onDutyAt, type Interval, type Rota } from './rota.js';

export const ROTA_LOOKAHEAD_DAYS = 7;

export interface DutyStatus {
  /** Whether the unit keeps a rota; without one every active liaison counts as on duty. */
  hasRota: boolean;
  onDutyNow: string[];
  next: { start: Date; userIds: string[] } | null;
  /** Gaps in the next 7 days (empty without a rota: there is nothing to have gaps in). */
  gaps: Interval[];
  nobodyNow: boolean;
}

export function dutyStatus(rota: Rota | null, offset: number, now: Date, activeLiaisons: string[]): DutyStatus {
  if (!hasRota(rota)) {
    return { hasRota: false, onDutyNow: [...activeLiaisons].sort(), next: null, gaps: [], nobodyNow: activeLiaisons.length === 0 };
  }
  const onDutyNow = onDutyAt(rota, offset, now);
  const gaps = gapsBetween(rota, offset, now, new Date(now.getTime() + ROTA_LOOKAHEAD_DAYS * 86_400_000));
  return { hasRota: true, onDutyNow, next: nextHandover(rota, offset, now), gaps, nobodyNow: onDutyNow.length === 0 };
}

/**
 * Who a new notification goes to first: the unit's active people on duty now by its rota; without
 * a rota, or in a gap of it, the fallback (the liaisons as before rotas: those marked on duty, else
 * every liaison) — a rota with a hole must not swallow an alert.
 */
export function firstRecipients(rota: Rota | null, offset: number, now: Date, fallback: string[], activeMembers: string[]): string[] {
  if (!hasRota(rota)) return fallback;
  const active = new Set(activeMembers);
  const onDuty = onDutyAt(rota, offset, now).filter((id) => active.has(id));
  return onDuty.length ? onDuty : fallback;
}

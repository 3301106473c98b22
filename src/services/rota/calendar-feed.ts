/**
 * A person's duty shifts as an iCalendar feed a phone subscribes to. The URL carries a secret
 * token (only its SHA-256 is stored); rotating it makes the old URL stop working.
 */
import ical from 'ical-generator';
import { eq } from 'drizzle-orm';
import { dutyRotas, memberUnits, users, jurisdictions } from '../../db/schema.js';
import { offsetMinutes } from '../../domain/rota-calendar.js';
import { shiftsOf } from '../../domain/rota.js';
import type { Actor, Services } from '../context.js';
import { notFound } from '../errors.js';
import { randomToken, sha256Hex } from '../ids.js';

/** Shifts from this far back to this far ahead are in the feed. */
const PAST_DAYS = 14;
const AHEAD_DAYS = 60;
const DAY = 86_400_000;

export async function rotateCalendarToken(services: Services, actor: Actor): Promise<{ url: string }> {
  const token = randomToken(24);
  await services.db.update(users).set({ calendarTokenHash: await sha256Hex(token) }).where(eq(users.id, actor.id));
  return { url: `${services.links.publicUrl}/calendar/${token}.ics` };
}

/** The feed of the token's person, or not found (an unknown or rotated token). */
export async function calendarFeed(services: Services, token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(token)) throw notFound('日历');
  const [person] = await services.db
    .select({ id: users.id, name: users.displayName, unitId: users.unitId, active: users.active })
    .from(users)
    .where(eq(users.calendarTokenHash, await sha256Hex(token)));
  if (!person || !person.active) throw notFound('日历');
  const calendar = ical({ name: `${person.name}的值班`, prodId: { company: 'lianfang', product: 'duty-rota', language: 'ZH' }, ttl: 3600 });
  if (person.unitId) {
    const [row] = await services.db
      .select({ rota: dutyRotas.rota, unitName: memberUnits.name, utcOffset: jurisdictions.utcOffset })
      .from(dutyRotas)
      .innerJoin(memberUnits, eq(memberUnits.id, dutyRotas.unitId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, dutyRotas.jurisdictionId))
      .where(eq(dutyRotas.unitId, person.unitId));
    if (row) {
      const now = services.clock().getTime();
      for (const s of shiftsOf(row.rota, offsetMinutes(row.utcOffset), person.id, new Date(now - PAST_DAYS * DAY), new Date(now + AHEAD_DAYS * DAY)))
        calendar.createEvent({
          id: `${person.id}-${s.start.getTime()}@lianfang`,
          start: s.start,
          end: s.end,
          summary: `${row.unitName}值班`,
          description: s.source === 'swap' ? '换班' : s.source === 'override' ? '临时调整' : '排班',
        });
    }
  }
  return calendar.toString();
}

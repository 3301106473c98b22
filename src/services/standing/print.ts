/** The minutes as they print: the issued version (or, for the office and the units asked, the version out for consent). */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { jurisdictions, memberUnits } from '../../db/schema.js';
import type { PrintableMinutes } from '../../api/meetings/minutes-render.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { notFound } from '../errors.js';
import { loadVisibleMeeting, minutesOf, requestsOf, unitNames } from './load.js';

export async function printableMinutes(services: Services, actor: Actor, meetingId: string): Promise<PrintableMinutes> {
  const db = services.db;
  const meeting = await loadVisibleMeeting(db, actor, meetingId);
  const requests = await requestsOf(db, meetingId);
  const asked = new Set(requests.filter((x) => x.r.kind === 'minutes_consent' && x.r.unitId === actor.unitId).map((x) => x.r.subjectId));
  const minutes = (await minutesOf(db, meetingId)).filter((m) => m.state !== 'superseded' && (isCommission(actor) || m.state === 'issued' || asked.has(m.id))).at(-1);
  if (!minutes) throw notFound('会议纪要');
  const [j] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, meeting.jurisdictionId));
  const book = await services.rulebooks.current(meeting.jurisdictionId);
  const names = await unitNames(db, [...new Set(minutes.items.flatMap((i) => [i.leadUnitId, ...i.supportUnitIds]))]);
  const members = await db
    .select({ id: memberUnits.id, name: memberUnits.name })
    .from(memberUnits)
    .where(and(eq(memberUnits.jurisdictionId, meeting.jurisdictionId), isNull(memberUnits.retiredAt)))
    .orderBy(asc(memberUnits.position));
  return {
    jurisdictionName: j!.name,
    utcOffset: j!.utcOffset,
    meeting: { kind: meeting.kind, topic: meeting.topic, startsAt: meeting.startsAt.toISOString(), place: meeting.place },
    minutes: { version: minutes.version, text: minutes.text, state: minutes.state, issuedAt: minutes.issuedAt?.toISOString() ?? null, copiedTo: minutes.copiedTo },
    items: minutes.items.map((i, n) => ({ number: n + 1, title: i.title, lead: names.get(i.leadUnitId) ?? i.leadUnitId, supports: i.supportUnitIds.map((u) => names.get(u) ?? u), dueAt: i.dueAt })),
    attendees: requests
      .filter((x) => x.r.kind === 'meeting_reply' && x.r.state === 'answered')
      .map((x) => {
        const a = x.r.answer as { attendeeName?: string; attendance?: string } | null;
        return { unitName: x.unitName, attendeeName: a?.attendeeName ?? '', deputy: a?.attendance === 'deputy' };
      }),
    // 印发联席会议各成员单位.
    recipients: minutes.state === 'issued' ? members.filter((m) => m.id !== book?.commissionUnitId).map((m) => m.name) : [],
  };
}

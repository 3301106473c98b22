/** How meetings, minutes and agreed items read in answers and events. */
import type { agreedItems } from '../../db/schema.js';
import type { MeetingRow, MinutesRow } from './load.js';
import { standingRequestView, type StandingRequestRow } from './requests.js';

export type MeetingStage = 'replies' | 'minutes' | 'agreed' | 'issued' | 'cancelled';

export function meetingStage(minutes: readonly MinutesRow[], cancelledAt: Date | null = null): MeetingStage {
  if (cancelledAt) return 'cancelled';
  const latest = minutes.filter((m) => m.state !== 'superseded').at(-1);
  if (!latest) return 'replies';
  return latest.state === 'issued' ? 'issued' : latest.state === 'agreed' ? 'agreed' : 'minutes';
}

/** The invitation: what a unit is told (no other unit's answer). */
export function meetingPublicView(m: MeetingRow) {
  return {
    id: m.id,
    kind: m.kind,
    topic: m.topic,
    startsAt: m.startsAt.toISOString(),
    place: m.place,
    agenda: m.agenda,
    replyDueAt: m.replyDueAt.toISOString(),
    cancelledAt: m.cancelledAt?.toISOString() ?? null,
    cancelReason: m.cancelReason,
  };
}

export function meetingView(m: MeetingRow, minutes: readonly MinutesRow[]) {
  return { ...meetingPublicView(m), jurisdictionId: m.jurisdictionId, convenedAt: m.convenedAt.toISOString(), stage: meetingStage(minutes, m.cancelledAt) };
}

export function minutesPublicView(m: MinutesRow) {
  return { id: m.id, meetingId: m.meetingId, version: m.version, text: m.text, items: m.items, consentDueAt: m.consentDueAt.toISOString(), revisionNote: m.revisionNote };
}

export function minutesView(m: MinutesRow) {
  return { ...minutesPublicView(m), state: m.state, draftedAt: m.draftedAt.toISOString(), issuedAt: m.issuedAt?.toISOString() ?? null, copiedTo: m.copiedTo };
}

export function requestWithUnit({ r, unitName }: { r: StandingRequestRow; unitName: string }) {
  return { ...standingRequestView(r), unitName };
}

/**
 * An agreed item with `done` worked out from the requests given: the office passes every unit's
 * (done when all have reported), a member unit only its own (another unit's progress is the
 * office's to see), so an item that is not the unit's has no `done` for it (null).
 */
export function itemView(i: typeof agreedItems.$inferSelect, requests: readonly StandingRequestRow[]) {
  const mine = requests.filter((r) => r.kind === 'agreed_item' && r.subjectId === i.id && r.state !== 'withdrawn');
  return {
    id: i.id,
    number: i.number,
    title: i.title,
    leadUnitId: i.leadUnitId,
    supportUnitIds: i.supportUnitIds,
    dueAt: i.dueAt.toISOString(),
    done: mine.length > 0 ? mine.every((r) => r.state === 'done') : null,
  };
}

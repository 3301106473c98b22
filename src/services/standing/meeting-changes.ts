/**
 * 会议改期 / 变更地点 / 取消 before the meeting is held. Every invited unit is told in the app and
 * over its channels, answered or not (a member who said they attend must hear the new time most
 * of all). A new reply deadline restarts the chase of the units still silent; a cancellation
 * withdraws every reply still asked, so nothing is chased for a meeting that will not take place.
 * Load → plan (src/domain/standing/meetings.ts) → write, the change and its events together.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { meetings, standingRequests } from '../../db/schema.js';
import type { MeetingChangeInput } from '../../contract/meetings.js';
import { planMeetingCancel, planMeetingChange } from '../../domain/standing/meetings.js';
import { localTime } from '../../domain/local-time.js';
import type { Actor, Services } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { queueStandingNotices } from '../delivery/queue-standing.js';
import { jurisdictionOffset } from '../rota/load.js';
import { loadMeetingForOffice, minutesOf, requestsOf } from './load.js';
import { stopAsking } from './requests.js';
import { meetingPublicView, meetingView } from './views.js';

/** The replies asked for this meeting that were not withdrawn: whom a change is told to. */
async function invitedReplies(services: Services, meetingId: string) {
  return (await requestsOf(services.db, meetingId)).map((x) => x.r).filter((r) => r.kind === 'meeting_reply' && r.state !== 'withdrawn' && r.state !== 'superseded');
}

const HELD_MEANWHILE = '会议纪要刚刚起草，会议已召开，不能再改期或取消 (the meeting has been held)';
const WHAT = { startsAt: '会议时间', place: '会议地点', replyDueAt: '回执时限' } as const;

export async function changeMeeting(services: Services, actor: Actor, meetingId: string, input: MeetingChangeInput) {
  const meeting = await loadMeetingForOffice(services.db, actor, meetingId);
  const now = services.clock();
  const held = (await minutesOf(services.db, meetingId)).length > 0;
  const plan = planMeetingChange(
    { cancelled: !!meeting.cancelledAt, held, startsAt: meeting.startsAt, place: meeting.place, replyDueAt: meeting.replyDueAt },
    { startsAt: input.startsAt ? new Date(input.startsAt) : undefined, place: input.place, replyDueAt: input.replyDueAt ? new Date(input.replyDueAt) : undefined },
    now,
  );
  if (!plan.ok) throw plan.kind === 'conflict' ? conflict(plan.message) : invalid('会议变更有误', plan.problems);
  const replies = await invitedReplies(services, meetingId);
  const offset = await jurisdictionOffset(services.db, meeting.jurisdictionId);
  const said = plan.changed.map((k) => `${WHAT[k]}改为${k === 'place' ? plan.place : localTime(plan[k], offset)}`).join('，');
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ startsAt: plan.startsAt, place: plan.place, replyDueAt: plan.replyDueAt })
      .where(and(eq(meetings.id, meetingId), isNull(meetings.cancelledAt), eq(meetings.startsAt, meeting.startsAt), eq(meetings.replyDueAt, meeting.replyDueAt), eq(meetings.place, meeting.place)))
      .returning();
    if (!row) throw conflict('会议刚被他人修改或取消，请刷新后再看 (changed meanwhile)');
    if ((await minutesOf(tx, meetingId)).length > 0) throw conflict(HELD_MEANWHILE);
    // The units still to reply are asked by the new deadline, their chase starting again from it.
    if (plan.changed.includes('replyDueAt'))
      await tx
        .update(standingRequests)
        .set({ dueAt: plan.replyDueAt, nextEscalationAt: plan.replyDueAt, escalationStep: 0, updatedAt: now })
        .where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.kind, 'meeting_reply'), eq(standingRequests.state, 'pending')));
    await queueStandingNotices(tx, replies, now, `${said}。原因：${input.reason}`);
    await appendEvents(tx, now, [
      {
        type: 'meeting.changed',
        jurisdictionId: row.jurisdictionId,
        incidentId: null,
        audienceUnits: replies.map((r) => r.unitId),
        actorId: actor.id,
        data: { meeting: meetingPublicView(row), changed: plan.changed, reason: input.reason, by: actor.displayName },
      },
    ]);
    return { meeting: meetingView(row, []) };
  });
}

export async function cancelMeeting(services: Services, actor: Actor, meetingId: string, input: { reason: string }) {
  const meeting = await loadMeetingForOffice(services.db, actor, meetingId);
  const now = services.clock();
  const held = (await minutesOf(services.db, meetingId)).length > 0;
  const plan = planMeetingCancel({ cancelled: !!meeting.cancelledAt, held });
  if (!plan.ok) throw conflict(plan.message);
  const replies = await invitedReplies(services, meetingId);
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .update(meetings)
      .set({ cancelledAt: now, cancelledBy: actor.id, cancelReason: input.reason })
      .where(and(eq(meetings.id, meetingId), isNull(meetings.cancelledAt)))
      .returning();
    if (!row) throw conflict('会议已取消 (the meeting is cancelled)');
    // Minutes drafted meanwhile (drafting locks this row too, so it committed before our update).
    if ((await minutesOf(tx, meetingId)).length > 0) throw conflict(HELD_MEANWHILE);
    const withdrawn = await stopAsking(tx, now, { ids: replies.map((r) => r.id) }, 'withdraw', `会议已取消：${input.reason}`, ['pending', 'answered']);
    await queueStandingNotices(tx, replies, now, `会议已取消。原因：${input.reason}`);
    await appendEvents(tx, now, [
      ...withdrawn,
      {
        type: 'meeting.cancelled',
        jurisdictionId: row.jurisdictionId,
        incidentId: null,
        audienceUnits: replies.map((r) => r.unitId),
        actorId: actor.id,
        data: { meeting: meetingPublicView(row), reason: input.reason, by: actor.displayName },
      },
    ]);
    return { meeting: meetingView(row, []) };
  });
}

/**
 * 会议纪要 (信阳 三(一)1): the office drafts the minutes with their agreed items; the attending units
 * agree or ask for a change (with the reason); the office revises (a new version, asked again)
 * until every attending unit agrees; then it issues them to every member unit, copied to the
 * government (抄报市政府办公室), and each agreed item's units are asked to report.
 */
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { agreedItems, meetingMinutes, meetings, memberUnits, standingRequests } from '../../db/schema.js';
import type { MinutesDraft } from '../../contract/meetings.js';
import { attendingUnits, checkDraftItems, consentComplete, MEETING_CANCELLED, minutesMay } from '../../domain/standing/meetings.js';
import { repeatsStandingAnswer } from '../../domain/standing/requests.js';
import { aheadTimeProblems } from '../../domain/time-bounds.js';
import { mayAnswerStandingRequest } from '../../domain/policy/index.js';
import type { Actor, Services } from '../context.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { createOnce } from '../idempotency.js';
import type { Database } from '../../db/client.js';
import { loadMeetingForOffice, loadVisibleMeeting, unitNames } from './load.js';
import { meetingLink } from './meetings.js';
import { answerRequest, askUnits, stopAsking, type NewStandingRequest, type StandingRequestRow } from './requests.js';
import { minutesPublicView, minutesView, requestWithUnit } from './views.js';

type MinutesRow = typeof meetingMinutes.$inferSelect;

/**
 * Drafts version 1, or revises the version out for consent (it is superseded and every attending
 * unit is asked again). Once per `Idempotency-Key`: a retried draft must not become a second version.
 */
export async function draftMinutes(services: Services, actor: Actor, meetingId: string, input: MinutesDraft, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /meetings/{id}/minutes', meetingId, input }, async () => {
    const meeting = await loadMeetingForOffice(services.db, actor, meetingId);
    const now = services.clock();
    const units = await services.db.select({ id: memberUnits.id }).from(memberUnits).where(and(eq(memberUnits.jurisdictionId, meeting.jurisdictionId), isNull(memberUnits.retiredAt)));
    const problems = [...aheadTimeProblems(new Date(input.consentDueAt), now, 'consentDueAt', '会签时限'), ...checkDraftItems(input.items, new Set(units.map((u) => u.id)), meeting.startsAt, now)];
    if (problems.length) throw invalid('纪要内容有误', problems);
    return (tx: Database) => writeMinutesVersion(tx, actor, meeting, input, now);
  });
}

async function writeMinutesVersion(tx: Database, actor: Actor, meeting: { id: string; jurisdictionId: string; topic: string }, input: MinutesDraft, now: Date) {
  const meetingId = meeting.id;
  // The meeting row is locked as a cancel or a change locks it: drafting and calling off never both succeed.
  const [current] = await tx.select({ cancelledAt: meetings.cancelledAt }).from(meetings).where(eq(meetings.id, meetingId)).for('update');
  if (current?.cancelledAt) throw conflict('会议已取消，不能起草纪要 (the meeting is cancelled)');
  const versions = await tx.select().from(meetingMinutes).where(eq(meetingMinutes.meetingId, meetingId)).orderBy(asc(meetingMinutes.version)).for('update');
  const latest = versions.at(-1);
  if (latest && !minutesMay(latest.state, 'revise')) throw conflict(latest.state === 'issued' ? '纪要已印发，不能再修改 (already issued)' : '纪要已经各参会单位同意，请直接印发 (already agreed)');
  const replies = await tx.select().from(standingRequests).where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.kind, 'meeting_reply')));
  const attending = attendingUnits(replies.map((r) => ({ unitId: r.unitId, state: r.state, answer: r.answer as { attendance?: 'member' | 'deputy' } | null })));
  if (attending.length === 0) throw conflict('尚无单位回复参会，无法征求纪要意见 (no attending unit yet)');
  const events: NewEvent[] = [];
  // The meeting has been held: replies still missing are no longer asked for.
  events.push(...(await stopAsking(tx, now, { ids: replies.filter((r) => r.state === 'pending').map((r) => r.id) }, 'withdraw', '会议已召开，参会回执截止', ['pending'])));
  if (latest) {
    await tx.update(meetingMinutes).set({ state: 'superseded' }).where(eq(meetingMinutes.id, latest.id));
    const asked = await tx.select({ id: standingRequests.id }).from(standingRequests).where(and(eq(standingRequests.kind, 'minutes_consent'), eq(standingRequests.subjectId, latest.id)));
    events.push(...(await stopAsking(tx, now, { ids: asked.map((a) => a.id) }, 'supersede', `纪要已修订为第${latest.version + 1}版`)));
  }
  const version = (latest?.version ?? 0) + 1;
  const [minutes] = await tx
    .insert(meetingMinutes)
    .values({
      id: newId('mnt', now.getTime()),
      meetingId,
      version,
      text: input.text,
      items: input.items.map((i) => ({ title: i.title, leadUnitId: i.leadUnitId, supportUnitIds: i.supportUnitIds, dueAt: new Date(i.dueAt).toISOString() })),
      state: 'consulting',
      consentDueAt: new Date(input.consentDueAt),
      draftedBy: actor.id,
      draftedAt: now,
      revisionNote: input.revisionNote ?? null,
    })
    .returning();
  const consents = await askUnits(
    tx,
    now,
    actor.id,
    attending.map((unitId) => ({
      jurisdictionId: meeting.jurisdictionId,
      kind: 'minutes_consent' as const,
      meetingId,
      subjectId: minutes!.id,
      link: meetingLink(meetingId),
      unitId,
      role: 'attending' as const,
      title: `会签「${meeting.topic}」会议纪要（第${version}版）`,
      dueAt: new Date(input.consentDueAt),
    })),
  );
  events.push({ type: 'minutes.drafted', jurisdictionId: meeting.jurisdictionId, incidentId: null, audienceUnits: attending, actorId: actor.id, data: { minutes: minutesPublicView(minutes!), meetingTopic: meeting.topic } });
  events.push(...consents.events);
  await appendEvents(tx, now, events);
  return { minutes: minutesView(minutes!) };
}

/** 同意 / 提出修改意见: the unit's answer to the version it was asked about; the last agreement makes the version agreed. */
export async function consentToMinutes(services: Services, actor: Actor, meetingId: string, input: { decision: 'agree' | 'request_change'; reason?: string }) {
  const meeting = await loadVisibleMeeting(services.db, actor, meetingId);
  if (!actor.unitId) throw forbidden('由参会单位表态 (an attending unit answers)');
  // A cancelled meeting never has minutes: say why, not that none is out for consent.
  if (meeting.cancelledAt) throw conflict(MEETING_CANCELLED);
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    // The version in force: out for consent, or agreed or issued after the last answer.
    const [current] = await tx
      .select()
      .from(meetingMinutes)
      .where(and(eq(meetingMinutes.meetingId, meetingId), inArray(meetingMinutes.state, ['consulting', 'agreed', 'issued'])))
      .orderBy(desc(meetingMinutes.version))
      .limit(1)
      .for('update');
    const noneOut = () => conflict('当前没有征求意见中的纪要 (no minutes out for consent)');
    if (!current) throw noneOut();
    const [request] = await tx
      .select()
      .from(standingRequests)
      .where(and(eq(standingRequests.kind, 'minutes_consent'), eq(standingRequests.subjectId, current.id), eq(standingRequests.unitId, actor.unitId!)));
    const answer = { decision: input.decision, reason: input.reason ?? null };
    if (current.state !== 'consulting') {
      // The agreement that completed it, sent again (its first answer was lost on the way back), is that agreement.
      if (request && mayAnswerStandingRequest(actor, request) && repeatsStandingAnswer(request, input.decision, answer)) return answered(tx, request, current.state);
      throw noneOut();
    }
    if (!request || !mayAnswerStandingRequest(actor, request)) throw forbidden('本单位未被征求此版纪要意见 (not asked)');
    const { row, events } = await answerRequest(tx, now, actor, request, input.decision, answer);
    const all = await tx.select({ unitId: standingRequests.unitId, state: standingRequests.state }).from(standingRequests).where(and(eq(standingRequests.kind, 'minutes_consent'), eq(standingRequests.subjectId, current.id)));
    let state: MinutesRow['state'] = current.state;
    if (consentComplete(all)) {
      await tx.update(meetingMinutes).set({ state: 'agreed' }).where(eq(meetingMinutes.id, current.id));
      state = 'agreed';
      events.push({
        type: 'minutes.agreed',
        jurisdictionId: meeting.jurisdictionId,
        incidentId: null,
        audienceUnits: all.map((a) => a.unitId),
        data: { minutesId: current.id, meetingId, version: current.version },
      });
    }
    await appendEvents(tx, now, events);
    return answered(tx, row, state);
  });
}

async function answered(tx: Database, request: StandingRequestRow, minutesState: MinutesRow['state']) {
  const names = await unitNames(tx, [request.unitId]);
  return { request: requestWithUnit({ r: request, unitName: names.get(request.unitId) ?? request.unitId }), minutesState };
}

/** 印发: to every member unit, copied to the government; each agreed item's lead and supporting units are asked to report by its date. */
export async function issueMinutes(services: Services, actor: Actor, meetingId: string, input: { copiedTo: string }) {
  const meeting = await loadMeetingForOffice(services.db, actor, meetingId);
  const now = services.clock();
  const book = await services.rulebooks.current(meeting.jurisdictionId);
  return services.db.transaction(async (tx) => {
    const [agreed] = await tx.select().from(meetingMinutes).where(and(eq(meetingMinutes.meetingId, meetingId), eq(meetingMinutes.state, 'agreed'))).for('update');
    if (!agreed) throw conflict('纪要须经全部参会单位同意后方可印发 (not agreed by every attending unit)');
    const [issued] = await tx.update(meetingMinutes).set({ state: 'issued', issuedAt: now, issuedBy: actor.id, copiedTo: input.copiedTo }).where(eq(meetingMinutes.id, agreed.id)).returning();
    const asks: NewStandingRequest[] = [];
    for (const [n, item] of agreed.items.entries()) {
      const [row] = await tx
        .insert(agreedItems)
        .values({ id: newId('itm', now.getTime()), meetingId, minutesId: agreed.id, number: n + 1, title: item.title, leadUnitId: item.leadUnitId, supportUnitIds: item.supportUnitIds, dueAt: new Date(item.dueAt), createdAt: now })
        .returning();
      for (const [unitId, role] of [[item.leadUnitId, 'lead'] as const, ...item.supportUnitIds.map((u) => [u, 'support'] as const)])
        asks.push({
          jurisdictionId: meeting.jurisdictionId,
          kind: 'agreed_item',
          meetingId,
          subjectId: row!.id,
          link: meetingLink(meetingId),
          unitId,
          role,
          title: `议定事项${n + 1}：${item.title}（${role === 'lead' ? '牵头' : '配合'}）`,
          dueAt: new Date(item.dueAt),
        });
    }
    const asked = await askUnits(tx, now, actor.id, asks);
    const members = await tx.select({ id: memberUnits.id }).from(memberUnits).where(and(eq(memberUnits.jurisdictionId, meeting.jurisdictionId), isNull(memberUnits.retiredAt)));
    await appendEvents(tx, now, [
      {
        type: 'minutes.issued',
        jurisdictionId: meeting.jurisdictionId,
        incidentId: null,
        audienceUnits: members.map((m) => m.id).filter((id) => id !== book?.commissionUnitId),
        actorId: actor.id,
        data: { minutes: minutesPublicView(issued!), meetingTopic: meeting.topic, copiedTo: input.copiedTo },
      },
      ...asked.events,
    ]);
    return { minutes: minutesView(issued!) };
  });
}


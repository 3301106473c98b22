/**
 * 全体会议 / 专题会议 (信阳 三(一)1–2): the office convenes a meeting and asks each invited unit who
 * attends; a unit answers (its member, or a deputy with the reason) and may change its answer
 * until the minutes are drafted. Each change and its events commit together.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { meetings, memberUnits, standingRequests } from '../../db/schema.js';
import type { MeetingConvene } from '../../contract/meetings.js';
import { mayAnswerStandingRequest, mayRunJointMeeting } from '../../domain/policy/index.js';
import { meetingTimeProblems, replyClosedReason } from '../../domain/standing/meetings.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { appendEvents } from '../events/append.js';
import type { Database } from '../../db/client.js';
import { createOnce } from '../idempotency.js';
import { newId } from '../ids.js';
import { itemsOf, loadVisibleMeeting, minutesOf, requestsOf, unitNames } from './load.js';
import { meetingFiles } from './materials.js';
import { answerRequest, askUnits } from './requests.js';
import { itemView, meetingPublicView, meetingView, minutesView, requestWithUnit } from './views.js';
import { requestsWithUndelivered } from './undelivered.js';

export const meetingLink = (id: string) => `/meetings?meeting=${encodeURIComponent(id)}`;
const KIND_NAME = { plenary: '全体会议', topical: '专题会议' } as const;

export async function conveneMeeting(services: Services, actor: Actor, input: MeetingConvene, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, input, async () => {
    const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
    if (!jurisdictionId) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '系统管理员须指定辖区 (required for an administrator)' }]);
    if (!mayRunJointMeeting(actor, jurisdictionId)) throw forbidden('会议由联席会议办公室（指挥长）召集 (only the joint meeting office convenes)');
    const now = services.clock();
    const timeProblems = meetingTimeProblems({ startsAt: new Date(input.startsAt), replyDueAt: new Date(input.replyDueAt) }, now);
    if (timeProblems.length) throw invalid('会议时间有误', timeProblems);
    const book = await services.rulebooks.current(jurisdictionId);
    if (!book) throw notFound('辖区');
    const units = await services.db
      .select({ id: memberUnits.id, kind: memberUnits.kind })
      .from(memberUnits)
      .where(and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt)))
      .orderBy(asc(memberUnits.position));
    const known = new Set(units.map((u) => u.id));
    const bad = (input.invite.unitIds ?? []).map((u, i) => ({ u, i })).filter(({ u }) => !known.has(u));
    if (bad.length) throw invalid('参会单位有误', bad.map(({ i }) => ({ field: `invite.unitIds.${i}`, message: '不是本辖区成员单位 (not a member unit)' })));
    // The commission convenes: it is the office, not a unit asked to reply.
    const invited = units
      .filter((u) => u.id !== book.commissionUnitId)
      .filter((u) => input.invite.all || input.invite.kinds?.includes(u.kind) || input.invite.unitIds?.includes(u.id))
      .map((u) => u.id);
    if (invited.length === 0) throw invalid('没有可邀请的单位', [{ field: 'invite.unitIds', message: '请至少邀请一个成员单位（卫健委为召集单位）' }]);

    return async (tx: Database) => {
      const id = newId('mtg', now.getTime());
      const [meeting] = await tx
        .insert(meetings)
        .values({
          id,
          jurisdictionId,
          kind: input.kind,
          topic: input.topic,
          startsAt: new Date(input.startsAt),
          place: input.place,
          agenda: input.agenda,
          replyDueAt: new Date(input.replyDueAt),
          convenedBy: actor.id,
          convenedAt: now,
        })
        .returning();
      const asked = await askUnits(
        tx,
        now,
        actor.id,
        invited.map((unitId) => ({
          jurisdictionId,
          kind: 'meeting_reply' as const,
          meetingId: id,
          subjectId: id,
          link: meetingLink(id),
          unitId,
          role: 'invited' as const,
          title: `${KIND_NAME[input.kind]}「${input.topic}」参会回执`,
          dueAt: new Date(input.replyDueAt),
        })),
      );
      await appendEvents(tx, now, [
        { type: 'meeting.convened', jurisdictionId, incidentId: null, audienceUnits: invited, actorId: actor.id, data: { meeting: meetingPublicView(meeting!), by: actor.displayName } },
        ...asked.events,
      ]);
      const names = await unitNames(tx, invited);
      return { meeting: meetingView(meeting!, []), requests: asked.rows.map((r) => requestWithUnit({ r, unitName: names.get(r.unitId) ?? r.unitId })) };
    };
  });
}

/** The office: every meeting of its jurisdiction; a unit: the meetings it was asked about or sent minutes of. */
export async function listMeetings(services: Services, actor: Actor) {
  if (actor.scopes) throw forbidden('联席会议不对服务账号开放 (not for service accounts)');
  const db = services.db;
  let rows;
  if (isCommission(actor)) {
    rows = await db
      .select()
      .from(meetings)
      .where(actor.role === 'admin' ? undefined : eq(meetings.jurisdictionId, actor.jurisdictionId ?? ''))
      .orderBy(desc(meetings.startsAt))
      .limit(200);
  } else if (actor.unitId) {
    const asked = await db.selectDistinct({ id: standingRequests.meetingId }).from(standingRequests).where(eq(standingRequests.unitId, actor.unitId));
    const ids = asked.map((a) => a.id).filter((x): x is string => !!x);
    const [unit] = await db.select({ jurisdictionId: memberUnits.jurisdictionId }).from(memberUnits).where(eq(memberUnits.id, actor.unitId));
    const all = await db.select().from(meetings).where(eq(meetings.jurisdictionId, unit?.jurisdictionId ?? '')).orderBy(desc(meetings.startsAt)).limit(200);
    rows = [];
    for (const m of all) if (ids.includes(m.id) || (await minutesOf(db, m.id)).some((x) => x.state === 'issued')) rows.push(m);
  } else rows = [];
  const out = [];
  for (const m of rows) out.push(meetingView(m, await minutesOf(db, m.id)));
  return { meetings: out };
}

export async function getMeeting(services: Services, actor: Actor, meetingId: string) {
  const meeting = await loadVisibleMeeting(services.db, actor, meetingId);
  const minutes = await minutesOf(services.db, meetingId);
  const all = await requestsOf(services.db, meetingId);
  const unitOnly = !isCommission(actor);
  const requests = unitOnly ? all.filter((x) => x.r.unitId === actor.unitId) : all;
  // A unit reads the minutes sent to it: the versions it was asked to consent to, and the issued one.
  const askedVersions = new Set(requests.filter((x) => x.r.kind === 'minutes_consent').map((x) => x.r.subjectId));
  const visibleMinutes = unitOnly ? minutes.filter((m) => m.state === 'issued' || askedVersions.has(m.id)) : minutes;
  const items = await itemsOf(services.db, meetingId);
  const rows = requests.map((x) => x.r);
  return {
    meeting: meetingView(meeting, minutes),
    requests: await requestsWithUndelivered(services.db, requests),
    minutes: visibleMinutes.map(minutesView),
    files: await meetingFiles(services.db, actor, meetingId),
    items: (unitOnly ? items.filter((i) => i.leadUnitId === actor.unitId || i.supportUnitIds.includes(actor.unitId ?? '') || minutes.some((m) => m.state === 'issued')) : items).map((i) => itemView(i, rows)),
  };
}

export interface MeetingReplyInput {
  attendance: 'member' | 'deputy';
  attendeeName: string;
  attendeeTitle?: string;
  reason?: string;
}

/** 参会回执: the unit says who comes. A deputy needs the reason (信阳: 「因故不能出席，需会前…提出，委托其他负责同志出席」). */
export async function replyToMeeting(services: Services, actor: Actor, meetingId: string, input: MeetingReplyInput) {
  await loadVisibleMeeting(services.db, actor, meetingId);
  if (!actor.unitId) throw forbidden('由受邀单位的联络员回复 (a unit answers)');
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(standingRequests)
      .where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.kind, 'meeting_reply'), eq(standingRequests.unitId, actor.unitId!)))
      .for('update');
    if (!request) throw forbidden('本单位未受邀参加此会议 (not invited)');
    if (!mayAnswerStandingRequest(actor, request)) throw forbidden('只能为本单位回复 (own unit only)');
    // A cancel or a draft locks the meeting row: read under it, the reason given is the one that holds.
    const [meeting] = await tx.select({ cancelledAt: meetings.cancelledAt }).from(meetings).where(eq(meetings.id, meetingId)).for('share');
    // The minutes are drafted from who attended: from then on the replies stand as they are.
    const closed = replyClosedReason({ cancelled: !!meeting?.cancelledAt, held: (await minutesOf(tx, meetingId)).length > 0 });
    if (closed) throw conflict(closed);
    const answer = { attendance: input.attendance, attendeeName: input.attendeeName, attendeeTitle: input.attendeeTitle ?? null, reason: input.attendance === 'deputy' ? input.reason ?? null : null };
    const { row, events } = await answerRequest(tx, now, actor, request, 'reply', answer);
    await appendEvents(tx, now, events);
    const names = await unitNames(tx, [row.unitId]);
    return { request: requestWithUnit({ r: row, unitName: names.get(row.unitId) ?? row.unitId }) };
  });
}


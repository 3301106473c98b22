/**
 * 议定事项 (信阳 四(二)): each unit of an agreed item reports progress and completion (「负责单位要
 * 牵头抓好落实，配合单位要认真履行职责，并及时将落实情况反馈」); its deadline is chased on the ladder
 * until the unit reports its part done. The meeting's account lists every item's units against
 * the date. What waits for a unit (replies, consents, items) is listed by deadline for `/m`.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { meetings, standingRequests } from '../../db/schema.js';
import { itemTimeliness } from '../../domain/standing/meetings.js';
import { mayAnswerStandingRequest } from '../../domain/policy/index.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { ownReportFiles } from './materials.js';
import { appendEvents } from '../events/append.js';
import { itemsOf, loadVisibleMeeting, minutesOf, requestsOf, unitNames } from './load.js';
import { answerRequest } from './requests.js';
import { createOnce } from '../idempotency.js';
import type { Database } from '../../db/client.js';
import { meetingView, requestWithUnit } from './views.js';

/** 进展 / 完成 of an agreed item by one of its units; once per `Idempotency-Key`, so a retry is not a second report. */
export async function reportOnItem(services: Services, actor: Actor, meetingId: string, itemId: string, input: { note: string; done: boolean; attachmentIds?: string[] }, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /meetings/{id}/items/{itemId}/report', meetingId, itemId, input }, async () => {
    await loadVisibleMeeting(services.db, actor, meetingId);
    if (!actor.unitId) throw forbidden('由牵头或配合单位反馈落实情况 (the item’s units report)');
    const { files, missing } = await ownReportFiles(services.db, actor, meetingId, input.attachmentIds ?? []);
    if (missing.length) throw invalid('附件有误', missing.map(({ i }) => ({ field: `attachmentIds.${i}`, message: '不是本单位为此会议上传的附件 (not a file your unit uploaded to this meeting)' })));
    const now = services.clock();
    return async (tx: Database) => {
      const [request] = await tx
        .select()
        .from(standingRequests)
        .where(and(eq(standingRequests.meetingId, meetingId), eq(standingRequests.kind, 'agreed_item'), eq(standingRequests.subjectId, itemId), eq(standingRequests.unitId, actor.unitId!)))
        .for('update');
      if (!request) {
        const items = await itemsOf(tx, meetingId);
        if (!items.some((i) => i.id === itemId)) throw notFound('议定事项');
        throw forbidden('本单位不是该议定事项的牵头或配合单位 (not the item’s unit)');
      }
      if (!mayAnswerStandingRequest(actor, request)) throw forbidden('只能为本单位反馈 (own unit only)');
      const { row, events } = await answerRequest(tx, now, actor, request, input.done ? 'complete' : 'progress', {
        note: input.note,
        done: input.done,
        attachments: files.map((f) => ({ id: f.id, fileName: f.fileName, url: f.url })),
      });
      await appendEvents(tx, now, events);
      const names = await unitNames(tx, [row.unitId]);
      return { request: requestWithUnit({ r: row, unitName: names.get(row.unitId) ?? row.unitId }) };
    };
  }, 200);
}

/** The meeting's account (考核): every agreed item, per unit, against its date. */
export async function meetingAccount(services: Services, actor: Actor, meetingId: string) {
  const meeting = await loadVisibleMeeting(services.db, actor, meetingId);
  if (!isCommission(actor)) throw forbidden('会议台账由联席会议办公室查看 (the office’s account)');
  const now = services.clock();
  const items = await itemsOf(services.db, meetingId);
  const requests = (await requestsOf(services.db, meetingId)).filter((x) => x.r.kind === 'agreed_item');
  const rows = items.flatMap((item) =>
    requests
      .filter((x) => x.r.subjectId === item.id && x.r.state !== 'withdrawn')
      .map(({ r, unitName }) => {
        const doneAt = r.state === 'done' ? r.answeredAt : null;
        return {
          itemId: item.id,
          number: item.number,
          title: item.title,
          unitId: r.unitId,
          unitName,
          role: r.role,
          dueAt: r.dueAt.toISOString(),
          doneAt: doneAt?.toISOString() ?? null,
          timeliness: itemTimeliness(r.dueAt, doneAt, now),
          lastReport: (r.answer as { note?: string } | null)?.note ?? null,
          escalationStep: r.escalationStep,
        };
      }),
  );
  return { meeting: meetingView(meeting, await minutesOf(services.db, meetingId)), rows };
}

/** 待办: what waits for the caller's unit — pending meeting replies, consents, agreed items — by deadline. */
export async function myStandingRequests(services: Services, actor: Actor) {
  if (actor.scopes) throw forbidden('联席会议不对服务账号开放 (not for service accounts)');
  if (!actor.unitId) return { requests: [] };
  const rows = await services.db
    .select({ r: standingRequests, topic: meetings.topic, startsAt: meetings.startsAt, place: meetings.place })
    .from(standingRequests)
    .leftJoin(meetings, eq(meetings.id, standingRequests.meetingId))
    .where(and(eq(standingRequests.unitId, actor.unitId), inArray(standingRequests.state, ['pending'])))
    .orderBy(asc(standingRequests.dueAt))
    .limit(200);
  const names = await unitNames(services.db, [actor.unitId]);
  return {
    requests: rows.map(({ r, topic, startsAt, place }) => ({
      ...requestWithUnit({ r, unitName: names.get(r.unitId) ?? r.unitId }),
      meetingTopic: topic,
      meetingStartsAt: startsAt?.toISOString() ?? null,
      meetingPlace: place,
    })),
  };
}

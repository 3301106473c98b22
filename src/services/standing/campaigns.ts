/**
 * 联合执法 / 专项整治 (信阳 三(三)): the office opens a campaign with its scope, period and a task per
 * participating unit; each task is a `campaign_task` standing request, so an overdue one is chased
 * on the ladder up to a 督办; the unit reports progress and completion; the campaign's account
 * reads every task against its date.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { campaigns, memberUnits, standingRequests } from '../../db/schema.js';
import type { CampaignCreate } from '../../contract/campaigns.js';
import { mayAnswerStandingRequest, mayOpenCampaign, mayRunCampaign, mayViewStandingWork } from '../../domain/policy/index.js';
import { CAMPAIGN_CANCELLED, campaignTally, checkCampaign, taskTimeliness } from '../../domain/standing/campaigns.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { jurisdictionOffset } from '../rota/load.js';
import { appendEvents } from '../events/append.js';
import type { Database } from '../../db/client.js';
import { createOnce } from '../idempotency.js';
import { newId } from '../ids.js';
import { unitNames } from './load.js';
import { answerRequest, askUnits } from './requests.js';
import { ownCampaignFiles } from './campaign-files.js';
import { requestWithUnit } from './views.js';
import { requestsWithUndelivered } from './undelivered.js';

type Row = typeof campaigns.$inferSelect;
export const campaignLink = (id: string) => `/meetings?campaign=${encodeURIComponent(id)}`;
export const CAMPAIGN_KIND_WORD = { joint_enforcement: '联合执法', special_rectification: '专项整治' } as const;

export function campaignView(c: Row) {
  return {
    id: c.id,
    jurisdictionId: c.jurisdictionId,
    kind: c.kind,
    title: c.title,
    scope: c.scope,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    leadUnitId: c.leadUnitId,
    unitIds: c.unitIds,
    tasks: c.tasks,
    createdAt: c.createdAt.toISOString(),
    cancelledAt: c.cancelledAt?.toISOString() ?? null,
    cancelReason: c.cancelReason,
  };
}

export async function loadVisibleCampaign(services: Services, actor: Actor, id: string): Promise<Row> {
  const [c] = await services.db.select().from(campaigns).where(eq(campaigns.id, id));
  if (!c || !mayViewStandingWork(actor, c.jurisdictionId, !!actor.unitId && c.unitIds.includes(actor.unitId))) throw notFound('联合行动');
  return c;
}

/** 发起: the office (联席会议办公室) opens it, naming a 牵头单位 or not; or a member unit opens one it leads. */
export async function openCampaign(services: Services, actor: Actor, input: CampaignCreate, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, input, async () => {
    const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
    if (!jurisdictionId) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '系统管理员须指定辖区 (required for an administrator)' }]);
    // A member unit opens only a campaign it leads itself (信阳 三(三) 「或发起单位牵头」).
    if (!mayOpenCampaign(actor, jurisdictionId, input.leadUnitId))
      throw forbidden('由联席会议办公室发起，或由成员单位发起并以本单位为牵头单位 (the office, or a unit leading it)');
    const now = services.clock();
    const units = await services.db.select({ id: memberUnits.id }).from(memberUnits).where(and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt)));
    const problems = checkCampaign(input, new Set(units.map((u) => u.id)), now, await jurisdictionOffset(services.db, jurisdictionId));
    if (problems.length) throw invalid('联合行动内容有误', problems);
    // Due dates are kept as ISO instants, so the account and the requests read the same time.
    const tasks = input.tasks.map((t) => ({ unitId: t.unitId, task: t.task, dueAt: new Date(t.dueAt).toISOString() }));
    return async (tx: Database) => {
      const [c] = await tx
        .insert(campaigns)
        .values({
          id: newId('cmp', now.getTime()),
          jurisdictionId,
          kind: input.kind,
          title: input.title,
          scope: input.scope,
          startsOn: input.startsOn,
          endsOn: input.endsOn,
          leadUnitId: input.leadUnitId ?? null,
          unitIds: tasks.map((t) => t.unitId),
          tasks,
          createdBy: actor.id,
          createdAt: now,
        })
        .returning();
      const asked = await askUnits(
        tx,
        now,
        actor.id,
        tasks.map((t) => ({
          jurisdictionId,
          kind: 'campaign_task' as const,
          meetingId: null,
          subjectId: c!.id,
          link: campaignLink(c!.id),
          unitId: t.unitId,
          role: t.unitId === input.leadUnitId ? ('lead' as const) : ('support' as const),
          title: `${CAMPAIGN_KIND_WORD[input.kind]}「${input.title}」：${t.task}`.slice(0, 500),
          dueAt: new Date(t.dueAt),
        })),
      );
      const view = campaignView(c!);
      await appendEvents(tx, now, [{ type: 'campaign.opened', jurisdictionId, incidentId: null, audienceUnits: view.unitIds, actorId: actor.id, data: { campaign: view } }, ...asked.events]);
      return { campaign: view };
    };
  });
}

export async function listCampaigns(services: Services, actor: Actor) {
  if (actor.scopes) throw forbidden('联席会议不对服务账号开放 (not for service accounts)');
  const rows = isCommission(actor)
    ? await services.db.select().from(campaigns).where(actor.role === 'admin' ? undefined : eq(campaigns.jurisdictionId, actor.jurisdictionId ?? '')).orderBy(desc(campaigns.createdAt)).limit(200)
    : (await services.db.select().from(campaigns).orderBy(desc(campaigns.createdAt)).limit(500)).filter((c) => !!actor.unitId && c.unitIds.includes(actor.unitId));
  return { campaigns: rows.map(campaignView) };
}

/** The campaign, each unit's request (a unit: its own; the leading unit: all) and the account: each task against its date. */
export async function getCampaign(services: Services, actor: Actor, id: string) {
  const c = await loadVisibleCampaign(services, actor, id);
  const now = services.clock();
  const rows = await services.db
    .select({ r: standingRequests, unitName: memberUnits.name })
    .from(standingRequests)
    .innerJoin(memberUnits, eq(memberUnits.id, standingRequests.unitId))
    .where(and(eq(standingRequests.kind, 'campaign_task'), eq(standingRequests.subjectId, id), mayRunCampaign(actor, c) ? undefined : eq(standingRequests.unitId, actor.unitId ?? '')));
  const requests = await requestsWithUndelivered(services.db, rows);
  const account = c.tasks.flatMap((t) => {
    const found = rows.find((x) => x.r.unitId === t.unitId);
    if (!found) return [];
    const { r, unitName } = found;
    const timeliness = taskTimeliness(r, now);
    if (!timeliness) return [];
    return [
      {
        unitId: t.unitId,
        unitName,
        task: t.task,
        dueAt: r.dueAt.toISOString(),
        state: r.state,
        doneAt: r.state === 'done' ? (r.answeredAt?.toISOString() ?? null) : null,
        timeliness,
        lastReport: (r.answer as { note?: string } | null)?.note ?? null,
        lastAttachments: (r.answer as { attachments?: { id: string; fileName: string; url: string }[] } | null)?.attachments ?? [],
        escalationStep: r.escalationStep,
        undelivered: requests.find((x) => x.id === r.id)?.undelivered ?? [],
      },
    ];
  });
  return { campaign: campaignView(c), requests, account, tally: campaignTally(rows.map((x) => x.r), now) };
}

/** 进展 / 完成: the participating unit reports on its own task; once per `Idempotency-Key`, so a retry is not a second report. */
export async function reportOnCampaign(services: Services, actor: Actor, id: string, input: { note: string; done: boolean; attachmentIds?: string[] }, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { route: 'POST /campaigns/{id}/report', id, input }, async () => {
    const campaign = await loadVisibleCampaign(services, actor, id);
    const { files, missing } = await ownCampaignFiles(services, actor, id, input.attachmentIds ?? []);
    if (missing.length) throw invalid('附件有误', missing.map(({ i }) => ({ field: `attachmentIds.${i}`, message: '不是本单位为此行动上传的附件 (not a file your unit uploaded to this campaign)' })));
    const now = services.clock();
    return async (tx: Database) => {
      const [request] = await tx
        .select()
        .from(standingRequests)
        .where(and(eq(standingRequests.kind, 'campaign_task'), eq(standingRequests.subjectId, id), eq(standingRequests.unitId, actor.unitId ?? '')))
        .for('update');
      if (!request || !mayAnswerStandingRequest(actor, request)) throw forbidden('由参与单位反馈本单位任务 (the participating unit reports)');
      // A cancelled campaign withdrew the open tasks: its end is the reason, not the task's state.
      const [current] = await tx.select({ cancelledAt: campaigns.cancelledAt }).from(campaigns).where(eq(campaigns.id, id)).for('share');
      if (current?.cancelledAt) throw conflict(CAMPAIGN_CANCELLED);
      const { row, events, repeated } = await answerRequest(tx, now, actor, request, input.done ? 'complete' : 'progress', {
        note: input.note,
        done: input.done,
        attachments: files.map((f) => ({ id: f.id, fileName: f.fileName, url: f.url })),
      });
      const names = await unitNames(tx, [row.unitId]);
      const unitName = names.get(row.unitId) ?? row.unitId;
      // The unit leading the campaign follows every unit's report, as the office does.
      const lead = campaign.leadUnitId && campaign.leadUnitId !== row.unitId ? [campaign.leadUnitId] : [];
      // The same completion sent again is already recorded, and reported.
      if (repeated) return { request: requestWithUnit({ r: row, unitName }) };
      await appendEvents(tx, now, [
        ...events,
        { type: 'campaign.reported', jurisdictionId: campaign.jurisdictionId, incidentId: null, audienceUnits: lead, actorId: actor.id, data: { campaignId: id, unitId: row.unitId, unitName, done: input.done, note: input.note } },
      ]);
      return { request: requestWithUnit({ r: row, unitName }) };
    };
  }, 200);
}

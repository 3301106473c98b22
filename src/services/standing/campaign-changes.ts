/**
 * 联合行动的调整与终止: the office or the leading unit moves the end date, rewords a unit's task
 * or gives it a new due date (that unit is told, and chased from the new date), or calls the
 * campaign off (every task still open is withdrawn and its unit told; finished tasks stay on the
 * record). Load → plan (src/domain/standing/campaigns.ts) → write, the change and its events together.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { campaigns, standingRequests } from '../../db/schema.js';
import type { CampaignChangeInput } from '../../contract/campaigns.js';
import { mayRunCampaign } from '../../domain/policy/index.js';
import { planCampaignCancel, planCampaignChange } from '../../domain/standing/campaigns.js';
import type { Actor, Services } from '../context.js';
import { conflict, forbidden, invalid } from '../errors.js';
import { appendEvents } from '../events/append.js';
import { queueStandingNotices } from '../delivery/queue-standing.js';
import { jurisdictionOffset } from '../rota/load.js';
import { stopAsking } from './requests.js';
import { CAMPAIGN_KIND_WORD, campaignView, loadVisibleCampaign } from './campaigns.js';

async function loadForLead(services: Services, actor: Actor, id: string) {
  const c = await loadVisibleCampaign(services, actor, id);
  if (!mayRunCampaign(actor, c)) throw forbidden('由联席会议办公室或牵头单位调整联合行动 (the office or the leading unit)');
  const requests = await services.db
    .select()
    .from(standingRequests)
    .where(and(eq(standingRequests.kind, 'campaign_task'), eq(standingRequests.subjectId, id)));
  return { c, requests };
}

export async function changeCampaign(services: Services, actor: Actor, id: string, input: CampaignChangeInput) {
  const { c, requests } = await loadForLead(services, actor, id);
  const now = services.clock();
  const plan = planCampaignChange(
    { cancelled: !!c.cancelledAt, startsOn: c.startsOn, endsOn: c.endsOn, tasks: c.tasks, states: new Map(requests.map((r) => [r.unitId, r.state])) },
    { endsOn: input.endsOn, tasks: input.tasks },
    now,
    await jurisdictionOffset(services.db, c.jurisdictionId),
  );
  if (!plan.ok) throw plan.kind === 'conflict' ? conflict(plan.message) : invalid('联合行动调整有误', plan.problems);
  return services.db.transaction(async (tx) => {
    // The plan was made from the campaign as loaded: it must still stand so under the row lock.
    const [locked] = await tx.select().from(campaigns).where(eq(campaigns.id, id)).for('update');
    if (!locked || locked.cancelledAt || locked.endsOn !== c.endsOn || JSON.stringify(locked.tasks) !== JSON.stringify(c.tasks))
      throw conflict('联合行动刚被他人调整或终止，请刷新后再看 (changed meanwhile)');
    const [row] = await tx.update(campaigns).set({ endsOn: plan.endsOn, tasks: plan.tasks }).where(eq(campaigns.id, id)).returning();
    if (!row) throw conflict('联合行动刚被他人调整或终止，请刷新后再看 (changed meanwhile)');
    const changed = requests.filter((r) => plan.changedUnitIds.includes(r.unitId));
    for (const r of changed) {
      const task = plan.tasks.find((t) => t.unitId === r.unitId)!;
      const dueAt = new Date(task.dueAt);
      // Still open (the plan checked it): the chase starts again from the new date.
      const [updated] = await tx
        .update(standingRequests)
        .set({ title: `${CAMPAIGN_KIND_WORD[c.kind]}「${c.title}」：${task.task}`.slice(0, 500), dueAt, nextEscalationAt: dueAt, escalationStep: 0, updatedAt: now })
        .where(and(eq(standingRequests.id, r.id), eq(standingRequests.state, 'pending')))
        .returning();
      if (!updated) throw conflict('该单位刚刚办结了任务，请刷新后再调整 (answered meanwhile)');
    }
    await queueStandingNotices(tx, changed, now, `任务已调整。原因：${input.reason}`);
    const view = campaignView(row);
    await appendEvents(tx, now, [
      {
        type: 'campaign.changed',
        jurisdictionId: row.jurisdictionId,
        incidentId: null,
        audienceUnits: row.unitIds,
        actorId: actor.id,
        data: { campaign: view, changedUnitIds: plan.changedUnitIds, reason: input.reason, by: actor.displayName },
      },
    ]);
    return { campaign: view };
  });
}

export async function cancelCampaign(services: Services, actor: Actor, id: string, input: { reason: string }) {
  const { c, requests } = await loadForLead(services, actor, id);
  const plan = planCampaignCancel({ cancelled: !!c.cancelledAt });
  if (!plan.ok) throw conflict(plan.message);
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({ cancelledAt: now, cancelledBy: actor.id, cancelReason: input.reason })
      .where(and(eq(campaigns.id, id), isNull(campaigns.cancelledAt)))
      .returning();
    if (!row) throw conflict('联合行动已终止 (the campaign is cancelled)');
    const open = requests.filter((r) => r.state === 'pending');
    const withdrawn = await stopAsking(tx, now, { ids: open.map((r) => r.id) }, 'withdraw', `联合行动已终止：${input.reason}`, ['pending']);
    // Told are the units whose task was still open; a unit that finished its part has nothing to stop.
    const withdrawnIds = new Set(withdrawn.map((e) => (e.data as { request: { id: string } }).request.id));
    await queueStandingNotices(tx, open.filter((r) => withdrawnIds.has(r.id)), now, `联合行动已终止。原因：${input.reason}`);
    const view = campaignView(row);
    await appendEvents(tx, now, [
      ...withdrawn,
      { type: 'campaign.cancelled', jurisdictionId: row.jurisdictionId, incidentId: null, audienceUnits: row.unitIds, actorId: actor.id, data: { campaign: view, reason: input.reason, by: actor.displayName } },
    ]);
    return { campaign: view };
  });
}

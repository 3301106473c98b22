/**
 * 征求意见 (信阳 四(四) 「重大问题和决策建议…征得有关成员单位同意。不能形成一致意见的，将有关意见和理由报
 * 市政府决定」): the office puts a proposal to the units concerned; each agrees or objects with the
 * reason (a standing request, chased on the ladder); once all have answered it is agreed or
 * disagreed; a disagreement is referred to the government and its decision recorded.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { memberUnits, proposals, standingRequests } from '../../db/schema.js';
import type { ProposalKind } from '../../domain/enums.js';
import { mayAnswerStandingRequest, mayRunJointMeeting, mayViewStandingWork } from '../../domain/policy/index.js';
import { proposalSettlement } from '../../domain/standing/meetings.js';
import { repeatsStandingAnswer } from '../../domain/standing/requests.js';
import { aheadTimeProblems } from '../../domain/time-bounds.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import type { Database } from '../../db/client.js';
import { createOnce } from '../idempotency.js';
import { newId } from '../ids.js';
import { unitNames } from './load.js';
import { answerRequest, askUnits, type StandingRequestRow } from './requests.js';
import { requestWithUnit } from './views.js';
import { requestsWithUndelivered } from './undelivered.js';

type Row = typeof proposals.$inferSelect;
const link = (id: string) => `/meetings?proposal=${encodeURIComponent(id)}`;

export function proposalView(p: Row) {
  return {
    id: p.id,
    jurisdictionId: p.jurisdictionId,
    kind: p.kind,
    title: p.title,
    text: p.text,
    unitIds: p.unitIds,
    dueAt: p.dueAt.toISOString(),
    state: p.state,
    createdAt: p.createdAt.toISOString(),
    referredAt: p.referredAt?.toISOString() ?? null,
    referralNote: p.referralNote,
    outcome: p.outcome,
    decidedAt: p.decidedAt?.toISOString() ?? null,
  };
}

const event = (type: 'proposal.made' | 'proposal.settled' | 'proposal.referred' | 'proposal.decided', p: Row, actorId: string | null): NewEvent => ({ type, jurisdictionId: p.jurisdictionId, incidentId: null, audienceUnits: p.unitIds, actorId, data: { proposal: proposalView(p) } });

async function loadVisible(services: Services, actor: Actor, id: string): Promise<Row> {
  const [p] = await services.db.select().from(proposals).where(eq(proposals.id, id));
  if (!p || !mayViewStandingWork(actor, p.jurisdictionId, !!actor.unitId && p.unitIds.includes(actor.unitId))) throw notFound('征求意见事项');
  return p;
}

export async function makeProposal(services: Services, actor: Actor, input: { jurisdictionId?: string; kind: ProposalKind; title: string; text: string; unitIds: string[]; dueAt: string }, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, input, async () => {
    const jurisdictionId = input.jurisdictionId ?? actor.jurisdictionId;
    if (!jurisdictionId) throw invalid('请指定辖区', [{ field: 'jurisdictionId', message: '系统管理员须指定辖区 (required for an administrator)' }]);
    if (!mayRunJointMeeting(actor, jurisdictionId)) throw forbidden('由联席会议办公室征求意见 (only the joint meeting office)');
    const now = services.clock();
    const dueProblems = aheadTimeProblems(new Date(input.dueAt), now, 'dueAt', '答复时限');
    if (dueProblems.length) throw invalid('答复时限有误', dueProblems);
    const units = await services.db.select({ id: memberUnits.id }).from(memberUnits).where(and(eq(memberUnits.jurisdictionId, jurisdictionId), isNull(memberUnits.retiredAt)));
    const known = new Set(units.map((u) => u.id));
    const bad = input.unitIds.map((u, i) => ({ u, i })).filter(({ u }) => !known.has(u));
    if (bad.length) throw invalid('征求意见单位有误', bad.map(({ i }) => ({ field: `unitIds.${i}`, message: '不是本辖区成员单位 (not a member unit)' })));
    const { unitIds } = input;
    return async (tx: Database) => {
      const [p] = await tx
        .insert(proposals)
        .values({ id: newId('prp', now.getTime()), jurisdictionId, kind: input.kind, title: input.title, text: input.text, unitIds, dueAt: new Date(input.dueAt), createdBy: actor.id, createdAt: now })
        .returning();
      const asked = await askUnits(
        tx,
        now,
        actor.id,
        unitIds.map((unitId) => ({ jurisdictionId, kind: 'proposal_consent' as const, meetingId: null, subjectId: p!.id, link: link(p!.id), unitId, role: 'concerned' as const, title: `征求意见：${input.title}`, dueAt: new Date(input.dueAt) })),
      );
      await appendEvents(tx, now, [event('proposal.made', p!, actor.id), ...asked.events]);
      return { proposal: proposalView(p!) };
    };
  });
}

export async function listProposals(services: Services, actor: Actor) {
  if (actor.scopes) throw forbidden('联席会议不对服务账号开放 (not for service accounts)');
  const rows = isCommission(actor)
    ? await services.db.select().from(proposals).where(actor.role === 'admin' ? undefined : eq(proposals.jurisdictionId, actor.jurisdictionId ?? '')).orderBy(desc(proposals.createdAt)).limit(200)
    : (await services.db.select().from(proposals).orderBy(desc(proposals.createdAt)).limit(500)).filter((p) => !!actor.unitId && p.unitIds.includes(actor.unitId));
  return { proposals: rows.map(proposalView) };
}

export async function getProposal(services: Services, actor: Actor, id: string) {
  const p = await loadVisible(services, actor, id);
  const rows = await services.db
    .select({ r: standingRequests, unitName: memberUnits.name })
    .from(standingRequests)
    .innerJoin(memberUnits, eq(memberUnits.id, standingRequests.unitId))
    .where(and(eq(standingRequests.kind, 'proposal_consent'), eq(standingRequests.subjectId, id), isCommission(actor) ? undefined : eq(standingRequests.unitId, actor.unitId ?? '')));
  return { proposal: proposalView(p), requests: await requestsWithUndelivered(services.db, rows) };
}

/** 同意 / 不同意（说明理由）; the last answer settles the proposal as agreed or disagreed. */
export async function answerProposal(services: Services, actor: Actor, id: string, input: { decision: 'agree' | 'object'; reason?: string }) {
  await loadVisible(services, actor, id);
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    // Who may answer first (a refusal is the same in every state), then whether it is still open.
    const [request] = await tx.select().from(standingRequests).where(and(eq(standingRequests.kind, 'proposal_consent'), eq(standingRequests.subjectId, id), eq(standingRequests.unitId, actor.unitId ?? '')));
    if (!request || !mayAnswerStandingRequest(actor, request)) throw forbidden('本单位未被征求意见 (not asked)');
    const [p] = await tx.select().from(proposals).where(eq(proposals.id, id)).for('update');
    const answer = { decision: input.decision, reason: input.reason ?? null };
    if (p!.state !== 'consulting') {
      // The answer that settled it, sent again (its first answer was lost on the way back), is that answer.
      if (repeatsStandingAnswer(request, input.decision, answer)) return answered(tx, request, p!);
      throw conflict('该事项已不再征求意见 (no longer open for answers)');
    }
    const { row, events } = await answerRequest(tx, now, actor, request, input.decision, answer);
    const all = await tx.select({ unitId: standingRequests.unitId, state: standingRequests.state }).from(standingRequests).where(and(eq(standingRequests.kind, 'proposal_consent'), eq(standingRequests.subjectId, id)));
    const settled = proposalSettlement(all);
    let current = p!;
    if (settled) {
      [current] = (await tx.update(proposals).set({ state: settled }).where(eq(proposals.id, id)).returning()) as [Row];
      events.push(event('proposal.settled', current, null));
    }
    await appendEvents(tx, now, events);
    return answered(tx, row, current);
  });
}

async function answered(tx: Database, request: StandingRequestRow, proposal: Row) {
  const names = await unitNames(tx, [request.unitId]);
  return { request: requestWithUnit({ r: request, unitName: names.get(request.unitId) ?? request.unitId }), proposal: proposalView(proposal) };
}

/** 提请市政府决定 (only a disagreed proposal), then the government's decision. */
export async function referProposal(services: Services, actor: Actor, id: string, step: { refer: string } | { outcome: string }) {
  const p = await loadVisible(services, actor, id);
  if (!mayRunJointMeeting(actor, p.jurisdictionId)) throw forbidden('由联席会议办公室报请市政府决定 (only the office)');
  const now = services.clock();
  const from = 'refer' in step ? 'disagreed' : 'referred';
  const set = 'refer' in step ? { state: 'referred' as const, referredAt: now, referredBy: actor.id, referralNote: step.refer } : { state: 'decided' as const, outcome: step.outcome, decidedAt: now, decidedBy: actor.id };
  return services.db.transaction(async (tx) => {
    const [changed] = await tx.update(proposals).set(set).where(and(eq(proposals.id, id), eq(proposals.state, from))).returning();
    if (!changed) throw conflict('refer' in step ? '只有未能形成一致意见的事项才报请市政府决定 (only a disagreed proposal)' : '该事项尚未报请市政府决定 (not referred)');
    await appendEvents(tx, now, [event('refer' in step ? 'proposal.referred' : 'proposal.decided', changed, actor.id)]);
    return { proposal: proposalView(changed) };
  });
}


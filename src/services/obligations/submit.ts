/**
 * 上报: records that an upward-reporting obligation was met — how (phone, fax, document number,
 * through the system), the reference, when, and by whom. When the recipient is a jurisdiction of
 * this deployment, the report arrives there as an incoming incident (see forward.ts), whatever the
 * method: the authority above then has it on its own board.
 */
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { obligations } from '../../db/schema.js';
import type { ObligationMethod } from '../../domain/enums.js';
import { isCommission, type Actor, type Services } from '../context.js';
import { submissionTimeProblems } from '../../domain/time-bounds.js';
import { conflict, forbidden, invalid, notFound, type FieldProblem } from '../errors.js';
import { appendEvents, type NewEvent } from '../events/append.js';
import { loadVisibleIncident } from '../incidents/load.js';
import type { Database } from '../../db/client.js';
import { createOnce } from '../idempotency.js';
import { forwardIncident } from './forward.js';
import { obligationView } from './views.js';

export interface SubmitObligationInput {
  method: ObligationMethod;
  /** Document number (文号), fax number, the person who took the call, … */
  reference?: string;
  /** When it was reported, if earlier than now (e.g. a phone call made before it was recorded). */
  submittedAt?: string;
  note?: string;
  /** The other open obligations to the same recipient this report also meets; absent = all of them. */
  covers?: string[];
}

/**
 * Once per `Idempotency-Key`: a record retried after its answer was lost finds the first one (and,
 * for a report forwarded to the authority above, never forwards it twice).
 */
export async function submitObligation(services: Services, actor: Actor, incidentId: string, obligationId: string, input: SubmitObligationInput, idempotencyKey?: string) {
  return createOnce(services.db, actor.id, idempotencyKey, { incidentId, obligationId, input }, () => prepareSubmission(services, actor, incidentId, obligationId, input), 200);
}

async function prepareSubmission(services: Services, actor: Actor, incidentId: string, obligationId: string, input: SubmitObligationInput) {
  const incident = await loadVisibleIncident(services.db, actor, incidentId);
  if (!isCommission(actor)) throw forbidden('上报由卫健委办理 (upward reporting is the commission’s)');
  const now = services.clock();
  const at = input.submittedAt ? new Date(input.submittedAt) : now;
  const problems: FieldProblem[] = submissionTimeProblems(at, now, incident.receivedAt);
  if (input.method === 'document' && !input.reference) problems.push({ field: 'reference', message: '书面报告须填写文号 (a document needs its number)' });
  if (problems.length) throw invalid('上报记录有误 (invalid submission)', problems);

  return async (tx: Database) => {
    const [o] = await tx
      .select()
      .from(obligations)
      .where(and(eq(obligations.id, obligationId), eq(obligations.incidentId, incidentId)))
      .for('update');
    if (!o) throw notFound('上报义务');
    if (o.submittedAt) throw conflict('该义务已上报 (already submitted)', { obligation: obligationView(o, now) });
    // One report to a body meets every obligation to that body it covers (the user picks; default all).
    const sameRecipient = await tx
      .select()
      .from(obligations)
      .where(and(eq(obligations.incidentId, incidentId), eq(obligations.recipientName, o.recipientName), isNull(obligations.submittedAt), ne(obligations.id, o.id)))
      .for('update');
    const unknown = (input.covers ?? []).filter((id) => !sameRecipient.some((x) => x.id === id));
    if (unknown.length)
      throw invalid('上报记录有误', [{ field: 'covers', message: `只能一并报送同一报告对象（${o.recipientName}）尚未上报的义务` }]);
    const covered = input.covers ? sameRecipient.filter((x) => input.covers!.includes(x.id)) : sameRecipient;
    const events: NewEvent[] = [];
    let upstreamIncidentId: string | null = null;
    if (o.recipientJurisdictionId) {
      const forwarded = await forwardIncident(tx, services, { source: incident, toJurisdictionId: o.recipientJurisdictionId, obligationId, receivedAt: at, actor, now });
      upstreamIncidentId = forwarded.upstreamIncidentId;
      events.push(...forwarded.events);
    }
    const updated = await tx
      .update(obligations)
      .set({
        submittedAt: at,
        submittedBy: actor.id,
        submittedVia: input.method,
        submissionReference: input.reference ?? null,
        submissionNote: input.note ?? null,
        recordedAt: now,
        upstreamIncidentId,
        nextChaseAt: null,
      })
      .where(inArray(obligations.id, [o.id, ...covered.map((x) => x.id)]))
      .returning();
    const views = updated.map((u) => obligationView(u, now, actor.displayName));
    events.unshift(...views.map((view) => ({ type: 'obligation.submitted' as const, jurisdictionId: incident.jurisdictionId, incidentId, actorId: actor.id, data: { obligation: view } })));
    await appendEvents(tx, now, events);
    return { obligation: views.find((v) => v.id === o.id)!, covered: views.filter((v) => v.id !== o.id) };
  };
}

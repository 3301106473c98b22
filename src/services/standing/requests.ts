/**
 * The core of the joint meeting's standing work: ask member units for an answer by a deadline
 * (the engine chases it on the ladder, `engine/timers/standing-due.ts`), take a unit's answer,
 * withdraw or supersede what is no longer asked. Each function works inside the caller's
 * transaction and returns the events to append with the change, so a use case commits both.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { standingRequests } from '../../db/schema.js';
import type { StandingRequestKind, StandingRequestState, StandingRole } from '../../domain/enums.js';
import { planStandingAction, repeatsStandingAnswer, type StandingAction } from '../../domain/standing/requests.js';
import { conflict } from '../errors.js';
import type { NewEvent } from '../events/append.js';
import { newId } from '../ids.js';
import { queueStandingNotices } from '../delivery/queue-standing.js';

export type StandingRequestRow = typeof standingRequests.$inferSelect;

export interface NewStandingRequest {
  jurisdictionId: string;
  kind: StandingRequestKind;
  /** Null for standing work outside a meeting (a bulletin, an annual submission). */
  meetingId: string | null;
  subjectId: string;
  /** The desk page the office follows it on; a 督办 alert links there. */
  link: string;
  unitId: string;
  role: StandingRole;
  title: string;
  dueAt: Date;
}

export function standingRequestView(r: StandingRequestRow) {
  return {
    id: r.id,
    unitId: r.unitId,
    kind: r.kind,
    meetingId: r.meetingId,
    subjectId: r.subjectId,
    link: r.link,
    role: r.role,
    title: r.title,
    state: r.state,
    dueAt: r.dueAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
    answeredBy: r.answeredBy,
    answer: r.answer ?? null,
    escalationStep: r.escalationStep,
  };
}
export type StandingRequestView = ReturnType<typeof standingRequestView>;

/** The unit's public part of a request in an event (the catalogue's `standingRequestView`). */
const eventView = (r: StandingRequestRow) => {
  const { answeredAt: _a, answeredBy: _b, answer: _c, escalationStep: _d, ...rest } = standingRequestView(r);
  return rest;
};

/** Asks each unit, over the app and its channels; the ladder starts at the deadline. */
export async function askUnits(tx: Database, now: Date, actorId: string | null, asks: NewStandingRequest[]): Promise<{ rows: StandingRequestRow[]; events: NewEvent[] }> {
  if (asks.length === 0) return { rows: [], events: [] };
  const rows = await tx
    .insert(standingRequests)
    .values(asks.map((a) => ({ ...a, id: newId('srq', now.getTime()), state: 'pending' as const, createdAt: now, updatedAt: now, nextEscalationAt: a.dueAt })))
    .returning();
  await queueStandingNotices(tx, rows, now);
  const events: NewEvent[] = rows.map((r) => ({
    type: 'standing.requested',
    jurisdictionId: r.jurisdictionId,
    incidentId: null,
    audienceUnits: [r.unitId],
    actorId,
    data: { request: eventView(r), by: actorId },
  }));
  return { rows, events };
}

/**
 * The unit's answer. Race-safe: the row changes only if it is still in the state the plan was
 * made from, so two liaisons answering at once give one answer and one 409.
 */
export async function answerRequest(
  tx: Database,
  now: Date,
  actor: { id: string; displayName: string },
  request: StandingRequestRow,
  action: StandingAction,
  answer: Record<string, unknown>,
): Promise<{ row: StandingRequestRow; events: NewEvent[]; repeated: boolean }> {
  if (repeatsStandingAnswer(request, action, answer)) return { row: request, events: [], repeated: true };
  const plan = planStandingAction(request, action);
  if (!plan.ok) throw conflict(plan.message);
  const [row] = await tx
    .update(standingRequests)
    .set({
      state: plan.state,
      answer,
      answeredAt: now,
      answeredBy: actor.id,
      updatedAt: now,
      ...(plan.stopsChase ? { nextEscalationAt: null } : {}),
    })
    .where(and(eq(standingRequests.id, request.id), eq(standingRequests.state, request.state)))
    .returning();
  if (!row) throw conflict('该事项刚被他人办理，请刷新后再看 (answered meanwhile)');
  return {
    row,
    repeated: false,
    events: [
      {
        type: 'standing.answered',
        jurisdictionId: row.jurisdictionId,
        incidentId: null,
        audienceUnits: [row.unitId],
        actorId: actor.id,
        data: { request: eventView(row), action, answer, by: actor.displayName },
      },
    ],
  };
}

/** Stops asking (a meeting's replies once minutes exist, a minutes version once revised): the ladder stops with it. */
export async function stopAsking(
  tx: Database,
  now: Date,
  where: { ids: string[] },
  action: 'withdraw' | 'supersede',
  reason: string,
  onlyStates: StandingRequestState[] = ['pending', 'answered', 'agreed', 'change_requested'],
): Promise<NewEvent[]> {
  if (where.ids.length === 0) return [];
  const state = action === 'withdraw' ? 'withdrawn' : 'superseded';
  const rows = await tx
    .update(standingRequests)
    .set({ state, nextEscalationAt: null, updatedAt: now })
    .where(and(inArray(standingRequests.id, where.ids), inArray(standingRequests.state, onlyStates)))
    .returning();
  return rows.map((r) => ({
    type: 'standing.withdrawn' as const,
    jurisdictionId: r.jurisdictionId,
    incidentId: null,
    audienceUnits: [r.unitId],
    data: { request: eventView(r), reason },
  }));
}

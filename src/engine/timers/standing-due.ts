/**
 * 联席会议常设工作的督办: a standing request (meeting reply, consent to minutes, agreed item) its
 * unit has not answered by the deadline climbs the same ladder as an unacknowledged notification.
 * The re-send and unit-head steps reach the unit's people in the app (the event goes to the unit's
 * room) and over their channels (push, SMS, the unit's group robots); the last step raises a 督办
 * alert for the office, naming the request and its meeting.
 */
import { and, asc, eq, lte } from 'drizzle-orm';
import { memberUnits, standingRequests } from '../../db/schema.js';
import type { EscalationStep } from '../../domain/escalation.js';
import type { DueTimer } from '../due-timer.js';
import { climbLadder } from '../ladder.js';
import { queueStandingReminder } from '../../services/delivery/queue-standing.js';

const STEP_TEXT: Record<EscalationStep, string> = {
  resend: '逾期未办理，已再次提醒全部联络员',
  unit_head: '逾期未办理，已提醒单位负责人',
  commander: '逾期未办理，已提请联席会议办公室督办',
};

/**
 * Standing work has no incident and so no severity. It takes the rulebook's gentlest timing (in
 * every bundled rulebook the `general` one, the longest minutes between steps): a late meeting
 * reply or agreed item is worth chasing, never as urgently as a late acknowledgement of a major
 * accident, and the jurisdiction still decides the minutes in its rulebook rather than this code.
 */
const STANDING_SEVERITY = 'gentlest' as const;

type Row = { r: typeof standingRequests.$inferSelect; unitName: string };

export const standingDueTimer: DueTimer<Row> = {
  name: 'standing-due',
  claimDue: (tx, now, limit) =>
    tx
      .select({ r: standingRequests, unitName: memberUnits.name })
      .from(standingRequests)
      .innerJoin(memberUnits, eq(memberUnits.id, standingRequests.unitId))
      .where(and(eq(standingRequests.state, 'pending'), lte(standingRequests.nextEscalationAt, now)))
      .orderBy(asc(standingRequests.nextEscalationAt))
      .limit(limit)
      .for('update', { of: standingRequests, skipLocked: true }),

  fire: (tx, { r, unitName }, ctx) =>
    climbLadder(
      tx,
      ctx,
      { incidentId: null, jurisdictionId: r.jurisdictionId, unitId: r.unitId, severity: STANDING_SEVERITY, dueAt: r.dueAt, stepTaken: r.escalationStep },
      {
        advance: async (step, nextAt) => {
          await tx.update(standingRequests).set({ escalationStep: step, nextEscalationAt: nextAt }).where(eq(standingRequests.id, r.id));
        },
        queue: (round, people, includeUnitRobots) => queueStandingReminder(tx, r, round, people, includeUnitRobots, ctx.now),
        event: (step, after) => ({
          type: 'standing.escalated',
          jurisdictionId: r.jurisdictionId,
          incidentId: null,
          audienceUnits: [r.unitId],
          data: {
            requestId: r.id,
            meetingId: r.meetingId,
            link: r.link,
            kind: r.kind,
            unitId: r.unitId,
            unitName,
            title: r.title,
            step: step.step,
            stepNumber: step.number,
            text: STEP_TEXT[step.step],
            dueAt: r.dueAt.toISOString(),
            nextStepAt: after?.dueAt.toISOString() ?? null,
          },
        }),
        alert: { kind: 'standing_overdue', standingRequestId: r.id, reason: (due) => `${unitName}「${r.title}」逾期未办理（时限 ${due}）` },
      },
    ),
};

/** The acknowledgement deadline of a notification nobody has acknowledged: it climbs the ladder. */
import { and, asc, eq, lte } from 'drizzle-orm';
import { incidents, memberUnits, notifications } from '../../db/schema.js';
import type { EscalationStep } from '../../domain/escalation.js';
import { queueExternalDeliveries } from '../../services/delivery/queue-deliveries.js';
import { queueVoiceCalls } from '../../services/delivery/queue-voice.js';
import { firstRecipientsOfUnits, jurisdictionOffset } from '../../services/rota/load.js';
import { voiceCallDue } from '../../domain/voice-calls.js';
import type { DueTimer } from '../due-timer.js';
import { incidentOpen } from '../stopped-items.js';
import { climbLadder } from '../ladder.js';

const STEP_TEXT: Record<EscalationStep, string> = {
  resend: '逾期未签收，已向全部联络员重新发送',
  unit_head: '逾期未签收，已通知单位负责人',
  commander: '逾期未签收，已提请指挥长督办',
};

type Row = { n: typeof notifications.$inferSelect; jurisdictionId: string; severity: (typeof incidents.$inferSelect)['severity']; unitName: string };

export const acknowledgementTimer: DueTimer<Row> = {
  name: 'acknowledgement',
  claimDue: (tx, now, limit) =>
    tx
      .select({ n: notifications, jurisdictionId: incidents.jurisdictionId, severity: incidents.severity, unitName: memberUnits.name })
      .from(notifications)
      .innerJoin(incidents, eq(incidents.id, notifications.incidentId))
      .innerJoin(memberUnits, eq(memberUnits.id, notifications.unitId))
      .where(and(incidentOpen, eq(notifications.state, 'pending'), lte(notifications.nextEscalationAt, now)))
      .orderBy(asc(notifications.nextEscalationAt))
      .limit(limit)
      .for('update', { of: notifications, skipLocked: true }),

  fire: (tx, { n, jurisdictionId, severity, unitName }, ctx) =>
    climbLadder(
      tx,
      ctx,
      { incidentId: n.incidentId, jurisdictionId, unitId: n.unitId, severity, dueAt: n.ackDueAt, stepTaken: n.escalationStep },
      {
        advance: async (step, nextAt) => {
          await tx.update(notifications).set({ escalationStep: step, nextEscalationAt: nextAt }).where(eq(notifications.id, n.id));
        },
        queue: async (round, people, includeUnitRobots) => {
          await queueExternalDeliveries(tx, [n], { round, people, includeUnitRobots, now: ctx.now });
          // Still unacknowledged at the first step: ring whoever is on duty now.
          if (round === 1 && ctx.services.voiceCalls && voiceCallDue(n.role, severity, 'first_step')) {
            const onDuty = await firstRecipientsOfUnits(tx, [n.unitId], await jurisdictionOffset(tx, jurisdictionId), ctx.now);
            await queueVoiceCalls(tx, n, onDuty.map((p) => p.id), round, ctx.now);
          }
        },
        event: (step, after) => ({
          type: 'notification.escalated',
          jurisdictionId,
          incidentId: n.incidentId,
          audienceUnits: [n.unitId],
          data: {
            notificationId: n.id,
            unitId: n.unitId,
            unitName,
            step: step.step,
            stepNumber: step.number,
            text: STEP_TEXT[step.step],
            ackDueAt: n.ackDueAt.toISOString(),
            nextStepAt: after?.dueAt.toISOString() ?? null,
          },
        }),
        alert: { kind: 'ack_overdue', notificationId: n.id, reason: (due) => `${unitName}逾期未签收（时限 ${due}）` },
      },
    ),
};

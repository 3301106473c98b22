/** The due time of a joint response task still open: it climbs the same ladder as an acknowledgement. */
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import { incidents, memberUnits, responseTasks } from '../../db/schema.js';
import type { EscalationStep } from '../../domain/escalation.js';
import { OPEN_TASK_STATES } from '../../domain/tasks.js';
import { queueExternalDeliveries } from '../../services/delivery/queue-deliveries.js';
import type { DueTimer } from '../due-timer.js';
import { incidentOpen } from '../stopped-items.js';
import { climbLadder } from '../ladder.js';

const STEP_TEXT: Record<EscalationStep, string> = {
  resend: '任务逾期未办结，已再次提醒全部联络员',
  unit_head: '任务逾期未办结，已通知单位负责人',
  commander: '任务逾期未办结，已提请指挥长督办',
};

type Row = { t: typeof responseTasks.$inferSelect; jurisdictionId: string; severity: (typeof incidents.$inferSelect)['severity']; unitName: string };

export const taskDueTimer: DueTimer<Row> = {
  name: 'task-due',
  claimDue: (tx, now, limit) =>
    tx
      .select({ t: responseTasks, jurisdictionId: incidents.jurisdictionId, severity: incidents.severity, unitName: memberUnits.name })
      .from(responseTasks)
      .innerJoin(incidents, eq(incidents.id, responseTasks.incidentId))
      .innerJoin(memberUnits, eq(memberUnits.id, responseTasks.unitId))
      .where(and(incidentOpen, inArray(responseTasks.state, [...OPEN_TASK_STATES]), lte(responseTasks.nextEscalationAt, now)))
      .orderBy(asc(responseTasks.nextEscalationAt))
      .limit(limit)
      .for('update', { of: responseTasks, skipLocked: true }),

  fire: (tx, { t, jurisdictionId, severity, unitName }, ctx) =>
    climbLadder(
      tx,
      ctx,
      { incidentId: t.incidentId, jurisdictionId, unitId: t.unitId, severity, dueAt: t.dueAt, stepTaken: t.escalationStep },
      {
        advance: async (step, nextAt) => {
          await tx.update(responseTasks).set({ escalationStep: step, nextEscalationAt: nextAt }).where(eq(responseTasks.id, t.id));
        },
        queue: async (round, people, includeUnitRobots) => {
          await queueExternalDeliveries(tx, [t], { round, people, includeUnitRobots, now: ctx.now, subject: 'task' });
        },
        event: (step, after) => ({
          type: 'task.escalated',
          jurisdictionId,
          incidentId: t.incidentId,
          audienceUnits: [t.unitId],
          data: {
            taskId: t.id,
            unitId: t.unitId,
            unitName,
            title: t.title,
            step: step.step,
            stepNumber: step.number,
            text: STEP_TEXT[step.step],
            dueAt: t.dueAt.toISOString(),
            nextStepAt: after?.dueAt.toISOString() ?? null,
          },
        }),
        alert: { kind: 'task_overdue', taskId: t.id, reason: (due) => `${unitName}任务「${t.title}」逾期未办结（时限 ${due}）` },
      },
    ),
};

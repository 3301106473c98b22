/** The deadline of an upward report not yet submitted: at the deadline, a 督办 alert for the commanders. */
import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import { incidents, jurisdictions, obligations } from '../../db/schema.js';
import { localTime } from '../../domain/local-time.js';
import { raiseAlert } from '../../services/alerts/raise-alert.js';
import type { NewEvent } from '../../services/events/append.js';
import { obligationView } from '../../services/obligations/views.js';
import type { DueTimer } from '../due-timer.js';
import { incidentOpen } from '../stopped-items.js';

type Row = { o: typeof obligations.$inferSelect; jurisdictionId: string; utcOffset: string };

export const obligationDueTimer: DueTimer<Row> = {
  name: 'obligation-due',
  claimDue: (tx, now, limit) =>
    tx
      .select({ o: obligations, jurisdictionId: incidents.jurisdictionId, utcOffset: jurisdictions.utcOffset })
      .from(obligations)
      .innerJoin(incidents, eq(incidents.id, obligations.incidentId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, incidents.jurisdictionId))
      .where(and(incidentOpen, isNull(obligations.submittedAt), lte(obligations.nextChaseAt, now)))
      .orderBy(asc(obligations.nextChaseAt))
      .limit(limit)
      .for('update', { of: obligations, skipLocked: true }),

  async fire(tx, { o, jurisdictionId, utcOffset }, ctx) {
    await tx.update(obligations).set({ nextChaseAt: null }).where(eq(obligations.id, o.id));
    const events: NewEvent[] = [
      { type: 'obligation.overdue', jurisdictionId, incidentId: o.incidentId, data: { obligation: obligationView(o, ctx.now) } },
    ];
    const alert = await raiseAlert(tx, {
      jurisdictionId,
      incidentId: o.incidentId,
      notificationId: null,
      obligationId: o.id,
      unitId: null,
      kind: 'obligation_overdue',
      reason: `向${o.recipientName}上报逾期（${o.deadlineText}，时限 ${localTime(o.dueAt, utcOffset)}；${o.citation}）`,
      now: ctx.now,
    });
    if (alert) events.push(alert);
    return events;
  },
};

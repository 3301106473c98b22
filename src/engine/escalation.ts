/**
 * Takes the steps of every due-timer that is due (spec §3 steps 6–8): unacknowledged
 * notifications, overdue tasks and late standing work climb the escalation ladder, overdue upward reports raise a 督办
 * alert. One mechanism for all of them: rows are claimed with FOR UPDATE SKIP LOCKED, so several
 * server processes never take the same step twice, and each step commits together with its
 * effects (queued messages, events, alert) and the timer's new position.
 */
import type { Services } from '../services/context.js';
import { appendEvents, type NewEvent } from '../services/events/append.js';
import type { DueTimer } from './due-timer.js';
import { acknowledgementTimer } from './timers/acknowledgement.js';
import { obligationDueTimer } from './timers/obligation-due.js';
import { taskDueTimer } from './timers/task-due.js';
import { standingDueTimer } from './timers/standing-due.js';

const BATCH = 50;

export const DUE_TIMERS: readonly DueTimer<any>[] = [acknowledgementTimer, taskDueTimer, obligationDueTimer, standingDueTimer];

/** Takes one due step for up to BATCH rows of each timer; returns how many steps were taken. */
export async function takeDueEscalations(services: Services, timers: readonly DueTimer<any>[] = DUE_TIMERS): Promise<number> {
  let taken = 0;
  for (const timer of timers) taken += await takeDue(services, timer);
  return taken;
}

async function takeDue<Row>(services: Services, timer: DueTimer<Row>): Promise<number> {
  const now = services.clock();
  return services.db.transaction(async (tx) => {
    const due = await timer.claimDue(tx, now, BATCH);
    if (due.length === 0) return 0;
    const events: NewEvent[] = [];
    for (const row of due) events.push(...(await timer.fire(tx, row, { services, now })));
    await appendEvents(tx, now, events);
    return due.length;
  });
}

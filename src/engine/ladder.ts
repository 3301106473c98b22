/**
 * The escalation ladder shared by every unit-facing deadline (spec §3 step 6): an unacknowledged
 * notification and an overdue task climb the same steps — re-send to every liaison, then the unit
 * head, then a 督办 alert — at the rulebook's minutes after the deadline. Standing work (a meeting
 * reply, a consent to minutes, an agreed item) climbs it too, with no incident behind it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { users } from '../db/schema.js';
import type { AlertKind, Severity } from '../domain/enums.js';
import { gentlestSeverity, nextEscalation, type NextEscalation } from '../domain/escalation.js';
import { localTime } from '../domain/local-time.js';
import { raiseAlert } from '../services/alerts/raise-alert.js';
import type { NewEvent } from '../services/events/append.js';
import type { TimerContext } from './due-timer.js';

export interface LadderSubject {
  /** The incident it belongs to; null for standing work (a meeting reply, minutes, an agreed item). */
  incidentId: string | null;
  jurisdictionId: string;
  unitId: string;
  /** `gentlest`: the rulebook's slowest ladder (see `gentlestSeverity`), for work without an incident. */
  severity: Severity | 'gentlest';
  /** The deadline the ladder counts from. */
  dueAt: Date;
  /** The last step taken (0 = none). */
  stepTaken: number;
}

export interface LadderEffects {
  /** Records the new ladder position on the subject's row. */
  advance(step: number, nextAt: Date | null): Promise<void>;
  /** Queues the step's messages (round 1: every liaison and the unit robots; round 2: the unit heads). */
  queue(round: 1 | 2, people: { id: string; unitId: string }[], includeUnitRobots: boolean): Promise<void>;
  /** The event that says which step was taken. */
  event(step: NextEscalation, after: NextEscalation | null): NewEvent;
  /** The 督办 alert of the last step; its reason names the deadline in the jurisdiction's local time. */
  alert: { kind: AlertKind; reason: (localDue: string) => string; notificationId?: string; taskId?: string; standingRequestId?: string };
}

export async function climbLadder(tx: Database, ctx: TimerContext, s: LadderSubject, fx: LadderEffects): Promise<NewEvent[]> {
  const book = await ctx.services.rulebooks.current(s.jurisdictionId, tx);
  const ladder = book!.escalationMinutes;
  const severity = s.severity === 'gentlest' ? gentlestSeverity(ladder) : s.severity;
  const step = nextEscalation(s.stepTaken, s.dueAt, severity, ladder);
  if (!step) {
    await fx.advance(s.stepTaken, null);
    return [];
  }
  const after = nextEscalation(step.number, s.dueAt, severity, ladder);
  await fx.advance(step.number, after?.dueAt ?? null);

  if (step.step !== 'commander') {
    const role = step.step === 'resend' ? 'liaison' : 'unit_head';
    const people = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.unitId, s.unitId), eq(users.active, true), inArray(users.role, [role])));
    await fx.queue(step.step === 'resend' ? 1 : 2, people.map((p) => ({ id: p.id, unitId: s.unitId })), step.step === 'resend');
  }
  const events = [fx.event(step, after)];
  if (step.step === 'commander') {
    const alert = await raiseAlert(tx, {
      jurisdictionId: s.jurisdictionId,
      incidentId: s.incidentId,
      notificationId: fx.alert.notificationId ?? null,
      taskId: fx.alert.taskId ?? null,
      standingRequestId: fx.alert.standingRequestId ?? null,
      unitId: s.unitId,
      kind: fx.alert.kind,
      reason: fx.alert.reason(localTime(s.dueAt, book!.jurisdiction.utcOffset)),
      now: ctx.now,
    });
    if (alert) events.push(alert);
  }
  return events;
}

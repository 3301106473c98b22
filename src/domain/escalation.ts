/**
 * The escalation ladder of a notification nobody acknowledged (spec §3 step 6). Pure: given the
 * step already taken and the deadline, it says which step is next and when it is due.
 *   step 1 `resend`     at the deadline: every liaison of the unit, over every channel
 *   step 2 `unit_head`  later: the unit's head(s), over every channel
 *   step 3 `commander`  later: a 督办 alert on the commanders' board
 */
import type { Severity } from './enums.js';

export const ESCALATION_STEPS = ['resend', 'unit_head', 'commander'] as const;
export type EscalationStep = (typeof ESCALATION_STEPS)[number];

export interface EscalationLadder {
  unitHead: Record<Severity, number>;
  commander: Record<Severity, number>;
}

export interface NextEscalation {
  /** 1-based step number, as stored in `notifications.escalation_step` once taken. */
  number: 1 | 2 | 3;
  step: EscalationStep;
  dueAt: Date;
}

/** The step after `taken` (0 = none taken yet), or null when the ladder is finished. */
export function nextEscalation(taken: number, ackDueAt: Date, severity: Severity, ladder: EscalationLadder): NextEscalation | null {
  const minutes = [0, ladder.unitHead[severity], ladder.commander[severity]];
  if (taken < 0 || taken >= ESCALATION_STEPS.length) return null;
  const number = (taken + 1) as 1 | 2 | 3;
  return { number, step: ESCALATION_STEPS[taken]!, dueAt: new Date(ackDueAt.getTime() + minutes[taken]! * 60_000) };
}

/**
 * The severity whose ladder is the gentlest in this rulebook: the latest commander step (then the
 * latest unit-head step). Work with no incident behind it (standing work) climbs that one.
 */
export function gentlestSeverity(ladder: EscalationLadder): Severity {
  const severities = Object.keys(ladder.commander) as Severity[];
  return severities.reduce((best, s) =>
    ladder.commander[s] > ladder.commander[best] || (ladder.commander[s] === ladder.commander[best] && ladder.unitHead[s] > ladder.unitHead[best]) ? s : best,
  );
}

/** Delivery round for a step's messages: 0 is the first notice, 1 the re-send, 2 the unit head. */
export function deliveryRound(step: EscalationStep): number {
  return step === 'resend' ? 1 : step === 'unit_head' ? 2 : 3;
}

/** Delay before retry number `attempt` (1-based) of a temporarily failed delivery: 5 s doubling, capped at 10 min, with jitter. */
export function retryDelayMs(attempt: number, jitter: number): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 600_000);
  return Math.round(base * (0.8 + 0.4 * Math.min(1, Math.max(0, jitter))));
}

/** After this many attempts a delivery is given up as failed. */
export const MAX_DELIVERY_ATTEMPTS = 8;

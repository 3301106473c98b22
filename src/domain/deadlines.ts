/** Acknowledgement deadlines (spec §3 step 6): per role and severity, from the rulebook. Pure. */
import type { Severity, UnitRole } from './enums.js';
import type { Rulebook } from '../rulebooks/schema.js';

export function acknowledgementDeadline(book: Rulebook, role: UnitRole, severity: Severity, notifiedAt: Date): Date {
  return new Date(notifiedAt.getTime() + book.ackDeadlineMinutes[role][severity] * 60_000);
}

/** How a thing done compares with its deadline, the one rule every clock of the account uses. Pure. */

/** Minutes late, rounded up; 0 when done at or before the deadline (the deadline minute itself is on time). */
export function minutesLate(doneAt: Date, dueAt: Date): number {
  const ms = doneAt.getTime() - dueAt.getTime();
  return ms <= 0 ? 0 : Math.ceil(ms / 60_000);
}

/** Whether a deadline has passed at `now` with nothing done: strictly after the deadline. */
export function isPastDue(dueAt: Date, now: Date): boolean {
  return now.getTime() > dueAt.getTime();
}

/**
 * A due-timer: something with a deadline kept in its own row (a notification's acknowledgement,
 * a task's due time, an upward report's deadline). The one escalation engine claims due rows of
 * every kind the same way and commits each step with its effects.
 */
import type { Database } from '../db/client.js';
import type { Services } from '../services/context.js';
import type { NewEvent } from '../services/events/append.js';

export interface TimerContext {
  services: Services;
  now: Date;
}

export interface DueTimer<Row> {
  readonly name: string;
  /** Rows whose timer is due at `now`, locked FOR UPDATE SKIP LOCKED so no other process takes them. */
  claimDue(tx: Database, now: Date, limit: number): Promise<Row[]>;
  /** Takes the next step for one claimed row (moves its timer on, queues messages, raises alerts); returns its events. */
  fire(tx: Database, row: Row, ctx: TimerContext): Promise<NewEvent[]>;
}

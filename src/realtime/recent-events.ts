/**
 * The tail of the log this node's relay has delivered, kept in memory so a reconnect storm's
 * `resume` calls are answered without reading the log once per socket. Holds every event with
 * seq in (from, to] — the relay reads the log whole up to its settled head — and forgets the
 * oldest past its capacity.
 */
import type { StoredEvent } from '../services/events/append.js';

export class RecentEvents {
  private events: StoredEvent[] = [];
  private from = 0;
  private to = 0;

  constructor(readonly capacity = 5000) {}

  /**
   * The relay starts at `seq`, with `tail` the last events of the log up to it (at most the
   * capacity): clients of a restarted node resume from memory too.
   */
  startAt(seq: number, tail: StoredEvent[]): void {
    this.events = tail.slice(-this.capacity);
    const whole = tail.length < this.capacity;
    this.from = whole ? 0 : this.events[0]!.seq - 1;
    this.to = seq;
  }

  /** Events the relay delivered, up to the position it now stands at. */
  add(batch: StoredEvent[], position: number): void {
    this.events.push(...batch);
    this.to = position;
    const excess = this.events.length - this.capacity;
    if (excess > 0) this.from = this.events.splice(0, excess)[excess - 1]!.seq;
  }

  /** Every event in (afterSeq, upTo], or undefined when part of that range is no longer held. */
  between(afterSeq: number, upTo: number): StoredEvent[] | undefined {
    if (afterSeq < this.from || upTo > this.to) return undefined;
    return this.events.filter((e) => e.seq > afterSeq && e.seq <= upTo);
  }
}

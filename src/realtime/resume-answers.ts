/**
 * `resume` answers shared by audience and range: the sockets of one audience (a jurisdiction's
 * commission, one member unit) asking for the same seq range share one reading of the log (from
 * memory, or one query) and one JSON encoding of the answer. A reconnect storm then costs a query
 * per distinct range, not per socket, and its CPU goes into sending, not re-encoding. A range
 * below the relay's settled position never changes, so a kept answer stays right; answers are
 * kept briefly and few at a time, since they may be large.
 */
import type { EventAudience } from '../contract/events.js';
import { viewEventFor } from '../contract/events.js';
import type { StoredEvent } from '../services/events/append.js';
import { PreEncoded } from './pre-encoded.js';

export interface ResumeAnswer {
  /** The events answered (the stored rows), for the per-socket delivery receipts. */
  events: StoredEvent[];
  /** `{ ok: true, events, hasMore }` as the audience may see it, encoded once. */
  encoded: PreEncoded;
}

const KEEP_MS = 30_000;
const KEEP_AT_MOST = 64;

export class ResumeAnswers {
  private readonly kept = new Map<string, { answer: Promise<ResumeAnswer>; until: number }>();

  constructor(
    private readonly limit: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * The answer for `audience` after `afterSeq` up to `upTo`. `read` gives at most `limit + 1`
   * events the audience may see in that range, in seq order; it runs once for all callers of
   * the same key while the answer is kept.
   */
  answer(audience: EventAudience, afterSeq: number, upTo: number, read: () => Promise<StoredEvent[]>): Promise<ResumeAnswer> {
    const key = `${audience.kind === 'unit' ? `u:${audience.unitId}` : `c:${audience.jurisdictionId ?? '*'}`}|${afterSeq}|${upTo}`;
    const at = this.now();
    const found = this.kept.get(key);
    if (found && found.until > at) return found.answer;
    this.forgetOld(at);
    const answer = read().then((missed) => this.encode(audience, missed));
    this.kept.set(key, { answer, until: at + KEEP_MS });
    // A failed reading is not kept: the next caller reads again.
    answer.catch(() => this.kept.get(key)?.answer === answer && this.kept.delete(key));
    return answer;
  }

  private encode(audience: EventAudience, missed: StoredEvent[]): ResumeAnswer {
    const events = missed.slice(0, this.limit);
    const views = events.flatMap((e) => viewEventFor(audience, e) ?? []);
    return { events, encoded: new PreEncoded(JSON.stringify({ ok: true, events: views, hasMore: missed.length > this.limit })) };
  }

  private forgetOld(at: number): void {
    for (const [key, { until }] of this.kept) if (until <= at) this.kept.delete(key);
    // Oldest first (insertion order) once there are too many.
    for (const key of this.kept.keys()) {
      if (this.kept.size < KEEP_AT_MOST) break;
      this.kept.delete(key);
    }
  }
}

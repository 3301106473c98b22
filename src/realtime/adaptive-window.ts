/**
 * How long a batch waits for company, from how busy the last second was: a lone handshake or
 * receipt waits the minimum, a reconnect storm waits longer so one query serves many sockets.
 * The wait is `perArrivalMs` for each arrival counted in the last second, between the bounds: at
 * 400 look-ups a second (1,000 sockets back within 5 s, each handshake and `resume` re-check) a
 * 1 s window serves ~400 with one query; far below a second of delay in a storm whose clients
 * are spread over several seconds anyway, while 10 handshakes a second wait 40 ms.
 */
export interface WindowBounds {
  minMs: number;
  maxMs: number;
  perArrivalMs: number;
}

export const BATCH_WINDOW: WindowBounds = { minMs: 5, maxMs: 1000, perArrivalMs: 4 };

export class AdaptiveWindow {
  /** Arrivals counted in the current and the previous whole second. */
  private second = 0;
  private current = 0;
  private previous = 0;

  constructor(
    private readonly bounds: WindowBounds = BATCH_WINDOW,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Counts one arrival. */
  arrived(): void {
    this.roll();
    this.current++;
  }

  /** The wait for a batch opened now. */
  waitMs(): number {
    this.roll();
    // The previous second weighted by how much of it still lies within the last 1000 ms.
    const intoSecond = (this.now() % 1000) / 1000;
    const lastSecond = this.current + this.previous * (1 - intoSecond);
    const { minMs, maxMs, perArrivalMs } = this.bounds;
    return Math.min(maxMs, Math.max(minMs, Math.round(lastSecond * perArrivalMs)));
  }

  private roll(): void {
    const second = Math.floor(this.now() / 1000);
    if (second === this.second) return;
    this.previous = second === this.second + 1 ? this.current : 0;
    this.current = 0;
    this.second = second;
  }
}

/**
 * Runs a pass when woken; wakes that arrive during a pass coalesce into exactly one more pass,
 * so a burst of NOTIFYs costs at most two passes and none is lost. Used by the event relay and
 * the timer engine.
 */
export class CoalescingRunner {
  private running = false;
  private again = false;
  private stopped = false;
  private current: Promise<void> = Promise.resolve();

  constructor(private readonly pass: () => Promise<void>) {}

  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.current = this.loop().finally(() => {
      this.running = false;
    });
  }

  /** Stops accepting wakes and waits for the pass under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.current;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      await this.pass();
    } while (this.again && !this.stopped);
  }
}

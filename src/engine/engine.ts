/**
 * The one engine for every timer: it takes due escalation steps and sends due deliveries, on a
 * short poll and whenever events commit (new notifications queue deliveries in the same
 * transaction). All state is in Postgres, so a restart resumes exactly where it stopped.
 */
import type { DatabaseHandle } from '../db/client.js';
import type { Services } from '../services/context.js';
import type { ContactPoint } from '../delivery/channel.js';
import { dispatchDueDeliveries, type ChannelAdapters } from './dispatcher.js';
import { takeDueEscalations } from './escalation.js';
import { CoalescingRunner } from './coalescing-runner.js';
import { housekeepingTimer } from './timers/housekeeping.js';
import { annualCycleTimer } from './timers/annual-cycle.js';
import { logger } from '../observability/logger.js';

/** Dispatch loops run side by side; each claims its own batch (rows locked by the others are skipped). */
const DISPATCHERS = 3;

export interface EngineOptions {
  pollMs?: number;
  /** The providers whose deliveries this engine sends (default: all, with the adapters it has;
   * a provider without one fails its deliveries). Others stay queued for another process. */
  deliveryProviders?: readonly ContactPoint['provider'][];
}

export class Engine {
  private readonly runner = new CoalescingRunner(() => this.pass());
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly services: Services,
    private readonly adapters: ChannelAdapters,
    private readonly handle?: DatabaseHandle,
    private readonly options: EngineOptions = {},
  ) {}

  async start(): Promise<void> {
    if (this.handle) this.unlisten = await this.handle.listen('lianfang_events', () => this.wake());
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref?.();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.runner.stop();
  }

  wake(): void {
    this.runner.wake();
  }

  /** One full pass: every due step and every due delivery (used directly by tests with an injected clock). */
  async tick(): Promise<{ steps: number; sent: number; housekeeping: number }> {
    let steps = 0;
    let sent = 0;
    for (let n; (n = await takeDueEscalations(this.services)) > 0; ) steps += n;
    const providers = this.options.deliveryProviders;
    // Several batches in flight: one is claimed and rendered while another waits on the network.
    const dispatching = async () => {
      for (let n; (n = await dispatchDueDeliveries(this.services, this.adapters, { providers })) > 0; ) sent += n;
    };
    if (providers?.length !== 0) await Promise.all(Array.from({ length: DISPATCHERS }, dispatching));
    // Housekeeping is a due-timer like the others, counted apart: it is not an escalation step.
    const housekeeping = await takeDueEscalations(this.services, [housekeepingTimer]);
    // Opening a year's annual-submission round asks every unit; chasing them is the standing-due timer's.
    await takeDueEscalations(this.services, [annualCycleTimer]);
    return { steps, sent, housekeeping };
  }

  private async pass(): Promise<void> {
    try {
      await this.tick();
    } catch (err) {
      // The next poll retries; every step is idempotent and claimed in the database.
      logger.error({ err }, 'engine pass failed');
    }
  }
}

/**
 * The one engine for every timer: it takes due escalation steps and sends due deliveries on a
 * short poll, and sends due deliveries whenever events commit (new notifications queue them in
 * the same transaction). Escalation steps fall due minutes after the write that made them, so
 * commits do not wake their scans: under load that was a dozen statements per write for nothing.
 * All state is in Postgres, so a restart resumes exactly where it stopped.
 */
import type { DatabaseHandle } from '../db/client.js';
import type { Services } from '../services/context.js';
import type { ContactPoint } from '../delivery/channel.js';
import { DELIVERY_BATCH, dispatchDueDeliveries, type ChannelAdapters } from './dispatcher.js';
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
  /** Whether the next pass is a full one (the poll asked) or only sends deliveries (a commit did). */
  private fullPassDue = true;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unlisten: (() => Promise<void>) | undefined;

  constructor(
    private readonly services: Services,
    private readonly adapters: ChannelAdapters,
    private readonly handle?: DatabaseHandle,
    private readonly options: EngineOptions = {},
  ) {}

  async start(): Promise<void> {
    if (this.handle) this.unlisten = await this.handle.listen('lianfang_events', () => this.runner.wake());
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.timer.unref?.();
    this.wake();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.unlisten?.();
    await this.runner.stop();
  }

  /** A full pass soon: escalation steps, deliveries, housekeeping. */
  wake(): void {
    this.fullPassDue = true;
    this.runner.wake();
  }

  /** One full pass: every due step and every due delivery (used directly by tests with an injected clock). */
  async tick(): Promise<{ steps: number; sent: number; housekeeping: number }> {
    let steps = 0;
    for (let n; (n = await takeDueEscalations(this.services)) > 0; ) steps += n;
    const sent = await this.sendDueDeliveries();
    // Housekeeping is a due-timer like the others, counted apart: it is not an escalation step.
    const housekeeping = await takeDueEscalations(this.services, [housekeepingTimer]);
    // Opening a year's annual-submission round asks every unit; chasing them is the standing-due timer's.
    await takeDueEscalations(this.services, [annualCycleTimer]);
    return { steps, sent, housekeeping };
  }

  /** Every due delivery; returns how many were claimed. */
  async sendDueDeliveries(): Promise<number> {
    const providers = this.options.deliveryProviders;
    if (providers?.length === 0) return 0;
    const claim = () => dispatchDueDeliveries(this.services, this.adapters, { providers });
    // One claim tells whether anything is due. Only a full batch means more wait, and then several
    // batches go in flight: one is claimed and rendered while another waits on the network.
    let sent = await claim();
    if (sent < DELIVERY_BATCH) return sent;
    const dispatching = async () => {
      for (let n; (n = await claim()) > 0; ) sent += n;
    };
    await Promise.all(Array.from({ length: DISPATCHERS }, dispatching));
    return sent;
  }

  private async pass(): Promise<void> {
    const full = this.fullPassDue;
    this.fullPassDue = false;
    try {
      if (full) await this.tick();
      else await this.sendDueDeliveries();
    } catch (err) {
      // The next poll retries; every step is idempotent and claimed in the database.
      logger.error({ err }, 'engine pass failed');
    }
  }
}

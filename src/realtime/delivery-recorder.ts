/**
 * Collects socket.io acknowledgement callbacks and records them in batches, so a fan-out to many
 * devices costs one transaction, not one per device, and never delays the next emit. The wait
 * grows with the load (./adaptive-window.ts): a reconnect storm's resumed notifications are
 * written a few times a second, not once per 25 ms.
 */
import type { Services } from '../services/context.js';
import { recordDeliveries, type DeliveryReceipt } from '../services/notifications/record-delivery.js';
import { logger } from '../observability/logger.js';
import { AdaptiveWindow, type WindowBounds } from './adaptive-window.js';

// Receipts are evidence, read by people: half a second late in a storm costs nothing, a query per 25 ms does.
const RECEIPT_WINDOW: WindowBounds = { minMs: 25, maxMs: 1000, perArrivalMs: 5 };

export class DeliveryRecorder {
  private pending: DeliveryReceipt[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private flushing: Promise<void> = Promise.resolve();

  private readonly window = new AdaptiveWindow(RECEIPT_WINDOW);

  constructor(private readonly services: Services) {}

  record(receipt: DeliveryReceipt): void {
    this.window.arrived();
    this.pending.push(receipt);
    this.timer ??= setTimeout(() => void this.flush(), this.window.waitMs());
  }

  /** Writes everything collected so far; resolves when it is stored. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await recordDeliveries(this.services, batch);
      } catch (err) {
        // Receipts are evidence, not state: retry once on the next flush rather than lose them.
        logger.error({ err }, 'recording deliveries failed, will retry');
        this.pending.unshift(...batch);
        this.timer ??= setTimeout(() => void this.flush(), 1000);
      }
    });
    return this.flushing;
  }
}

/**
 * Delivers the event log to connected sockets (transactional outbox). Woken by NOTIFY when events
 * commit, and by a slow poll in case a notification is missed; it reads everything after the
 * last seq it delivered up to the settled head (no seq at or below it can still commit), in
 * order, and then stands at that head. On start it begins at the head of the log: clients that were
 * away ask for what they missed with `resume`, so nothing is sent twice.
 */
import type { Server } from 'socket.io';
import type { DatabaseHandle } from '../db/client.js';
import type { Services } from '../services/context.js';
import type { StoredEvent } from '../services/events/append.js';
import { viewEventFor, type EventView } from '../contract/events.js';
import { latestSeq, readEventsAfter, readLastEvents } from '../services/events/read.js';
import { settledSeq } from '../services/events/head.js';
import type { DeliveryRecorder } from './delivery-recorder.js';
import { RecentEvents } from './recent-events.js';
import { CoalescingRunner } from '../engine/coalescing-runner.js';
import { ADMIN_ROOM, jurisdictionRoom, unitRoom } from './rooms.js';
import type { AccessEnforcer } from './access-enforcer.js';
import { accessChangeOf, type AccessChange } from '../services/auth/access-changes.js';

interface BatchPart {
  events: StoredEvent[];
  accessChange?: { seq: number; change: AccessChange };
}

/** The batch cut after each access-change row, which is applied, never delivered. */
function splitAtAccessChanges(batch: StoredEvent[]): BatchPart[] {
  const parts: BatchPart[] = [{ events: [] }];
  for (const event of batch) {
    const change = accessChangeOf(event);
    if (change) {
      parts[parts.length - 1]!.accessChange = { seq: event.seq, change };
      parts.push({ events: [] });
    } else parts[parts.length - 1]!.events.push(event);
  }
  return parts;
}
import { logger } from '../observability/logger.js';

const BATCH = 500;
const ACK_TIMEOUT_MS = 30_000;

export interface RelayOptions {
  pollMs?: number;
  /** Fault injection for the crash test: called when events are read, before any is delivered. */
  beforeDeliver?: (events: StoredEvent[]) => void;
}

export class EventRelay {
  private lastSeq = 0;
  /** What was delivered lately, for `resume` (a reconnect storm reads memory, not the log). */
  readonly recent = new RecentEvents();
  private readonly runner = new CoalescingRunner(() => this.drain());
  private unlisten: (() => Promise<void>) | undefined;
  private poll: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly io: Server,
    private readonly handle: DatabaseHandle,
    private readonly services: Services,
    private readonly recorder: DeliveryRecorder,
    private readonly access: AccessEnforcer,
    private readonly options: RelayOptions = {},
  ) {}

  async start(): Promise<void> {
    this.unlisten = await this.handle.listen('lianfang_events', () => this.wake());
    this.lastSeq = await latestSeq(this.services.db);
    this.recent.startAt(this.lastSeq, await readLastEvents(this.services.db, this.lastSeq, this.recent.capacity));
    this.poll = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.poll.unref?.();
  }

  async stop(): Promise<void> {
    if (this.poll) clearInterval(this.poll);
    await this.unlisten?.();
    await this.runner.stop();
  }

  get position(): number {
    return this.lastSeq;
  }

  wake(): void {
    this.runner.wake();
  }

  private async drain(): Promise<void> {
    try {
      const head = await settledSeq(this.services.db);
      while (this.lastSeq < head) {
        const batch = await readEventsAfter(this.services.db, this.lastSeq, BATCH, head);
        if (batch.length > 0) this.deliver(batch);
        // Seqs of rolled-back writes never appear: past a short batch the log is read up to the head.
        this.lastSeq = batch.length === BATCH ? batch[batch.length - 1]!.seq : head;
        this.recent.add(batch, this.lastSeq);
      }
    } catch (err) {
      // The poll wakes us again; the position only advances past delivered events.
      logger.error({ err }, 'event relay failed to read the log');
    }
  }

  private deliver(batch: StoredEvent[]): void {
    this.options.beforeDeliver?.(batch);
    for (const part of splitAtAccessChanges(batch)) {
      // Units first: their people must act, and each socket still gets its events in seq order.
      for (const event of part.events) this.deliverToUnits(event);
      for (const event of part.events) this.deliverToCommission(event);
      // Ended before any later event goes out: nothing committed after a logout reaches its sockets.
      if (part.accessChange) this.access.apply(part.accessChange.seq, part.accessChange.change);
    }
  }

  private deliverToCommission(event: StoredEvent): void {
    const envelope = viewEventFor({ kind: 'commission', jurisdictionId: event.jurisdictionId }, event);
    if (envelope) this.io.local.to([jurisdictionRoom(event.jurisdictionId), ADMIN_ROOM]).emit(event.type, envelope);
  }

  /** Each unit gets its own view of the event (src/contract/events.ts), or nothing. */
  private deliverToUnits(event: StoredEvent): void {
    for (const unitId of event.audienceUnits) {
      const envelope = viewEventFor({ kind: 'unit', unitId }, event);
      if (envelope) this.deliverToUnit(event, unitId, envelope);
    }
  }

  private deliverToUnit(event: StoredEvent, unitId: string, envelope: EventView): void {
    const notificationId = event.type === 'notification.created' ? (event.data.notification as { id: string }).id : undefined;
    if (!notificationId) {
      this.io.local.to(unitRoom(unitId)).emit(event.type, envelope);
      return;
    }
    // A new notification is emitted per socket so each device's acknowledgement records its person's delivery.
    const room = this.io.of('/').adapter.rooms.get(unitRoom(unitId));
    for (const socketId of room ?? []) {
      const socket = this.io.of('/').sockets.get(socketId);
      if (!socket) continue;
      const userId = (socket.data as { actor?: { id: string } }).actor?.id;
      socket.timeout(ACK_TIMEOUT_MS).emit(event.type, envelope, (err: Error | null) => {
        if (!err && userId) this.recorder.record({ notificationId, userId, channel: 'socket', at: this.services.clock(), stage: 'delivered' });
      });
    }
  }
}

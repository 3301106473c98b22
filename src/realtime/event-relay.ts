/**
 * Delivers the event log to connected sockets (transactional outbox). Woken by NOTIFY when events
 * commit, and by a slow poll in case a notification is missed; it reads everything after the
 * last seq it delivered up to the settled head (no seq at or below it can still commit), in
 * order, and then stands at that head. On start it begins at the head of the log: clients that were
 * away ask for what they missed with `resume`, so nothing is sent twice.
 *
 * Events committed on this node are offered at once (`offer`, after their commit returns): when
 * they continue the delivered stream without a gap (seqs position+1, position+2, ...) they are
 * delivered there and then, with no query, because every seq up to the last of them is then known
 * delivered. Anything else (another node's events, a rolled-back write's unused seqs, a write
 * still in flight) waits for the log as before; an offered event the log read already delivered
 * is dropped, so nothing goes out twice or out of order.
 */
import type { Server } from 'socket.io';
import type { DatabaseHandle } from '../db/client.js';
import type { Services } from '../services/context.js';
import type { StoredEvent } from '../services/events/append.js';
import { viewEventFor, type EventView } from '../contract/events.js';
import { latestSeq, readEventsAfter, readLastEvents } from '../services/events/read.js';
import { handedOutSeq, settle } from '../services/events/head.js';
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
  private started = false;
  /** Events delivered as their commit returned on this node, and from reading the log (for /metrics and tests). */
  readonly delivered = { onCommit: 0, fromLog: 0 };
  /** Events committed on this node and offered, not yet delivered, by seq. */
  private readonly offered = new Map<number, StoredEvent>();
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
    this.started = true;
    this.poll = setInterval(() => this.wake(), this.options.pollMs ?? 1000);
    this.poll.unref?.();
  }

  async stop(): Promise<void> {
    this.started = false;
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

  /** Events this node has just committed; delivered now if they continue the stream, else kept for the log read. */
  offer(events: StoredEvent[]): void {
    if (!this.started) return;
    // As the log would give it back (JSON), and safe from the writer changing its objects later.
    for (const event of events) if (event.seq > this.lastSeq) this.offered.set(event.seq, { ...event, data: JSON.parse(JSON.stringify(event.data)) });
    this.deliverOffered();
    if (this.offered.size > 0) this.wake();
  }

  /** Delivers the offered events that continue the stream from the position, if any. */
  private deliverOffered(): void {
    const run: StoredEvent[] = [];
    for (let next = this.lastSeq + 1; this.offered.has(next); next++) run.push(this.offered.get(next)!);
    if (run.length > 0) this.delivered.onCommit += this.advance(run, run[run.length - 1]!.seq);
  }

  /**
   * Delivers `events`, every committed event in (position, to] in seq order, except those already
   * delivered meanwhile by an offer, and stands at `to` (or stays further on).
   */
  private advance(events: StoredEvent[], to: number): number {
    const fresh = events.filter((e) => e.seq > this.lastSeq);
    if (fresh.length > 0) this.deliver(fresh);
    const position = Math.max(this.lastSeq, to);
    this.recent.add(fresh, position);
    this.lastSeq = position;
    for (const seq of this.offered.keys()) if (seq <= position) this.offered.delete(seq);
    return fresh.length;
  }

  private async drain(): Promise<void> {
    try {
      const handedOut = await handedOutSeq(this.services.db);
      // Nothing handed out past the position (this node's own writes went out at commit): one query, no wait.
      if (handedOut <= this.lastSeq) return;
      const head = await settle(this.services.db, handedOut);
      this.deliverOffered();
      while (this.lastSeq < head) {
        const batch = await readEventsAfter(this.services.db, this.lastSeq, BATCH, head);
        // Seqs of rolled-back writes never appear: past a short batch the log is read up to the head.
        this.delivered.fromLog += this.advance(batch, batch.length === BATCH ? batch[batch.length - 1]!.seq : head);
        this.deliverOffered();
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

  /** The jurisdiction's commission and the system administrators, each only what it may see. */
  private deliverToCommission(event: StoredEvent): void {
    const office = viewEventFor({ kind: 'commission', jurisdictionId: event.jurisdictionId }, event);
    const admins = viewEventFor({ kind: 'commission', jurisdictionId: null }, event);
    const rooms = [...(office ? [jurisdictionRoom(event.jurisdictionId)] : []), ...(admins ? [ADMIN_ROOM] : [])];
    const envelope = office ?? admins;
    if (envelope && rooms.length > 0) this.io.local.to(rooms).emit(event.type, envelope);
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

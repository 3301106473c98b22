/**
 * The live event stream over socket.io (same origin, the session cookie). The page loads its
 * state over REST (which answers with `lastSeq`), then this stream delivers every later event
 * exactly once and in order: on every (re)connect it asks `resume` for what it missed, holds the
 * live events that arrive meanwhile, and drops anything at or below the highest seq seen.
 */
import { io, type Socket } from 'socket.io-client';
import type { z } from 'zod';
import type { eventEnvelopeSchema } from '../../../src/contract/api.js';

export type EventEnvelope = z.infer<typeof eventEnvelopeSchema>;

export type LinkStatus = 'connecting' | 'online' | 'offline' | 'resyncing';

export interface StreamOptions {
  /**
   * The watermark of the state the page loaded. Null for a page that only wants live events and
   * reloads its (small) state itself after each reconnect, through `onReconnect`.
   */
  afterSeq: number | null;
  onReconnect?(): void;
  onEvents(events: EventEnvelope[]): void;
  onStatus(status: LinkStatus, detail?: { since?: number; lastEventAt?: number }): void;
  /** The session is gone: the page should send the user to log in. */
  onUnauthorized?(): void;
}

interface ResumeAnswer {
  ok: boolean;
  events?: EventEnvelope[];
  hasMore?: boolean;
  error?: { detail?: string };
}

export class EventStream {
  private socket: Socket | undefined;
  private lastSeq: number;
  private readonly liveOnly: boolean;
  private resuming = false;
  private held: EventEnvelope[] = [];
  private offlineSince: number | undefined;
  private readonly onBrowserOffline = () => this.dropLink();
  /**
   * Back online: connect now. A socket already waiting out its backoff (up to 10 s by then) would
   * wait on; closing and opening it starts over at once, with the backoff reset.
   */
  private readonly onBrowserOnline = () => {
    const socket = this.socket;
    if (!socket || socket.connected) return;
    socket.disconnect();
    socket.connect();
  };

  constructor(private readonly options: StreamOptions) {
    this.lastSeq = options.afterSeq ?? 0;
    this.liveOnly = options.afterSeq === null;
  }

  get seq(): number {
    return this.lastSeq;
  }

  start(): void {
    const socket = io({
      path: '/socket.io',
      transports: ['websocket', 'polling'],
      tryAllTransports: true,
      withCredentials: true,
      // Backoff with full jitter: after a node restarts, thousands of clients return spread over
      // 0–4 s (then 0–8 s, up to 10 s), not all within the same second; one phone still averages 2 s.
      reconnectionDelay: 2000,
      reconnectionDelayMax: 10_000,
      randomizationFactor: 1,
      timeout: 8000,
    });
    this.socket = socket;
    this.options.onStatus('connecting');

    socket.on('connect', () => void this.resume(socket));
    socket.on('disconnect', (reason) => {
      this.resuming = false;
      this.held = [];
      this.offlineSince ??= Date.now();
      this.options.onStatus('offline', { since: this.offlineSince });
      // A server-side disconnect does not reconnect by itself.
      if (reason === 'io server disconnect') setTimeout(() => socket.connect(), 500 + Math.random() * 2500);
    });
    socket.on('connect_error', (err: Error & { data?: { status?: number } }) => {
      this.offlineSince ??= Date.now();
      this.options.onStatus('offline', { since: this.offlineSince });
      if (err.message === 'unauthorized' || err.data?.status === 401) {
        socket.disconnect();
        this.options.onUnauthorized?.();
      }
    });
    socket.onAny((_type: string, envelope: EventEnvelope, ack?: unknown) => {
      if (typeof ack === 'function') (ack as () => void)();
      if (!envelope || typeof envelope.seq !== 'number') return;
      if (this.resuming) this.held.push(envelope);
      else this.deliver([envelope]);
    });
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('online', this.onBrowserOnline);
  }

  stop(): void {
    window.removeEventListener('offline', this.onBrowserOffline);
    window.removeEventListener('online', this.onBrowserOnline);
    this.socket?.disconnect();
    this.socket = undefined;
  }

  /** Closes the transport (not the socket), so socket.io reconnects as soon as it can. */
  private dropLink(): void {
    const engine = this.socket?.io.engine;
    if (this.socket?.connected && engine) engine.close();
  }

  private async resume(socket: Socket): Promise<void> {
    if (this.liveOnly) {
      this.offlineSince = undefined;
      this.options.onStatus('online');
      this.options.onReconnect?.();
      return;
    }
    this.resuming = true;
    this.held = [];
    this.options.onStatus('resyncing');
    try {
      for (let more = true; more; ) {
        const answer = (await socket.timeout(10_000).emitWithAck('resume', { afterSeq: this.lastSeq })) as ResumeAnswer;
        if (!answer.ok) throw new Error(answer.error?.detail ?? 'resume refused');
        this.deliver(answer.events ?? []);
        more = answer.hasMore === true;
      }
    } catch {
      // Start over on a fresh connection; the watermark has only moved past delivered events.
      this.resuming = false;
      if (socket.connected) socket.io.engine.close();
      return;
    }
    this.resuming = false;
    const held = this.held;
    this.held = [];
    this.deliver(held);
    this.offlineSince = undefined;
    this.options.onStatus('online');
  }

  private deliver(events: EventEnvelope[]): void {
    // In seq order, each event once: anything at or below the highest seq seen is a repeat.
    const unique: EventEnvelope[] = [];
    for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      unique.push(e);
    }
    if (unique.length) this.options.onEvents(unique);
  }
}

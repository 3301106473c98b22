/**
 * Ends sockets whose access ended: on an access-change row of the event log (read by the relay
 * in seq order, on every node), and by a periodic sweep that re-checks every local socket's
 * session (expiry, or a change this node could not see). A socket that authenticated while a
 * change was being relayed is checked against the changes relayed since its session was read.
 */
import type { Server, Socket } from 'socket.io';
import { sameAccess } from '../domain/access-change.js';
import { endsSession, type AccessChange } from '../services/auth/access-changes.js';
import type { Actor } from '../services/context.js';
import { userRoom } from './rooms.js';
import { logger } from '../observability/logger.js';

interface RelayedChange extends AccessChange {
  seq: number;
}

/** How many relayed changes are kept for sockets that were authenticating meanwhile. */
const RECENT = 1000;

/** How often every local socket's session is re-checked (expiry; a change this node missed). */
const SWEEP_MS = 30_000;

export class AccessEnforcer {
  private readonly recent: RelayedChange[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly io: Server) {}

  startSweeping(currentActors: (sessionIds: string[]) => Promise<Map<string, Actor>>, everyMs = SWEEP_MS): void {
    this.timer = setInterval(() => void this.sweep(currentActors).catch((err) => logger.error({ err }, 'socket session sweep failed')), everyMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Called by the relay, in log order, before it delivers any later event. */
  apply(seq: number, change: AccessChange): void {
    this.recent.push({ seq, ...change });
    if (this.recent.length > RECENT) this.recent.splice(0, this.recent.length - RECENT);
    for (const socket of this.socketsOf(change.userId)) {
      const actor = actorOf(socket);
      if (actor && endsSession(change, actor.id, actor.sessionId)) endSocket(socket);
    }
  }

  /**
   * Whether a change relayed after `sinceSeq` concerns this session; also true when the
   * changes kept no longer reach back that far, so the socket re-authenticates.
   */
  changedSince(sinceSeq: number, actor: Actor): boolean {
    const oldest = this.recent[0];
    if (this.recent.length === RECENT && oldest && oldest.seq > sinceSeq) return true;
    return this.recent.some((c) => c.seq > sinceSeq && endsSession(c, actor.id, actor.sessionId));
  }

  /** Ends every local socket whose session no longer authenticates as the identity it joined with. */
  async sweep(currentActors: (sessionIds: string[]) => Promise<Map<string, Actor>>): Promise<number> {
    const sockets = [...this.io.of('/').sockets.values()].filter((s) => actorOf(s));
    if (sockets.length === 0) return 0;
    const now = await currentActors([...new Set(sockets.map((s) => actorOf(s)!.sessionId))]);
    let ended = 0;
    for (const socket of sockets) {
      const joined = actorOf(socket);
      if (joined && !sameAccess(joined, now.get(joined.sessionId) ?? null)) {
        endSocket(socket);
        ended++;
      }
    }
    return ended;
  }

  private socketsOf(userId: string): Socket[] {
    const ids = this.io.of('/').adapter.rooms.get(userRoom(userId));
    return [...(ids ?? [])].map((id) => this.io.of('/').sockets.get(id)).filter((s): s is Socket => !!s);
  }
}

const actorOf = (socket: Socket) => (socket.data as { actor?: Actor }).actor;

/** Leaves every room at once (synchronously), then tells the client why. */
export function endSocket(socket: Socket): void {
  socket.emit('session.ended', { detail: '登录已失效或权限已变更，请重新登录 (session ended)' });
  socket.disconnect(true);
}

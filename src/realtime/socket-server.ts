/**
 * socket.io on the Node server: authenticates the handshake with the session token, joins the
 * rooms the user may see, answers `resume` with exactly the events it missed, and lets liaisons
 * acknowledge, decline and mark read over the socket.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { acknowledgeRequestSchema, declineRequestSchema } from '../contract/api.js';
import { SESSION_COOKIE } from '../api/middleware/authenticate.js';
import { zodFieldProblems } from '../api/problem.js';
import { authenticateToken } from '../services/auth/sessions.js';
import type { Actor, Services } from '../services/context.js';
import { DomainError } from '../services/errors.js';
import { readVisibleEventsAfter, toEnvelope } from '../services/events/read.js';
import { acknowledgeNotification } from '../services/notifications/acknowledge.js';
import { declineNotification } from '../services/notifications/decline.js';
import { markNotificationRead } from '../services/notifications/mark-read.js';
import type { DeliveryRecorder } from './delivery-recorder.js';
import { roomsFor } from './rooms.js';
import { logger } from '../observability/logger.js';

const RESUME_LIMIT = 1000;

interface SocketData {
  actor: Actor;
  token: string;
  /** Relay position when the socket joined its rooms: later events reach it live. */
  joinedAtSeq: number;
}

type Reply = (answer: unknown) => void;

const resumeSchema = z.object({ afterSeq: z.number().int().min(0) });
const notificationTarget = z.object({ notificationId: z.string().min(1).max(64) });

function tokenFrom(socket: Socket): string | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown })?.token;
  if (typeof fromAuth === 'string') return fromAuth;
  const cookie = socket.handshake.headers.cookie ?? '';
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  return match?.[1];
}

/** The socket equivalent of problem+json. */
function problemAnswer(err: unknown) {
  if (err instanceof DomainError)
    return { ok: false, error: { type: err.kind, title: err.title, status: err.status, detail: err.message, errors: err.fields, ...err.extra } };
  if (err instanceof z.ZodError)
    return { ok: false, error: { type: 'invalid', title: '提交的内容有误 (invalid input)', status: 422, detail: 'invalid payload', errors: zodFieldProblems(err) } };
  logger.error({ err }, 'socket action failed');
  return { ok: false, error: { type: 'internal', title: '服务器内部错误 (internal error)', status: 500, detail: '请重试 (retry)' } };
}

export interface SocketServerDeps {
  services: Services;
  recorder: DeliveryRecorder;
  /** The relay's position, read when a socket joins its rooms. */
  relayPosition: () => number;
}

export function attachSocketServer(httpServer: HttpServer, deps: SocketServerDeps): Server {
  const { services, recorder } = deps;
  const io = new Server(httpServer, { path: '/socket.io', serveClient: false, pingInterval: 20_000, pingTimeout: 20_000 });

  io.use(async (socket, next) => {
    try {
      const token = tokenFrom(socket);
      const actor = token ? await authenticateToken(services, token) : null;
      if (!actor || !token) {
        const err = new Error('unauthorized') as Error & { data?: unknown };
        err.data = { status: 401, detail: '登录已失效，请重新登录 (session missing or expired)' };
        return next(err);
      }
      (socket.data as SocketData).actor = actor;
      (socket.data as SocketData).token = token;
      next();
    } catch (err) {
      next(err as Error);
    }
  });

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    // Join and read the relay position in the same tick: every later event reaches this socket live.
    socket.join(roomsFor(data.actor));
    data.joinedAtSeq = deps.relayPosition();

    /** Re-checks the session before an action, so a revoked session cannot act through an open socket. */
    const currentActor = async (): Promise<Actor> => {
      const actor = await authenticateToken(services, data.token);
      if (!actor) {
        socket.disconnect(true);
        throw new DomainError('unauthenticated', '登录已失效，请重新登录 (session revoked or expired)');
      }
      return actor;
    };

    const handle = (event: string, action: (payload: unknown) => Promise<unknown>) =>
      socket.on(event, async (payload: unknown, reply?: Reply) => {
        const answer = await action(payload).then((result) => ({ ok: true, ...(result as object) }), problemAnswer);
        if (typeof reply === 'function') reply(answer);
      });

    handle('resume', async (payload) => {
      const { afterSeq } = resumeSchema.parse(payload ?? {});
      const upTo = data.joinedAtSeq;
      if (afterSeq >= upTo) return { events: [], hasMore: false };
      const found = await readVisibleEventsAfter(services.db, data.actor, afterSeq, RESUME_LIMIT + 1);
      const missed = found.filter((e) => e.seq <= upTo);
      const events = missed.slice(0, RESUME_LIMIT);
      const at = services.clock();
      for (const e of events)
        if (e.type === 'notification.created' && data.actor.unitId && e.audienceUnits.includes(data.actor.unitId))
          recorder.record({ notificationId: (e.data.notification as { id: string }).id, userId: data.actor.id, channel: 'socket', at, stage: 'delivered' });
      return { events: events.map(toEnvelope), hasMore: missed.length > RESUME_LIMIT };
    });

    handle('notification.acknowledge', async (payload) => {
      const { notificationId, note } = notificationTarget.extend(acknowledgeRequestSchema.shape).parse(payload ?? {});
      return acknowledgeNotification(services, await currentActor(), notificationId, { note, channel: 'socket' });
    });

    handle('notification.decline', async (payload) => {
      const { notificationId, reason } = notificationTarget.extend(declineRequestSchema.shape).parse(payload ?? {});
      return declineNotification(services, await currentActor(), notificationId, reason);
    });

    handle('notification.read', async (payload) => {
      const { notificationId } = notificationTarget.parse(payload ?? {});
      await markNotificationRead(services, await currentActor(), notificationId, 'socket');
      return {};
    });
  });

  return io;
}

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
import { findUnsafeText } from '../contract/safe-text.js';
import { fieldPath } from '../services/errors.js';
import { authenticateToken } from '../services/auth/sessions.js';
import { clientFacts, type ProxyTrust } from '../api/client-address.js';
import { sameOriginRequest, type OriginFacts, type OriginPolicy } from '../api/origin-check.js';
import { sameAccess } from '../domain/access-change.js';
import { endSocket, type AccessEnforcer } from './access-enforcer.js';
import type { Actor, Services } from '../services/context.js';
import { DomainError } from '../services/errors.js';
import { audienceOf, readVisibleEventsAfter } from '../services/events/read.js';
import { viewEventFor } from '../contract/events.js';
import { PreEncoded, preEncodingParser } from './pre-encoded.js';
import { ResumeAnswers } from './resume-answers.js';
import { acknowledgeNotification } from '../services/notifications/acknowledge.js';
import { declineNotification } from '../services/notifications/decline.js';
import { markNotificationRead } from '../services/notifications/mark-read.js';
import type { DeliveryRecorder } from './delivery-recorder.js';
import type { RecentEvents } from './recent-events.js';
import { SessionBatch } from './session-batch.js';
import { roomsFor } from './rooms.js';
import { fullBudget, spendMessage } from '../domain/message-budget.js';
import { waitWords } from '../contract/words.js';
import { logger } from '../observability/logger.js';

const RESUME_LIMIT = 1000;

interface SocketData {
  actor: Actor;
  token: string;
  /** The relay's position when the session was read: changes relayed after it are checked at join. */
  checkedAtSeq: number;
  /** Relay position when the socket joined its rooms: later events reach it live. */
  joinedAtSeq: number;
}

type Reply = (answer: unknown) => void;

const resumeSchema = z.object({ afterSeq: z.number().int().min(0) });
const notificationTarget = z.object({ notificationId: z.string().min(1).max(64) });

/** The session token: a bearer token given explicitly, or the browser's cookie. */
function credentialOf(socket: Socket): { token: string; viaCookie: boolean } | undefined {
  const fromAuth = (socket.handshake.auth as { token?: unknown })?.token;
  if (typeof fromAuth === 'string') return { token: fromAuth, viaCookie: false };
  const cookie = socket.handshake.headers.cookie ?? '';
  const match = cookie.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  return match?.[1] ? { token: match[1], viaCookie: true } : undefined;
}

function header(socket: Socket, name: string): string | undefined {
  const value = socket.handshake.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function refusal(status: 401 | 403, detail: string): Error {
  const err = new Error(status === 401 ? 'unauthorized' : 'forbidden') as Error & { data?: unknown };
  err.data = { status, detail };
  return err;
}

/**
 * The same text check HTTP applies to every body (src/api/input-guard.ts): text PostgreSQL cannot
 * store (U+0000, lone surrogates) is refused naming the field, before anything is read or written.
 */
function guardText(payload: unknown): void {
  const unsafe = findUnsafeText(payload);
  if (!unsafe) return;
  const field = fieldPath(unsafe.path) || '(body)';
  throw new DomainError('invalid', `请修改以下字段：${field}`, [{ field, message: unsafe.message }]);
}

/** The socket equivalent of problem+json. */
function problemAnswer(err: unknown) {
  if (err instanceof DomainError)
    return { ok: false, error: { type: err.kind, title: err.title, status: err.status, detail: err.message, errors: err.fields, ...err.extra } };
  if (err instanceof z.ZodError) {
    const errors = zodFieldProblems(err);
    return { ok: false, error: { type: 'invalid', title: '提交的内容有误', status: 422, detail: `请修改以下字段：${errors.map((e) => e.field).join('、')}`, errors } };
  }
  logger.error({ err }, 'socket action failed');
  return { ok: false, error: { type: 'internal', title: '服务器内部错误 (internal error)', status: 500, detail: '请重试 (retry)' } };
}

function handshakeOrigin(socket: Socket, proxies: ProxyTrust): OriginFacts {
  const { secure } = clientFacts(
    {
      peerAddress: socket.handshake.address,
      protocol: socket.handshake.secure ? 'https' : 'http',
      forwardedFor: header(socket, 'x-forwarded-for'),
      forwardedProto: header(socket, 'x-forwarded-proto'),
    },
    proxies,
  );
  const host = header(socket, 'host');
  return { origin: header(socket, 'origin'), secFetchSite: header(socket, 'sec-fetch-site'), addressed: host ? `${secure ? 'https' : 'http'}://${host}` : null };
}

export interface SocketServerDeps {
  services: Services;
  recorder: DeliveryRecorder;
  /** The relay's position, read when a socket joins its rooms. */
  relayPosition: () => number;
  access: () => AccessEnforcer;
  /** The relay's in-memory tail of the log, tried before the database for `resume`. */
  recent?: () => RecentEvents | undefined;
  origins: OriginPolicy;
  proxies: ProxyTrust;
  /** Milliseconds for the message budget; performance.now unless a test holds it still. */
  loadClock?: () => number;
}

export function attachSocketServer(httpServer: HttpServer, deps: SocketServerDeps): Server {
  const { services, recorder } = deps;
  const loadClock = deps.loadClock ?? (() => performance.now());
  // No client message is large (an acknowledgement's note, a resume position): 64 KB, not the 1 MB default.
  const io = new Server(httpServer, { path: '/socket.io', serveClient: false, pingInterval: 20_000, pingTimeout: 20_000, parser: preEncodingParser, maxHttpBufferSize: 64 * 1024 });
  const resumeAnswers = new ResumeAnswers(RESUME_LIMIT);

  const sessionBatch = new SessionBatch(services);

  io.use(async (socket, next) => {
    try {
      const credential = credentialOf(socket);
      // A cookie is sent whatever page opens the socket: only the service's own pages may use it.
      if (credential?.viaCookie && !sameOriginRequest(handshakeOrigin(socket, deps.proxies), deps.origins))
        return next(refusal(403, '跨站连接被拒绝 (cross-site connection refused)'));
      const checkedAtSeq = deps.relayPosition();
      // Batched with the other handshakes of the moment: a reconnect storm reads its sessions in few queries.
      const actor = credential ? await sessionBatch.actorOfToken(credential.token) : null;
      if (!actor || !credential) return next(refusal(401, '登录已失效，请重新登录 (session missing or expired)'));
      if (actor.mustChangePassword) return next(refusal(403, '管理员已重置您的密码，请先修改密码 (change your password first)'));
      Object.assign(socket.data as SocketData, { actor, token: credential.token, checkedAtSeq });
      next();
    } catch (err) {
      logger.error({ err }, 'socket handshake failed');
      next(refusal(401, '登录已失效，请重新登录 (session missing or expired)'));
    }
  });

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    // A logout relayed while this session was being read would otherwise miss this socket.
    if (deps.access().changedSince(data.checkedAtSeq, data.actor)) return endSocket(socket);
    // Join and read the relay position in the same tick: every later event reaches this socket live.
    socket.join(roomsFor(data.actor));
    data.joinedAtSeq = deps.relayPosition();

    /**
     * Re-checks the session before every action and `resume`: it must still be valid and still
     * the same person in the same role and unit the socket joined as, or the socket ends.
     */
    let ended = false;
    const currentActor = async (batched = false): Promise<Actor> => {
      const actor = batched ? await sessionBatch.actorOf(data.actor.sessionId) : await authenticateToken(services, data.token);
      if (!sameAccess(data.actor, actor)) {
        // Leave the rooms now; the socket closes once the answer is sent.
        for (const room of [...socket.rooms]) if (room !== socket.id) socket.leave(room);
        ended = true;
        throw new DomainError('unauthenticated', '登录已失效，请重新登录 (session revoked or expired)');
      }
      return actor!;
    };

    // A load clock, not the service clock: this is about load, and tests move the service clock.
    let budget = fullBudget(loadClock());
    const withinBudget = () => {
      const decision = spendMessage(budget, loadClock());
      budget = decision.budget;
      if (!decision.allowed)
        throw new DomainError('rate_limited', `消息过于频繁，请${waitWords(decision.retryAfterMs / 1000)}后再试`, [], { retryAfterSeconds: Math.ceil(decision.retryAfterMs / 1000) });
    };

    const handle = (event: string, action: (payload: unknown) => Promise<unknown>) =>
      socket.on(event, async (payload: unknown, reply?: Reply) => {
        const answer = await Promise.resolve()
          .then(withinBudget)
          .then(() => guardText(payload))
          .then(() => action(payload))
          .then((result) => (result instanceof PreEncoded ? result : { ok: true, ...(result as object) }), problemAnswer);
        if (typeof reply === 'function') reply(answer);
        if (ended) endSocket(socket);
      });

    handle('resume', async (payload) => {
      const { afterSeq } = resumeSchema.parse(payload ?? {});
      // Batched with other sockets' handshakes and resumes: a reconnect storm re-checks its sessions in few queries.
      await currentActor(true);
      const upTo = data.joinedAtSeq;
      const audience = audienceOf(data.actor);
      if (afterSeq >= upTo || !audience) return { events: [], hasMore: false };
      const answer = await resumeAnswers.answer(audience, afterSeq, upTo, async () => {
        const held = deps.recent?.()?.between(afterSeq, upTo);
        if (held) return held.filter((e) => viewEventFor(audience, e)).slice(0, RESUME_LIMIT + 1);
        return (await readVisibleEventsAfter(services.db, data.actor, afterSeq, RESUME_LIMIT + 1)).filter((e) => e.seq <= upTo);
      });
      const at = services.clock();
      for (const e of answer.events)
        if (e.type === 'notification.created' && data.actor.unitId && e.audienceUnits.includes(data.actor.unitId))
          recorder.record({ notificationId: (e.data.notification as { id: string }).id, userId: data.actor.id, channel: 'socket', at, stage: 'delivered' });
      return answer.encoded;
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

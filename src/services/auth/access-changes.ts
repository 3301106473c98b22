/**
 * Access changes (登出, 停用, 调动, 改变角色, 修改密码) as control rows in the event log. Every node's
 * relay reads the log in seq order, so it ends the person's open sockets before it delivers any
 * event committed after the change — on every node, and even if a NOTIFY was missed (the poll
 * reads the log too). Control rows never reach a client: `resume` and every history read skip them.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sessions } from '../../db/schema.js';
import type { EventType } from '../../contract/events.js';
import { appendEvents, type StoredEvent } from '../events/append.js';

/** A control row of the log (internal in src/contract/events.ts): never shown. */
export const ACCESS_CHANGED = 'access.changed' satisfies EventType;

export type AccessChangeReason = 'logout' | 'deactivated' | 'role_changed' | 'unit_changed' | 'password_changed';

export interface AccessChange {
  userId: string;
  /**
   * The sessions that ended, by id: only their sockets close. A session opened after the change
   * (the one a password change hands back) keeps its socket even on a node that reads the change
   * late. Null on rows written before the ids were recorded: every socket of the person.
   */
  sessionIds: string[] | null;
  reason: AccessChangeReason;
}

/**
 * Ends one session (登出) or every open one of the person, and records which in the log, in the
 * caller's transaction. Nothing is recorded when no session was open: no socket can hold one.
 */
export async function endSessions(
  tx: Database,
  at: Date,
  change: { userId: string; sessionId?: string; reason: AccessChangeReason; jurisdictionId: string | null; actorId: string },
): Promise<void> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: at })
    .where(and(eq(sessions.userId, change.userId), isNull(sessions.revokedAt), change.sessionId ? eq(sessions.id, change.sessionId) : undefined))
    .returning({ id: sessions.id });
  if (ended.length === 0) return;
  const data: AccessChange = { userId: change.userId, sessionIds: ended.map((s) => s.id), reason: change.reason };
  // Deployment-wide admins have no jurisdiction; the row is never shown, so any key will do.
  await appendEvents(tx, at, [{ type: ACCESS_CHANGED, jurisdictionId: change.jurisdictionId ?? '', actorId: change.actorId, data: { ...data } }]);
}

export function accessChangeOf(event: Pick<StoredEvent, 'type' | 'data'>): AccessChange | null {
  if (event.type !== ACCESS_CHANGED) return null;
  const d = event.data as { userId?: unknown; sessionIds?: unknown; sessionId?: unknown; reason?: AccessChangeReason };
  if (typeof d.userId !== 'string') return null;
  const sessionIds = Array.isArray(d.sessionIds)
    ? d.sessionIds.filter((s): s is string => typeof s === 'string')
    : typeof d.sessionId === 'string'
      ? [d.sessionId]
      : null;
  return { userId: d.userId, sessionIds, reason: d.reason ?? 'deactivated' };
}

/** Whether the change ends this session. */
export function endsSession(change: AccessChange, userId: string, sessionId: string): boolean {
  return change.userId === userId && (change.sessionIds === null || change.sessionIds.includes(sessionId));
}

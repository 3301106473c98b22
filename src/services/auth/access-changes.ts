/**
 * Access changes (登出, 停用, 调动, 改变角色) as control rows in the event log. Every node's relay
 * reads the log in seq order, so it ends the person's open sockets before it delivers any event
 * committed after the change — on every node, and even if a NOTIFY was missed (the poll reads the
 * log too). Control rows never reach a client: `resume` and every history read skip them.
 */
import type { Database } from '../../db/client.js';
import type { EventType } from '../../contract/events.js';
import { appendEvents, type StoredEvent } from '../events/append.js';

/** A control row of the log (internal in src/contract/events.ts): never shown. */
export const ACCESS_CHANGED = 'access.changed' satisfies EventType;

export type AccessChangeReason = 'logout' | 'deactivated' | 'role_changed' | 'unit_changed' | 'password_changed';

export interface AccessChange {
  userId: string;
  /** One session ends (登出); absent → every session of the user. */
  sessionId: string | null;
  reason: AccessChangeReason;
}

export async function recordAccessChange(
  tx: Database,
  at: Date,
  change: AccessChange & { jurisdictionId: string | null; actorId: string },
): Promise<void> {
  const { jurisdictionId, actorId, ...data } = change;
  // Deployment-wide admins have no jurisdiction; the row is never shown, so any key will do.
  await appendEvents(tx, at, [{ type: ACCESS_CHANGED, jurisdictionId: jurisdictionId ?? '', actorId, data: { ...data } }]);
}

export function accessChangeOf(event: Pick<StoredEvent, 'type' | 'data'>): AccessChange | null {
  if (event.type !== ACCESS_CHANGED) return null;
  const d = event.data as Partial<AccessChange>;
  if (typeof d.userId !== 'string') return null;
  return { userId: d.userId, sessionId: typeof d.sessionId === 'string' ? d.sessionId : null, reason: d.reason ?? 'deactivated' };
}

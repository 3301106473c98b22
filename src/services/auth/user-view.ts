/** What the API shows of a user. */
import type { users } from '../../db/schema.js';

export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: (typeof users.$inferSelect)['role'];
  jurisdictionId: string | null;
  unitId: string | null;
  mustChangePassword: boolean;
}

export function toPublicUser(u: typeof users.$inferSelect): PublicUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, jurisdictionId: u.jurisdictionId, unitId: u.unitId, mustChangePassword: u.mustChangePassword };
}

/** The acting identity of a user, for a session or a one-tap link. */
export function actorOf(u: typeof users.$inferSelect, sessionId: string): import('../context.js').Actor {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, jurisdictionId: u.jurisdictionId, unitId: u.unitId, sessionId, mustChangePassword: u.mustChangePassword };
}

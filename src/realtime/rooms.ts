/** socket.io rooms: one per jurisdiction (commission), per unit (its people), per user, and admins. */
import type { Actor } from '../services/context.js';
import { isCommission } from '../services/context.js';
import { isSystemAdmin } from '../domain/policy/index.js';

export const jurisdictionRoom = (id: string) => `j:${id}`;
export const unitRoom = (id: string) => `u:${id}`;
export const userRoom = (id: string) => `p:${id}`;
export const ADMIN_ROOM = 'admin';

/** The rooms a connection joins: exactly what its user may see. */
export function roomsFor(actor: Actor): string[] {
  const rooms = [userRoom(actor.id)];
  if (isSystemAdmin(actor)) rooms.push(ADMIN_ROOM);
  else if (isCommission(actor) && actor.jurisdictionId) rooms.push(jurisdictionRoom(actor.jurisdictionId));
  else if (actor.unitId) rooms.push(unitRoom(actor.unitId));
  return rooms;
}

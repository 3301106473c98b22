/**
 * The fair floor's emit: the messages the relay sent for one report, sent again at once to the
 * same rooms and sockets the same way (units first, a notification per socket with an
 * acknowledgement callback, then the commission's rooms), with the notification's incident id
 * replaced by the floor's id so the clients report it like a report.
 */
import type { Server } from 'socket.io';
import { viewEventFor } from '../../src/contract/events.js';
import type { StoredEvent } from '../../src/services/events/append.js';
import { ADMIN_ROOM, jurisdictionRoom, unitRoom } from '../../src/realtime/rooms.js';

export function emitAsRelayWould(io: Server, events: StoredEvent[], floorId: string): void {
  const tagged = (view: object, type: string) => (type === 'notification.created' ? { ...view, incidentId: floorId } : view);
  for (const event of events)
    for (const unitId of event.audienceUnits) {
      const view = viewEventFor({ kind: 'unit', unitId }, event);
      if (!view) continue;
      if (event.type !== 'notification.created') {
        io.local.to(unitRoom(unitId)).emit(event.type, view);
        continue;
      }
      const envelope = tagged(view, event.type);
      for (const socketId of io.of('/').adapter.rooms.get(unitRoom(unitId)) ?? [])
        io.of('/').sockets.get(socketId)?.timeout(30_000).emit(event.type, envelope, () => {});
    }
  for (const event of events) {
    const view = viewEventFor({ kind: 'commission', jurisdictionId: event.jurisdictionId }, event);
    if (view) io.local.to([jurisdictionRoom(event.jurisdictionId), ADMIN_ROOM]).emit(event.type, tagged(view, event.type));
  }
}

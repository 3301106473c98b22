/**
 * Benchmark client process: opens many socket.io connections and reports, over IPC, the moment
 * each socket received a measured message. Timestamps are absolute (timeOrigin + now) so the
 * parent can compare them with its own.
 */
import { io, type Socket } from 'socket.io-client';

interface Setup {
  url: string;
  clients: { token: string; label: string }[];
}

const now = () => performance.timeOrigin + performance.now();
const sockets: Socket[] = [];

process.on('message', async (message: { setup?: Setup; stop?: boolean }) => {
  if (message.stop) {
    for (const s of sockets) s.close();
    process.exit(0);
  }
  const setup = message.setup!;
  let connected = 0;
  // Per floor broadcast: how many of this process's sockets have it, to know when all are idle again.
  const floorCounts = new Map<string, number>();
  await Promise.all(
    setup.clients.map(
      ({ token, label }) =>
        new Promise<void>((resolve, reject) => {
          const socket = io(setup.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
          sockets.push(socket);
          const liaison = label !== 'board';
          socket.on('notification.created', (e: { incidentId: string }, ack?: () => void) => {
            const at = now();
            ack?.();
            if (liaison) process.send!({ kind: 'report', id: e.incidentId, label, at });
          });
          socket.on('bench.floor', (e: { id: string }) => {
            const at = now();
            if (liaison) process.send!({ kind: 'floor', id: e.id, label, at });
            const count = (floorCounts.get(e.id) ?? 0) + 1;
            floorCounts.set(e.id, count);
            if (count === setup.clients.length) {
              floorCounts.delete(e.id);
              process.send!({ kind: 'floor-all', id: e.id, at: now() });
            }
          });
          socket.once('connect', () => {
            connected++;
            resolve();
          });
          socket.once('connect_error', reject);
        }),
    ),
  );
  process.send!({ kind: 'ready', connected });
});

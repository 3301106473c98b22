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
  // Per floor or barrier broadcast: how many of this process's sockets have it.
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
          // Counted per process: when every socket here has the message, this process has
          // handled everything sent before it.
          const countAll = (id: string) => {
            const count = (floorCounts.get(id) ?? 0) + 1;
            floorCounts.set(id, count);
            if (count === setup.clients.length) {
              floorCounts.delete(id);
              process.send!({ kind: 'all', id, at: now() });
            }
          };
          socket.on('bench.floor', (e: { id: string }) => {
            const at = now();
            if (liaison) process.send!({ kind: 'floor', id: e.id, label, at });
            countAll(e.id);
          });
          socket.on('bench.barrier', (e: { id: string }) => countAll(e.id));
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

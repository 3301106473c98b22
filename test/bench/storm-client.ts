/**
 * Reconnect-storm client process: holds many sockets, remembers the last seq each saw, drops them
 * all on command, then brings them back spread over a window with jitter, each asking `resume`
 * for what it missed (paging while `hasMore`). Reports connect errors, RSS and catch-up times.
 */
import { io, type Socket } from 'socket.io-client';

interface Setup {
  url: string;
  tokens: string[];
  /** Whether each token is a liaison's (the others watch the board). */
  liaisons: boolean[];
}

const now = () => performance.timeOrigin + performance.now();
let setup: Setup;
let sockets: Socket[] = [];
const lastSeq: number[] = [];
/** A report being watched for (by title): when each socket first had it, by socket index. */
let isLiaison: boolean[] = [];
let watching: { title: string; at: Map<number, number> } | undefined;

function open(i: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(setup.url, { auth: { token: setup.tokens[i] }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30_000 });
    socket.onAny((_type: string, e: { seq?: number; data?: { incident?: { title?: string } } }, ack?: unknown) => {
      if (typeof ack === 'function') (ack as () => void)();
      if (watching && e?.data?.incident?.title === watching.title && !watching.at.has(i)) watching.at.set(i, now());
      if (typeof e?.seq === 'number' && e.seq > (lastSeq[i] ?? 0)) lastSeq[i] = e.seq;
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

async function connectAll(spreadMs: number, resume: boolean) {
  let errors = 0;
  let resumedEvents = 0;
  const caughtUpAt: number[] = [];
  const opened = await Promise.all(
    setup.tokens.map(async (_, i) => {
      await new Promise((r) => setTimeout(r, Math.random() * spreadMs));
      try {
        const socket = await open(i);
        if (resume)
          for (;;) {
            const page = (await socket.timeout(30_000).emitWithAck('resume', { afterSeq: lastSeq[i] ?? 0 })) as { ok: boolean; events: { seq: number }[]; hasMore: boolean };
            if (!page.ok) throw new Error('resume refused');
            resumedEvents += page.events.length;
            for (const e of page.events) if (e.seq > (lastSeq[i] ?? 0)) lastSeq[i] = e.seq;
            if (!page.hasMore || page.events.length === 0) break;
          }
        caughtUpAt.push(now());
        return socket;
      } catch {
        errors++;
        return undefined;
      }
    }),
  );
  sockets = opened.filter((s): s is Socket => !!s);
  return { connected: sockets.length, errors, resumedEvents, caughtUpAt, lastSeqs: lastSeq.slice() };
}

process.on('message', async (m: { setup?: Setup; connect?: { spreadMs: number }; watch?: string; collect?: true; drop?: true; back?: { spreadMs: number }; stop?: true }) => {
  if (m.setup) {
    setup = m.setup;
    isLiaison = m.setup.liaisons;
  }
  if (m.watch) {
    watching = { title: m.watch, at: new Map() };
    process.send!({ kind: 'watching' });
  }
  if (m.collect) {
    // Which sockets had it, and when; a liaison socket's first sighting is its notification.
    const at = [...(watching?.at ?? new Map<number, number>())].map(([i, t]) => ({ liaison: isLiaison[i] ?? false, at: t }));
    watching = undefined;
    process.send!({ kind: 'collected', at, sockets: sockets.length, liaisons: isLiaison.filter(Boolean).length });
  }
  if (m.connect) process.send!({ kind: 'connected', ...(await connectAll(m.connect.spreadMs, false)), rss: process.memoryUsage().rss });
  if (m.drop) {
    for (const s of sockets) s.close();
    sockets = [];
    process.send!({ kind: 'dropped' });
  }
  if (m.back) {
    const cpu = process.cpuUsage();
    const result = await connectAll(m.back.spreadMs, true);
    const used = process.cpuUsage(cpu);
    process.send!({ kind: 'back', ...result, cpuMs: (used.user + used.system) / 1000 });
  }
  if (m.stop) {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});

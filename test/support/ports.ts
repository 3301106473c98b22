/**
 * Loopback ports for child processes (nginx, pgbouncer, a private postgres, a node, wrangler).
 *
 * A port the kernel hands out with `listen(0)` comes from the ephemeral range, and between our
 * probe closing and the child binding it, any outgoing connection of any test may take it as its
 * local port (CI once lost nginx that way: "bind() … Address already in use"). So ports come from
 * below the ephemeral range, where the kernel never picks, and each vitest worker takes them from
 * a slice of its own, so two test files running at once never choose the same one.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

const LOWEST = 10_000;
const SLICES = 32;

function ephemeralLow(): number {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) && low > LOWEST + SLICES * 20 ? low : 32_768;
  } catch {
    return 32_768;
  }
}

const sliceSize = Math.floor((ephemeralLow() - LOWEST) / SLICES);
const worker = Number(process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? process.pid);
const sliceStart = LOWEST + (worker % SLICES) * sliceSize;
let next = 0;

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port on 127.0.0.1 that nothing listens on and no outgoing connection will take. */
export async function freePort(): Promise<number> {
  for (let tried = 0; tried < sliceSize; tried++) {
    const port = sliceStart + (next++ % sliceSize);
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port in ${sliceStart}–${sliceStart + sliceSize - 1}`);
}

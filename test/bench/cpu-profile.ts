/**
 * BENCH_PROFILE=dir: a CPU profile of the server process over just the measured window (not the
 * preparation), written as a .cpuprofile that Chrome's DevTools or speedscope open.
 */
import { Session } from 'node:inspector/promises';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function profileWindow(name: string): Promise<() => Promise<string | null>> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return async () => null;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    console.log(`CPU profile of the window: ${file}`);
    return file;
  };
}

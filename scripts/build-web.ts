/**
 * Builds the web app (web/ → web/dist) with Vite, or does nothing when web/dist is already built
 * from the current sources. "Current" is a hash of every input (web/, the shared contract and
 * enums, the lockfile), stored in web/dist/.build-stamp, so a checkout or pull that changes the
 * web app rebuilds it and one that does not costs nothing.
 *
 *   tsx scripts/build-web.ts          build if missing or stale (npm start, the tests)
 *   tsx scripts/build-web.ts --force  always build (npm run build:web)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'web', 'dist');
const stampFile = join(dist, '.build-stamp');

/** Everything the build reads: the web app, the shared schemas and enums, the dependency versions. */
const INPUTS = ['web', 'src/contract', 'src/domain/enums.ts', 'src/domain/credit-code.ts', 'package-lock.json'];
const SKIP = new Set(['dist', 'screenshots', 'node_modules']);

function files(path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !SKIP.has(d.name) && !d.name.startsWith('.'))
    .flatMap((d) => files(join(path, d.name)));
}

export function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap(files).sort()) {
    hash.update(relative(root, join(root, file)).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  if (!existsSync(join(dist, 'index.html')) || !existsSync(stampFile)) return false;
  return readFileSync(stampFile, 'utf8').trim() === sourceHash();
}

/** Builds web/dist unless it is current (or always, with force). Returns whether it built. */
export function buildWeb(options: { force?: boolean; quiet?: boolean } = {}): boolean {
  if (!options.force && webBuildIsCurrent()) {
    if (!options.quiet) console.log('web/dist is up to date');
    return false;
  }
  const hash = sourceHash();
  const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--config', join(root, 'web', 'vite.config.ts')], {
    cwd: root,
    stdio: options.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    if (options.quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`vite build failed (exit ${result.status})`);
  }
  writeFileSync(stampFile, `${hash}\n`);
  return true;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  try {
    buildWeb({ force: process.argv.includes('--force') });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

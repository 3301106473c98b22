/**
 * Assembles the Workers static assets (wrangler.toml `[assets] directory`, run by its `[build]`
 * command before `wrangler dev` and `wrangler deploy`):
 *   build/worker-assets/             the built web app (web/dist, built first if stale)
 *   build/worker-assets/api/docs/assets/  Swagger UI's two files, read by the worker through the
 *                                    ASSETS binding for /api/docs (the Node server reads them
 *                                    from node_modules)
 *   build/worker-assets/_headers     the app's security headers on every asset, and a year's
 *                                    cache for the hashed /assets/*
 */
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { SECURITY_HEADERS } from '../src/api/security-headers.js';
import { buildWeb } from './build-web.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const WORKER_ASSETS_DIR = join(root, 'build', 'worker-assets');
const DOCS_FILES = ['swagger-ui.css', 'swagger-ui-bundle.js'];

/** The headers hono's secureHeaders sets, as `_headers` lines. */
async function securityHeaderLines(): Promise<string[]> {
  const probe = new Hono().use('*', secureHeaders(SECURITY_HEADERS)).get('/', (c) => c.text(''));
  const res = await probe.request('/');
  return [...res.headers].filter(([name]) => name !== 'content-type').map(([name, value]) => `  ${name}: ${value}`);
}

export async function buildWorkerAssets(): Promise<string> {
  buildWeb({ quiet: true });
  rmSync(WORKER_ASSETS_DIR, { recursive: true, force: true });
  mkdirSync(WORKER_ASSETS_DIR, { recursive: true });
  // Dot files (the build stamp) are not the app's.
  cpSync(join(root, 'web', 'dist'), WORKER_ASSETS_DIR, { recursive: true, filter: (src) => !src.split(/[\\/]/).pop()!.startsWith('.') });
  const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  const docsDir = join(WORKER_ASSETS_DIR, 'api', 'docs', 'assets');
  mkdirSync(docsDir, { recursive: true });
  for (const file of DOCS_FILES) copyFileSync(join(swaggerDir, file), join(docsDir, file));
  const headers = ['/*', ...(await securityHeaderLines()), '/assets/*', '  Cache-Control: public, max-age=31536000, immutable', ''];
  writeFileSync(join(WORKER_ASSETS_DIR, '_headers'), headers.join('\n'));
  return WORKER_ASSETS_DIR;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  buildWorkerAssets().then(
    (dir) => console.log(`worker assets in ${dir}`),
    (err) => {
      console.error((err as Error).message);
      process.exit(1);
    },
  );
}

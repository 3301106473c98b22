/**
 * The web app (web/dist, built by Vite): the desk pages (/login, /duty, /board, /admin, /meetings), the
 * liaison's phone page (/m) and their hashed assets, from this server — no CDN. The reader is
 * injected (Node reads the folder) so the app stays free of node:fs.
 */
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { getRuntimeKey } from 'hono/adapter';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.js';

/** Reads a file of the built app by its path inside web/dist; null when there is none. */
export type WebAssetReader = (file: string) => Promise<Uint8Array | null>;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** Page routes and the HTML entry each one loads; the client routes within an entry. */
const DESK_PAGES = ['/', '/login', '/duty', '/duty/*', '/board', '/board/*', '/admin', '/admin/*', '/meetings', '/bulletins', '/bulletins/*'];
const PHONE_PAGES = ['/m', '/m/*'];

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>联防 Lianfang</title>
<p>网页尚未构建，请运行 <code>npm run build:web</code> (the web app is not built: run npm run build:web).</p></html>`;

/** A file path that stays inside the build folder. */
function safePath(path: string): string | null {
  let file: string;
  try {
    file = decodeURIComponent(path).replace(/^\/+/, '');
  } catch {
    return null;
  }
  if (!file || file.split('/').some((part) => part === '' || part === '.' || part === '..' || part.startsWith('.'))) return null;
  return file;
}

function typeOf(file: string): string | undefined {
  const dot = file.lastIndexOf('.');
  return dot < 0 ? undefined : TYPES[file.slice(dot).toLowerCase()];
}

export function webRoutes(readAsset: WebAssetReader) {
  const router = new Hono<AppEnv>();
  // Only the web app's own responses are compressed; this router is mounted last, at '/'.
  // Workers compress responses themselves: hono's compress there would encode them twice.
  const gzip: MiddlewareHandler = getRuntimeKey() === 'workerd' ? (_c, next) => next() : compress();

  const page = (entry: string) => async (c: import('hono').Context<AppEnv>) => {
    const body = await readAsset(entry);
    if (!body) return c.html(NOT_BUILT, 503);
    return c.body(body as never, 200, { 'content-type': TYPES['.html']!, 'cache-control': 'no-cache' });
  };
  for (const path of DESK_PAGES) router.get(path, gzip, page('index.html'));
  for (const path of PHONE_PAGES) router.get(path, gzip, async (c) => ((await readAsset('m.html')) ? page('m.html')(c) : page('index.html')(c)));

  // Hashed assets never change under their name; anything else at the top level (icons, a
  // manifest, a service worker) is revalidated.
  router.get('*', gzip, async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    const file = safePath(c.req.path);
    const type = file && file !== 'index.html' && file !== 'm.html' ? typeOf(file) : undefined;
    const body = type ? await readAsset(file!) : null;
    if (!body) return next();
    const cache = file!.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return c.body(body as never, 200, { 'content-type': type!, 'cache-control': cache });
  });
  return router;
}

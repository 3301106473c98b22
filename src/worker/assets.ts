/**
 * The Worker reads static files through its ASSETS binding (build/worker-assets, assembled by
 * scripts/build-worker-assets.ts): the API docs' Swagger UI files, and the pages of routes the
 * worker answers first (the liaison page under /m/…). Everything else static is served by
 * Cloudflare before the worker runs.
 */
import type { AssetReader } from '../api/docs/index.js';
import type { WebAssetReader } from '../api/web/index.js';
import type { AssetsBinding } from './env.js';

const DOCS_TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Any origin will do: the binding looks only at the path. */
const assetUrl = (path: string) => `https://assets.invalid/${path}`;

export function docsAssetReader(assets: AssetsBinding | undefined): AssetReader {
  return async (file) => {
    const type = DOCS_TYPES[file.slice(file.lastIndexOf('.'))];
    if (!assets || !type) return null;
    const res = await assets.fetch(assetUrl(`api/docs/assets/${file}`));
    return res.ok ? { body: res.body ?? '', type } : null;
  };
}

/** Only the two pages: other files never reach the worker, and a missing one would come back as
 * the single-page fallback (index.html) rather than a miss. */
const PAGES = new Set(['index.html', 'm.html']);

export function webAssetReader(assets: AssetsBinding | undefined): WebAssetReader {
  return async (file) => {
    if (!assets || !PAGES.has(file)) return null;
    const res = await assets.fetch(assetUrl(file));
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  };
}

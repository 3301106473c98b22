/** Human API docs at /api/docs: Swagger UI from our own origin, no CDN. */
import { Hono } from 'hono';
import type { AppEnv } from '../env.js';

export type AssetReader = (file: string) => Promise<{ body: BodyInit; type: string } | null>;

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>联防 Lianfang API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/docs-init.js"></script>
</body>
</html>`;

// Inline scripts would need a CSP exception, so the initialiser is served as a file too.
const INIT = `window.ui = SwaggerUIBundle({ url: '/api/v1/openapi.json', dom_id: '#docs', deepLinking: true, persistAuthorization: true });`;

const ALLOWED = new Set(['swagger-ui.css', 'swagger-ui-bundle.js']);

export function docsRoutes(readAsset: AssetReader) {
  const router = new Hono<AppEnv>();
  router.get('/api/docs', (c) => c.html(PAGE));
  router.get('/api/docs/assets/docs-init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  router.get('/api/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const asset = ALLOWED.has(file) ? await readAsset(file) : null;
    if (!asset) return c.notFound();
    return c.body(asset.body as never, 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=86400' });
  });
  return router;
}

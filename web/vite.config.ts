/**
 * The web app: one Vite build with two HTML entries — the desk pages (index.html: /login,
 * /duty, /board, /admin, each page a lazily loaded chunk) and the liaison's phone page (m.html:
 * /m), so /m never loads the desk's code. Output: web/dist, served by the Node server.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.LIANFANG_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    chunkSizeWarningLimit: 300,
    rolldownOptions: {
      input: { main: `${root}index.html`, m: `${root}m.html` },
    },
  },
  // `npx vite --config web/vite.config.ts` for development against `npm start` on port 3000.
  server: {
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});

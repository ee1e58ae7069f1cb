import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const protocolSource = fileURLToPath(new URL('../packages/protocol/src/index.ts', import.meta.url));
const api = { target: 'http://127.0.0.1:8080', ws: true };

/**
 * The web app. No plugins: Vite compiles TSX itself (oxc). Output goes to web/dist, which the server serves with a
 * strict CSP (`script-src 'self'; style-src 'self'`), so nothing may be inlined into index.html.
 */
const config: UserConfig = {
  root: here,
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic' } },
  resolve: { alias: { '@treffpunkt/protocol': protocolSource } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Inlined assets would become data: URLs; keep every asset a file of its own.
    assetsInlineLimit: 0,
  },
  server: { host: '127.0.0.1', proxy: { '/api': api } },
  preview: { host: '127.0.0.1', proxy: { '/api': api } },
};

export default config;

import { defineConfig } from 'vite';

// Preact's automatic JSX runtime; the output is static files only (dist/), served by the gateway at /.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    // No inline <script> or data: modules, so the gateway's Content-Security-Policy can say script-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
  server: {
    proxy: { '/v1': 'http://127.0.0.1:8080', '/console-config.json': 'http://127.0.0.1:8080' },
  },
});

import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// The app is a static bundle: the engine runs in a module Web Worker and loads
// its data from public/data and the tfjs wasm binaries from the bundle itself.
// Both servers send the cross-origin isolation headers (threaded WebAssembly).
//
// The CSP lives here rather than in a module of its own: a config that imports
// a local .ts file without its extension is something Vite's coming native
// config loader cannot read (it warns on every build), and tsconfig does not
// allow '.ts' in import paths.
//
// No chunkSizeWarningLimit: every page chunk is under Vite's 500 kB default,
// and the two worker bundles (engine.worker and rows.worker, ~1.4–1.6 MB with
// tfjs and its three backends) are built apart and not size-checked.

/**
 * The Content-Security-Policy of the built app: no inline script, no eval
 * (WebAssembly compilation only, via 'wasm-unsafe-eval'), every fetch to the
 * page's own origin. Inline style attributes stay allowed ('unsafe-inline' in
 * style-src): recharts and React set style="…" on chart elements.
 *
 * Added to the built index.html as a <meta> tag (for any static host) and sent
 * as a header by `vite preview` (a header also covers the worker, which a
 * <meta> tag in the page does not, and allows frame-ancestors).
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
];

/**
 * Cross-origin isolation (COOP + COEP): gives the page SharedArrayBuffer, which
 * the threaded WebAssembly build needs. Sent by the dev server and `vite
 * preview`; a static host must send them itself (README). Everything the app
 * loads is same-origin, so require-corp blocks nothing. Without them the app
 * runs single-threaded WebAssembly.
 */
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

const CSP_META = CSP_DIRECTIVES.join('; ');
const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'self'"].join('; ');

/** Injects the CSP <meta> into the built index.html only (the dev server needs an inline script for React refresh). */
function cspPlugin(): Plugin {
  return {
    name: 'te-nas-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: (html) =>
        html.replace(
          '<meta charset="UTF-8" />',
          `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
        ),
    },
  };
}

export default defineConfig({
  plugins: [react(), cspPlugin()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { port: 5173, headers: { ...ISOLATION_HEADERS } },
  preview: { port: 4173, headers: { 'Content-Security-Policy': CSP_HEADER, ...ISOLATION_HEADERS } },
});

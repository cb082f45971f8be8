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
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES = [
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
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
} as const;

export const CSP_META = CSP_DIRECTIVES.join('; ');
export const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'self'"].join('; ');

/** Injects the CSP <meta> into the built index.html only (the dev server needs an inline script for React refresh). */
export function cspPlugin(): Plugin {
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

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { CSP_HEADER, cspPlugin, ISOLATION_HEADERS } from './scripts/csp';

// The app is a static bundle: the engine runs in a module Web Worker and loads
// its data from public/data and the tfjs wasm binaries from the bundle itself.
// Both servers send the cross-origin isolation headers (threaded WebAssembly).
export default defineConfig({
  plugins: [react(), cspPlugin()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173, headers: { ...ISOLATION_HEADERS } },
  preview: { port: 4173, headers: { 'Content-Security-Policy': CSP_HEADER, ...ISOLATION_HEADERS } },
});

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is a static bundle: the engine runs in a module Web Worker and loads
// its data from public/data and the tfjs wasm binaries from the bundle itself.
export default defineConfig({
  plugins: [react()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { port: 5173 },
  preview: { port: 4173 },
});

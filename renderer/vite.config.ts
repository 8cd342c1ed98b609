import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The same build runs in Electron (app://dyad/) and behind `dyad serve` (http://127.0.0.1:port/), so asset paths
// are relative. No inline scripts anywhere: the CSP allows only 'self'.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    target: 'chrome120',
    // The polyfill would be injected as code in the entry; every browser Dyad runs in has modulepreload.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});

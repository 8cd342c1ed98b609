import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The entry (main.tsx) is the store and its API client only, and imports React and the app (render.tsx) once the
 * project's first calls are sent. Left to that import, the browser would ask for React only after the entry ran, and
 * then wait behind those calls on the core's one thread. Listed in the page as modulepreload, React and the app are
 * fetched and compiled beside the entry instead (issue 17: page load → navigator shown).
 */
function preloadTheApp(): Plugin {
  let base = './';
  return {
    name: 'dyad:preload-the-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const render = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId?.endsWith('/src/render.tsx'));
        if (!render || render.type !== 'chunk') throw new Error('renderer build: the chunk of src/render.tsx is missing; update preloadTheApp in vite.config.ts.');
        const files = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = bundle[fileName];
          if (files.has(fileName) || !chunk || chunk.type !== 'chunk' || chunk.isEntry) return;
          files.add(fileName);
          chunk.imports.forEach(visit);
        };
        visit(render.fileName);
        return [...files]
          .filter((f) => !html.includes(`${base}${f}`))
          .map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

// The same build runs in Electron (app://dyad/) and behind `dyad serve` (http://127.0.0.1:port/), so asset paths
// are relative. No inline scripts anywhere: the CSP allows only 'self'.
export default defineConfig({
  root: here,
  base: './',
  plugins: [react(), preloadTheApp()],
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

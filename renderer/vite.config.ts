import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The entry (main.ts) is the first screen in plain DOM and its API client only (firstScreen/), and imports React, the
 * store and the app (render.tsx) once it has drawn the navigator. Left to that import, the browser would ask for
 * React only then; listed in the page as modulepreload, React and the app are fetched and compiled beside the entry
 * and only run after the navigator is painted (issue 17: page load → navigator shown).
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
        // The entry runs as soon as it has arrived (async): a deferred module script would wait for the parser and for
        // the stylesheet, and its first calls with it. main.ts copes with a page not yet parsed to its #root.
        const entry = ctx.chunk?.fileName;
        const tag = `<script type="module" crossorigin src="${base}${entry}"></script>`;
        if (!entry || !html.includes(tag)) throw new Error('renderer build: the entry script is not where preloadTheApp looks for it; update vite.config.ts.');
        return {
          html: html.replace(tag, `<script type="module" async crossorigin src="${base}${entry}"></script>`),
          tags: [...files]
            .filter((f) => !html.includes(`${base}${f}`))
            .map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` }, injectTo: 'head' as const })),
        };
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

import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import type { FirstScreen } from './firstScreen';
import { startLoading, whenTreeIn } from './startup';

/**
 * React and the app, run by main.ts once the first screen is painted (or will not be drawn). The store takes the
 * first screen's answers; React's first render then draws the same screen and replaces the first one in the same
 * task, so nothing is painted between the two; what the researcher did on the first screen is carried over.
 */
export function startApp(root: HTMLElement, first: FirstScreen): void {
  startLoading();
  // The first screen showed the tree: React's first render shows it too. Without a first screen the page has waited
  // long enough already: React draws at once ("Opening the project…" while the core is still answering).
  whenTreeIn(() => {
    const kept = first.handOver();
    const app = createRoot(root);
    root.replaceChildren();
    flushSync(() =>
      app.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    );
    kept.restore(root);
  }, 0);
}

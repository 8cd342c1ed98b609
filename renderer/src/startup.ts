import { loadDyadView } from './components/dyad-view/loadDyadView';
import { loadLateParts } from './lateParts';
import { useStore } from './store';
import { afterPaint } from './util/afterPaint';

/**
 * The store's first load: the project and the navigator's tree, from the answers the page's first script asked for
 * (firstScreen/firstCalls.ts), then the session the address remembers. Issue 17: page load → navigator shown ≤ 150 ms.
 */
export function startLoading(): void {
  void useStore.getState().loadProject();
}

let lateStarted = false;

/**
 * Called by React's navigator once it has drawn the project's tree: after that frame is painted, what coding needs
 * (coder, codebook, undo state, memos), the session view's script and the late parts (the coding layer, dialogs),
 * so that choosing a session or acting finds them there. Started from the drawn navigator, not from the tree's
 * arrival: on a loaded machine the tree can come before React has loaded, and these calls and scripts then queued
 * ahead of the navigator's first frame.
 */
export function navigatorShown(): void {
  if (lateStarted) return;
  lateStarted = true;
  afterPaint(() => {
    void useStore.getState().loadCoding();
    void loadDyadView();
    loadLateParts();
  });
}

/**
 * Runs `then` once the navigator's tree is in the store (or failed to come), or after `atMostMs`, whichever is first.
 * React's first render waits for it: it replaces the first screen (firstScreen/), which shows the tree, so it must
 * show the tree too; and a render of the empty navigator just before the full one costs a render nobody reads.
 */
export function whenTreeIn(then: () => void, atMostMs = Infinity): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    stop();
    clearTimeout(timer);
    then();
  };
  const stop = useStore.subscribe((s) => {
    if (s.treeLoaded) run();
  });
  const timer = Number.isFinite(atMostMs) ? setTimeout(run, atMostMs) : undefined;
  if (useStore.getState().treeLoaded) run();
}

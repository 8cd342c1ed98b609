import { loadDyadView } from './components/dyad-view/loadDyadView';
import { loadLateParts } from './lateParts';
import { useStore } from './store';

/**
 * The project's first calls, made as the script starts, before React's first render: the navigator's tree first
 * and alone (the core answers calls one at a time, so anything sent beside it delays it). Issue 17: page load →
 * navigator shown ≤ 150 ms.
 */
export function startLoading(): void {
  void useStore.getState().loadProject();
}

let lateStarted = false;

/**
 * Called by the navigator once it has drawn the project's tree: after that frame is painted, what coding needs
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
 * React's first render waits for it: a render of the empty navigator just before the full one costs the page a
 * render, a layout and a paint for a frame nobody reads.
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

/**
 * After the next frame is painted: the store's subscribers run inside the update that brings the tree, before React
 * draws it, so whatever starts there would be paid for before the navigator shows. A hidden window may never give
 * a frame: then a timer does it.
 */
function afterPaint(f: () => void): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    f();
  };
  requestAnimationFrame(() => setTimeout(run, 0));
  setTimeout(run, 200);
}

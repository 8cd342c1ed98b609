import { loadDyadView } from './components/dyad-view/loadDyadView';
import { loadLateParts } from './lateParts';
import { useStore } from './store';

/**
 * The project's first calls, made as the script starts, before React's first render: the navigator's tree first
 * and alone (the core answers calls one at a time, so anything sent beside it delays it), then, once the tree is
 * in, what coding needs (coder, codebook, undo state, memos), the session view's script and the late parts (the
 * coding layer, dialogs), so that choosing a session or acting finds them there. Issue 17: page load → navigator shown ≤ 150 ms.
 */
export function startLoading(): void {
  const store = useStore;
  void store.getState().loadProject();
  const loadCoding = () => {
    void store.getState().loadCoding();
    void loadDyadView();
    loadLateParts();
  };
  if (store.getState().treeLoaded) return loadCoding();
  const stop = store.subscribe((s) => {
    if (!s.treeLoaded) return;
    stop();
    loadCoding();
  });
}

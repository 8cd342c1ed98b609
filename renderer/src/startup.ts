import { loadDyadView } from './components/dyad-view/loadDyadView';
import { useStore } from './store';

/**
 * The project's first calls, made as the script starts, before React's first render: the navigator's tree first
 * and alone (the core answers calls one at a time, so anything sent beside it delays it), then, once the tree is
 * in, what coding needs (coder, codebook, undo state, memos) and the session view's script, so that choosing a
 * session finds both there. Issue 17: page load → navigator shown ≤ 150 ms.
 */
export function startLoading(): void {
  const store = useStore;
  void store.getState().loadProject();
  const loadCoding = () => {
    void store.getState().loadCoding();
    void loadDyadView();
  };
  if (store.getState().treeLoaded) return loadCoding();
  const stop = store.subscribe((s) => {
    if (!s.treeLoaded) return;
    stop();
    loadCoding();
  });
}

import { useEffect } from 'react';
import { useStore } from '../store';
import { onEvent } from './client';

/**
 * Keeps the store's cache in step with the core: loads the project once, then refreshes what a 'changed' event
 * names (another window, the command line, or this window's own writes). Bursts are coalesced.
 */
export function useCoreEvents(): void {
  useEffect(() => {
    const store = useStore.getState;
    void store().loadProject();
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const what = pending;
      pending = new Set();
      const s = store();
      if (what.has('dyads') || what.has('settings') || what.has('all')) void s.refreshTree();
      if (what.has('dyads') || what.has('all')) void s.refreshSession();
      else if (what.has('alignment') || what.has('settings')) void s.refreshAlignment();
    };
    return onEvent((e) => {
      if (e.type !== 'changed') return;
      for (const w of e.what) pending.add(w);
      timer ??= setTimeout(flush, 50);
    });
  }, []);
}

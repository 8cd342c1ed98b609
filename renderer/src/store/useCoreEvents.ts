import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { useStore } from './index';

/**
 * Keeps the store's cache in step with the core (startup.ts loads it first): refreshes what a 'changed' event
 * names (another window, the command line, or this window's own writes). Bursts are coalesced.
 */
export function useCoreEvents(): void {
  useEffect(() => {
    const store = useStore.getState;
    let pending = new Set<string>();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      timer = null;
      const what = pending;
      pending = new Set();
      const s = store();
      if (what.has('dyads') || what.has('settings') || what.has('all') || what.has('interviews')) void s.refreshTree();
      if (what.has('dyads') || what.has('all') || what.has('interviews')) void s.refreshSession();
      else if (what.has('alignment') || what.has('settings')) void s.refreshAlignment();
      if (what.has('codings') || what.has('all')) void s.refreshCodings();
      if (what.has('codebooks') || what.has('all')) void s.refreshCodebooks();
      if (what.has('coders') || what.has('all')) void s.refreshCoders();
      if (what.has('undo') || what.has('all')) void s.refreshUndo();
      if (what.has('memos') || what.has('all')) void s.refreshMemos();
      // What waits to be sent changes with every write; the lab page asks again while it is open.
      if (s.page === 'lab' && !s.labSyncing) void s.refreshLab();
    };
    return onEvent((e) => {
      if (e.type !== 'changed') return;
      // The shell's menu speaks through the same stream: File ▸ Import opens the import dialog. Other 'ui:'
      // entries are commands, not changes, so they never trigger a refresh.
      if (e.what.includes('ui:import')) store().openImport();
      for (const w of e.what) if (!w.startsWith('ui:')) pending.add(w);
      if (pending.size === 0) return;
      timer ??= setTimeout(flush, 50);
    });
  }, []);
}

import { useEffect } from 'react';
import { useStore } from '../../store';
import { MemoDialog } from '../memos/MemoDialog';
import { CodePalette } from './CodePalette';
import { CoderDialog } from './CoderDialog';
import { CodingPopover } from './CodingPopover';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether a key press belongs to a text field or editor (which has its own undo). */
function typing(t: EventTarget | null): boolean {
  return !!(t as HTMLElement | null)?.closest?.('input, textarea, select, [contenteditable="true"]');
}

/**
 * What coding needs on every page (the coder, codebook, undo state and memos are loaded by startup.ts); Undo/Redo on the keyboard
 * anywhere outside text fields; the coder question, the code palette, the coding popover and the memo editor.
 */
export function CodingRoot() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = mac ? e.metaKey : e.ctrlKey;
      if (!mod || e.altKey || typing(e.target)) return;
      const key = e.key.toLowerCase();
      const s = useStore.getState();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void s.undo();
      } else if ((key === 'z' && e.shiftKey) || (key === 'y' && !mac && !e.shiftKey)) {
        e.preventDefault();
        void s.redo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <CoderDialog />
      <CodePalette />
      <CodingPopover />
      <MemoDialog />
    </>
  );
}

import { useEffect, type RefObject } from 'react';
import { useStore } from '../../store';
import { CODE_MIME } from '../codebook/dnd';
import { spanTarget, turnTarget } from './targets';

/**
 * A code dragged from the codebook onto the view codes the selected passage, or, with nothing selected, the turn
 * it is dropped on.
 */
export function useCodeDrop(rowsRef: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    const el = rowsRef.current;
    if (!el) return;
    let lit: Element | null = null;
    const light = (turn: Element | null) => {
      if (lit === turn) return;
      lit?.classList.remove('is-drop-target');
      turn?.classList.add('is-drop-target');
      lit = turn;
    };
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes(CODE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      const s = useStore.getState();
      light(s.selection ? null : ((e.target as Element).closest?.('.turn[data-turn-id]') ?? null));
    };
    const leave = (e: DragEvent) => {
      if (!el.contains(e.relatedTarget as Node | null)) light(null);
    };
    const drop = (e: DragEvent) => {
      const codeId = e.dataTransfer?.getData(CODE_MIME);
      light(null);
      if (!codeId) return;
      e.preventDefault();
      const s = useStore.getState();
      if (s.selection) {
        s.applyCode(codeId, spanTarget(s.selection).target);
        return;
      }
      const turn = (e.target as Element).closest?.('.turn[data-turn-id]');
      const iv = turn?.closest('[data-interview-id]')?.getAttribute('data-interview-id');
      const t = turn && iv ? turnTarget(iv, turn.getAttribute('data-turn-id')!) : null;
      if (t) s.applyCode(codeId, t.target);
      else s.notify('info', 'Drop the code on a selected passage or on a speaker turn.');
    };
    el.addEventListener('dragover', over);
    el.addEventListener('dragleave', leave);
    el.addEventListener('drop', drop);
    return () => {
      el.removeEventListener('dragover', over);
      el.removeEventListener('dragleave', leave);
      el.removeEventListener('drop', drop);
    };
  }, [rowsRef, ready]);
}

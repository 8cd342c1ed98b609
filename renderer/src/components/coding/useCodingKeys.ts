import { useEffect, type RefObject } from 'react';
import { useStore } from '../../store';
import { flattenCodes } from './model/codeList';
import { chordOf, sameShortcut } from './model/shortcuts';
import { momentTarget, spanTarget, turnTarget, unitOfElement } from './targets';
import { syncSelection } from './useSelectionTracking';

/** Typing in a field or an editor, or a dialog open: the view's keys stay out of the way. */
export function keysBelongElsewhere(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  if (t?.closest?.('input, textarea, select, [contenteditable="true"], [role="menu"]')) return true;
  return !!document.querySelector('.modal-backdrop, .palette-backdrop');
}

const elementOf = (n: Node | null): Element | null => (n ? (n.nodeType === Node.ELEMENT_NODE ? (n as Element) : n.parentElement) : null);

/**
 * The coding view's keyboard: a code's shortcut codes the selected passage; T / M open the palette for the
 * whole turn / recall moment under the caret or pointer; Ctrl/Cmd+K opens the palette, Ctrl/Cmd+I codes in vivo;
 * Delete removes the selected coding; Escape lets go; Shift+arrows extend the selection, Alt+↑/↓ move between turns.
 */
export function useCodingKeys(rowsRef: RefObject<HTMLElement | null>, ready = true): void {
  useEffect(() => {
    let hovered: Element | null = null;
    const root = () => rowsRef.current;
    const onOver = (e: MouseEvent) => {
      hovered = (e.target as Element | null)?.closest?.('.turn[data-turn-id]') ?? hovered;
    };
    /** The turn the researcher is at: the keyboard's focus, the caret's or selection's, else the one under the pointer. */
    const currentTurn = (): Element | null => {
      const focused = focusedTurn();
      if (focused) return focused;
      const dom = window.getSelection();
      const at = dom && dom.rangeCount > 0 && root()?.contains(dom.focusNode) ? elementOf(dom.focusNode)?.closest('.turn[data-turn-id]') : null;
      return at ?? (hovered?.isConnected ? hovered : null);
    };
    /** A turn focused from the keyboard (a click also focuses a turn, but then the mouse is what points). */
    const focusedTurn = (): HTMLElement | null => {
      const a = document.activeElement as HTMLElement | null;
      return a && root()?.contains(a) && a.matches('.turn[data-turn-id]:focus-visible') ? a : null;
    };
    /** Moves the keyboard's focus to a turn, with the caret at its start (Shift+arrows select from there). */
    const focusTurn = (turn: Element | null | undefined) => {
      if (!(turn instanceof HTMLElement)) return;
      turn.focus({ preventScroll: true });
      caretAt(turn);
    };
    const sideOf = (turn: Element) => (turn.closest('.cell--client') ? 'client' : 'therapist');
    /** The first turn of the rows after (or before) this one's that has one on the given side: the next moment. */
    const turnOfRow = (from: Element, step: 1 | -1, side: string): Element | null => {
      const item = from.closest('.rows__item');
      let index = Number(item?.getAttribute('data-index'));
      for (let k = 0; k < 50 && Number.isFinite(index); k++) {
        index += step;
        const row = root()?.querySelector(`.rows__item[data-index="${index}"]`);
        if (!row) return null;
        const t = row.querySelector(`.cell--${side} .turn[data-turn-id]`);
        if (t) return t;
      }
      return null;
    };
    const caretAt = (turn: Element, extend = false) => {
      const text = turn.querySelector('.turn__text');
      const dom = window.getSelection();
      if (!text || !dom) return;
      if (!extend) dom.collapse(text, 0);
      root()?.querySelectorAll('.turn.is-current').forEach((el) => el.classList.remove('is-current'));
      turn.classList.add('is-current');
      turn.scrollIntoView({ block: 'nearest' });
    };

    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || keysBelongElsewhere(e)) return;
      // 'selectionchange' arrives after the change: a key pressed at once must still see the new selection.
      syncSelection(root());
      const s = useStore.getState();
      if (s.page !== 'session') return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();

      if (mod && !e.altKey && !e.shiftKey && key === 'k') {
        e.preventDefault();
        if (s.selection) {
          const t = spanTarget(s.selection);
          s.openPalette(t.target, t.label);
        } else {
          const turn = currentTurn();
          const t = turn ? turnTarget(turn.closest('[data-interview-id]')!.getAttribute('data-interview-id')!, turn.getAttribute('data-turn-id')!) : null;
          if (t) s.openPalette(t.target, t.label);
          else s.notify('info', 'Select a passage to code, or point at a turn.');
        }
        return;
      }
      if (mod && !e.altKey && !e.shiftKey && key === 'i') {
        e.preventDefault();
        void s.codeInVivo();
        return;
      }
      if ((e.key === 'Delete' || e.key === 'Backspace') && s.selectedCodingId && !mod) {
        e.preventDefault();
        s.removeCoding(s.selectedCodingId);
        return;
      }
      if (e.key === 'Escape') {
        if (s.selectedCodingId) s.selectCoding(null);
        else if (s.selection) {
          s.setSelection(null);
          window.getSelection()?.removeAllRanges();
        }
        return;
      }
      // The keyboard's way through the transcript: ↓/↑ the next turn in the column, ←/→ the other column's turn in
      // the same moment, Page Down/Up (or Ctrl+↓/↑) the next moment. From the list itself, ↓ enters the first turn.
      const plainArrow = !e.shiftKey && !e.altKey && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'PageUp', 'PageDown'].includes(e.key);
      if (plainArrow && (document.activeElement === root() || focusedTurn())) {
        const turn = focusedTurn();
        if (!turn) {
          if (e.key !== 'ArrowDown' || mod) return;
          const box = root()!.getBoundingClientRect();
          const first = [...root()!.querySelectorAll('.cell--client .turn[data-turn-id], .cell--therapist .turn[data-turn-id]')].find((t) => t.getBoundingClientRect().bottom > box.top + 40);
          e.preventDefault();
          focusTurn(first);
          return;
        }
        const side = sideOf(turn);
        let next: Element | null | undefined = null;
        if (e.key === 'PageDown' || e.key === 'PageUp' || (mod && (e.key === 'ArrowDown' || e.key === 'ArrowUp'))) {
          next = turnOfRow(turn, e.key === 'PageDown' || e.key === 'ArrowDown' ? 1 : -1, side);
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          const list = [...root()!.querySelectorAll(`.cell--${side} .turn[data-turn-id]`)];
          next = list[list.indexOf(turn) + (e.key === 'ArrowDown' ? 1 : -1)];
        } else if (!mod) {
          const other = side === 'client' ? 'therapist' : 'client';
          if ((e.key === 'ArrowRight') === (side === 'client')) next = turn.closest('.rows__item')?.querySelector(`.cell--${other} .turn[data-turn-id]`);
        }
        e.preventDefault();
        if (next) focusTurn(next);
        return;
      }
      // Keyboard selection: extend the selection like a text editor would (the text is not editable).
      if (e.shiftKey && !e.metaKey && ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'].includes(e.key)) {
        const dom = window.getSelection();
        if (!dom) return;
        if (!(dom.rangeCount > 0 && root()?.contains(dom.focusNode))) {
          const turn = currentTurn();
          if (!turn) return;
          caretAt(turn);
        }
        e.preventDefault();
        const forward = e.key === 'ArrowRight' || e.key === 'ArrowDown';
        const unit = e.key === 'ArrowUp' || e.key === 'ArrowDown' ? 'line' : e.ctrlKey || e.altKey ? 'word' : 'character';
        dom.modify('extend', forward ? 'forward' : 'backward', unit);
        return;
      }
      if (e.altKey && !e.shiftKey && !mod && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        const turns = [...(root()?.querySelectorAll('.turn[data-turn-id]') ?? [])];
        if (!turns.length) return;
        e.preventDefault();
        const cur = currentTurn();
        const i = cur ? turns.indexOf(cur) : -1;
        const next = turns[Math.max(0, Math.min(turns.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
        if (next) caretAt(next);
        return;
      }
      if (!mod && !e.altKey && (key === 't' || key === 'm') && !e.repeat) {
        const turn = currentTurn();
        if (!turn) return;
        e.preventDefault();
        if (key === 't') {
          const t = turnTarget(turn.closest('[data-interview-id]')!.getAttribute('data-interview-id')!, turn.getAttribute('data-turn-id')!);
          if (t) s.openPalette(t.target, t.label);
        } else {
          const unit = unitOfElement(turn);
          const t = unit ? momentTarget(unit) : null;
          if (t) s.openPalette(t.target, t.label);
          else s.notify('info', 'This passage is not a recall moment (the transcript marks no session time here).');
        }
        return;
      }
      // A code's own key.
      const book = s.codebooks.find((b) => b.id === s.codebookId) ?? s.codebooks[0];
      if (!book || e.repeat) return;
      const chord = chordOf(e);
      const hit = flattenCodes(book.codes).find((f) => sameShortcut(f.code.shortcut, chord));
      if (!hit) return;
      e.preventDefault();
      if (!s.selection) {
        // A turn reached with the keyboard is what the key acts on: the whole turn.
        const turn = focusedTurn();
        const t = turn ? turnTarget(turn.closest('[data-interview-id]')!.getAttribute('data-interview-id')!, turn.getAttribute('data-turn-id')!) : null;
        if (t) {
          s.applyCode(hit.code.id, t.target);
          return;
        }
        s.notify('info', `Select a passage first to code it as "${hit.code.name}" (or press T for the whole turn, then ${hit.code.shortcut}).`);
        return;
      }
      const t = spanTarget(s.selection);
      s.applyCode(hit.code.id, t.target);
      // The passage stays chosen (drawn by the view) so a second code can follow at once.
      if (s.selection.live) {
        s.setSelection({ ...s.selection, live: false });
        window.getSelection()?.removeAllRanges();
      }
    };

    const el = root();
    el?.addEventListener('mouseover', onOver);
    window.addEventListener('keydown', onKey);
    return () => {
      el?.removeEventListener('mouseover', onOver);
      window.removeEventListener('keydown', onKey);
    };
  }, [rowsRef, ready]);
}

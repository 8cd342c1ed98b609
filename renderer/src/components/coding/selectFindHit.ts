import { syncSelection } from './useSelectionTracking';

/**
 * Makes the current Find hit the selected passage and moves the keyboard to its turn, so a code's key codes it
 * at once (Ctrl+Enter in the find box). A hit cut into pieces by coded spans is selected whole. False when there
 * is no current hit on screen.
 */
export function selectFindHit(): boolean {
  const rows = document.querySelector<HTMLElement>('.rows');
  const pieces = rows ? [...rows.querySelectorAll<HTMLElement>('mark[data-find-current]')] : [];
  const first = pieces[0];
  const last = pieces[pieces.length - 1];
  if (!rows || !first?.firstChild || !last?.lastChild) return false;
  const turn = first.closest<HTMLElement>('.turn[data-turn-id]');
  turn?.focus({ preventScroll: true });
  const range = document.createRange();
  range.setStart(first.firstChild, 0);
  range.setEnd(last.lastChild, last.lastChild.textContent?.length ?? 0);
  const dom = window.getSelection();
  if (!dom) return false;
  dom.removeAllRanges();
  dom.addRange(range);
  syncSelection(rows);
  return true;
}

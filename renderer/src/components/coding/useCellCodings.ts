import { useRef } from 'react';
import type { CodingView } from '../../../../shared/coding/types';
import type { CellModel } from '../../model/rows';
import { useStore } from '../../store';
import { drawOrder } from './model/codedPieces';

const NONE: CodingView[] = [];

function same(a: readonly CodingView[], b: readonly CodingView[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.id !== y.id || x.start !== y.start || x.end !== y.end || x.color !== y.color || x.codePath !== y.codePath)) return false;
  }
  return true;
}

/**
 * What one cell needs from the coding state: the shown codings that touch its passage (the same array while they
 * do not change, so an untouched cell does not re-render when another is coded), the selected coding if it is
 * one of them, and the turn being corrected (the passage kept for coding is drawn by useKeptPassage, not here).
 */
export function useCellCodings(cell: CellModel | null, codings: readonly CodingView[] | undefined) {
  const prev = useRef<CodingView[]>(NONE);
  let subset = NONE;
  if (cell && codings?.length) {
    const from = cell.segments[0]?.start ?? cell.unit.start;
    const to = cell.segments[cell.segments.length - 1]?.end ?? cell.unit.end;
    const touching = codings.filter((c) => c.end > from && c.start < to);
    subset = touching.length ? drawOrder(touching) : NONE;
  }
  if (same(prev.current, subset)) subset = prev.current;
  else prev.current = subset;

  const interviewId = cell?.interview.id ?? null;
  const selectedId = useStore((s) => (s.selectedCodingId && subset.some((c) => c.id === s.selectedCodingId) ? s.selectedCodingId : null));
  const editingStart = useStore((s) => {
    const e = s.editingTurn;
    if (!cell || !e || e.interviewId !== interviewId) return null;
    return cell.segments.some((seg) => seg.start === e.start) ? e.start : null;
  });
  return { codings: subset, selectedId, editingStart };
}

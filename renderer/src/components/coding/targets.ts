import type { AlignedSide } from '../../model/types';
import { useStore } from '../../store';
import type { CodingTarget } from '../../store/codingsSlice';
import type { ViewSelection } from '../../store/selectionSlice';
import { formatTime } from '../../util/time';

/** A short quotation of a passage for labels ("“I just felt… small”"). */
export function quote(text: string, max = 60): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t}”`;
}

export function spanTarget(sel: ViewSelection): { target: CodingTarget; label: string } {
  return { target: { kind: 'span', interviewId: sel.interviewId, start: sel.start, end: sel.end }, label: quote(sel.text) };
}

/** A whole speaker turn of the open session, by id. */
export function turnTarget(interviewId: string, turnId: string): { target: CodingTarget; label: string } | null {
  const iv = useStore.getState().detail?.interviews.find((i) => i.id === interviewId);
  const turn = iv?.turns.find((t) => t.id === turnId);
  if (!iv || !turn || turn.end <= turn.start) return null;
  return {
    target: { kind: 'turn', interviewId, turnId, start: turn.start, end: turn.end },
    label: `the whole turn of ${turn.speaker} (${iv.role}), ${quote(iv.text.slice(turn.start, turn.end), 40)}`,
  };
}

export function momentTarget(unit: AlignedSide): { target: CodingTarget; label: string } | null {
  if (unit.kind !== 'moment') return null;
  const iv = useStore.getState().detail?.interviews.find((i) => i.id === unit.interviewId);
  const when = unit.sessionTime !== null ? formatTime(unit.sessionTime) : unit.label;
  return {
    target: { kind: 'moment', interviewId: unit.interviewId, momentId: unit.unitId, start: unit.start, end: unit.end },
    label: `the whole recall moment at ${when}${iv ? ` (${iv.role})` : ''}`,
  };
}

/** The recall moment (unit) of the open session that a DOM element sits in. */
export function unitOfElement(el: Element | null): AlignedSide | null {
  const cell = el?.closest('.cell[data-unit-id]');
  if (!cell) return null;
  const unitId = cell.getAttribute('data-unit-id');
  const side = cell.getAttribute('data-side') as 'client' | 'therapist' | null;
  const rows = useStore.getState().alignment?.rows ?? [];
  for (const r of rows) {
    const u = side ? r[side] : null;
    if (u && u.unitId === unitId) return u;
  }
  return null;
}

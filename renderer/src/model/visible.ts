import type { CodingView } from '../../../shared/coding/types';

/**
 * Whose codings the view shows: the current coder's ('mine'), chosen coders side by side with their stripes in
 * one group per coder ('side'; null = every coder), or every coder's overlaid ('all').
 */
export type CoderFilterMode = 'mine' | 'side' | 'all';
export interface CoderFilter {
  mode: CoderFilterMode;
  coderIds: string[] | null;
}

export function visibleCodings(
  saved: readonly CodingView[] | undefined,
  pending: readonly CodingView[],
  hidden: Readonly<Record<string, true>>,
  filter: CoderFilter,
  currentCoderId: string | null,
  interviewId: string,
): CodingView[] {
  const shows = (c: CodingView) => {
    if (hidden[c.id]) return false;
    if (filter.mode === 'mine') return currentCoderId === null || c.coderId === currentCoderId;
    if (filter.mode === 'side') return filter.coderIds === null || filter.coderIds.includes(c.coderId);
    return true;
  };
  const out = (saved ?? []).filter(shows);
  for (const p of pending) if (p.interviewId === interviewId && shows(p)) out.push(p);
  return out;
}

export const isPending = (id: string): boolean => id.startsWith('pending:');

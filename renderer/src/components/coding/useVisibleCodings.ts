import { useEffect, useMemo } from 'react';
import type { CodingView } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { visibleCodings } from '../../model/visible';

/**
 * The codings the view shows for each interview of the open session (by the coder filter, with codings being
 * saved already in and codings being removed already out). Fetched when the session opens.
 */
export function useVisibleCodings(sessionId: string): Record<string, CodingView[]> {
  useEffect(() => {
    void useStore.getState().refreshCodings();
  }, [sessionId]);
  const codingsOf = useStore((s) => s.codingsOf);
  const pending = useStore((s) => s.pendingCodings);
  const hidden = useStore((s) => s.hiddenCodings);
  const filter = useStore((s) => s.coderFilter);
  const coderId = useStore((s) => s.coder?.id ?? null);
  const interviews = useStore((s) => s.detail?.interviews);
  return useMemo(() => {
    const out: Record<string, CodingView[]> = {};
    if (!codingsOf || codingsOf.sessionId !== sessionId) return out;
    for (const iv of interviews ?? []) out[iv.id] = visibleCodings(codingsOf.byInterview[iv.id], pending, hidden, filter, coderId, iv.id);
    return out;
  }, [codingsOf, pending, hidden, filter, coderId, interviews, sessionId]);
}

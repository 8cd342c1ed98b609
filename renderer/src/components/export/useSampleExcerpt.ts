import { useEffect, useMemo, useState } from 'react';
import type { AttributionValues } from '../../../../shared/export/attribution';
import type { CodeNode } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { formatTime } from '../../util/time';

/** The first code (depth first) that has codings of its own. */
function firstCoded(nodes: CodeNode[]): string | null {
  for (const n of nodes) {
    if (n.codingCount > 0) return n.id;
    const below = firstCoded(n.children);
    if (below) return below;
  }
  return null;
}

export interface SampleExcerpt {
  values: AttributionValues;
  /** "Dyad 1 · Session 1 · client", to say where the preview comes from. */
  where: string;
}

/**
 * A real excerpt of this project for the attribution preview: of the first chosen code that has one, else of the
 * first coded code. The values are made as the export makes them (electron/export/gather.ts), so the preview is
 * what the file will say. Null while the project has no coding.
 */
export function useSampleExcerpt(codeIds: string[]): SampleExcerpt | null {
  const codebooks = useStore((s) => s.codebooks);
  const tree = useStore((s) => s.tree);
  const fallback = useMemo(() => firstCoded(codebooks.flatMap((b) => b.codes)), [codebooks]);
  const [sample, setSample] = useState<SampleExcerpt | null>(null);
  const wanted = [...codeIds.slice(0, 3), fallback].filter((c): c is string => c !== null);
  const key = wanted.join(',');

  useEffect(() => {
    let stale = false;
    void (async () => {
      for (const code of key ? key.split(',') : []) {
        const r = await useStore.getState().retrieveExcerpts({ code, limit: 1 }).catch(() => null);
        const e = r?.excerpts[0];
        if (!e) continue;
        if (stale) return;
        const dyad = tree.find((d) => d.id === e.dyadId);
        const session = dyad?.sessions.find((s) => s.id === e.sessionId);
        const time = (s: number | null) => (s === null ? null : formatTime(s));
        setSample({
          values: {
            role: e.role,
            dyad: e.dyadName,
            session: String(e.sessionNumber),
            sessionTime: time(e.sessionTime),
            interviewTime: time(e.interviewTime),
            speaker: e.speaker,
            coder: e.coders.join(', '),
            date: session?.date ?? null,
            attributes: dyad?.attributes ?? {},
          },
          where: `dyad ${e.dyadName}, session ${e.sessionNumber}, ${e.role}`,
        });
        return;
      }
      if (!stale) setSample(null);
    })();
    return () => {
      stale = true;
    };
  }, [key, tree]);
  return sample;
}

import type { ParsedTranscript } from '../../../shared/import/types';

/** What each turn says, as a researcher reads it: speaker and words. */
export function said(p: ParsedTranscript): [string, string][] {
  return p.turns.map((t) => [t.speaker, p.text.slice(t.start, t.end)]);
}

/** The recall moments as (session time, marker as written), checking each marker sits at its offset. */
export function moments(p: ParsedTranscript): [number, string][] {
  return p.moments.map((m) => {
    if (p.text.slice(m.offset, m.offset + m.label.length) !== m.label) {
      throw new Error(`moment ${m.label} is not at its offset ${m.offset}`);
    }
    return [m.sessionTime, m.label];
  });
}

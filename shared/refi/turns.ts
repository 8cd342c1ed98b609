/**
 * Speaker turns and recall moments for a text that arrives from another tool without Dyad's own data. The
 * transcript parser works on normalised text (shared/import/normalise.ts: LF line ends, no trailing spaces…),
 * but a REFI source's codings count positions in the text exactly as it is, so the text is kept unchanged and
 * the parser's offsets are mapped back onto it.
 */
import { defaultSpeakerRoles, normaliseText, parseTranscript, speakerCounts } from '../import';
import type { SnapshotInterview } from '../snapshot/types';
import { deriveId } from './guid';

const NEWLINE_LIKE = new Set([0x0a, 0x0d, 0x2028, 0x2029, 0x0b, 0x0c]);

/**
 * For each offset of `normal` (which normaliseText made from `raw` only by dropping characters and turning line
 * breaks into LF), its offset in `raw`; null if the two do not line up that way.
 */
export function normalisedToRaw(raw: string, normal: string): Int32Array | null {
  const map = new Int32Array(normal.length + 1);
  let i = raw.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let j = 0; j < normal.length; j++) {
    const c = normal.charCodeAt(j);
    for (;;) {
      if (i >= raw.length) return null;
      const r = raw.charCodeAt(i);
      if (r === c || (c === 0x0a && NEWLINE_LIKE.has(r))) break;
      i++;
    }
    map[j] = i;
    // CRLF is one line break: it maps as a unit so the next character lines up.
    i += c === 0x0a && raw.charCodeAt(i) === 0x0d && raw.charCodeAt(i + 1) === 0x0a ? 2 : 1;
  }
  map[normal.length] = i;
  return map;
}

/** Turns and moments of `text` with offsets into `text` itself; null when the parser finds no turns. */
export function findTurns(
  text: string,
  opts: { sourceId: string; sourceName: string; customMarkerPatterns?: readonly string[] },
): Pick<SnapshotInterview, 'turns' | 'moments'> | null {
  let parsed;
  try {
    parsed = parseTranscript(text, { fileName: opts.sourceName, format: 'txt', customMarkerPatterns: opts.customMarkerPatterns });
  } catch {
    return null;
  }
  // A text without speaker labels is one block of another tool's source (a paper, field notes): the warning that
  // it is imported as plain text says so, rather than one invented 'Speaker' per paragraph.
  if (parsed.noSpeakerLabels) return null;
  // parseTranscript's text is normaliseText(raw) unless it read subtitles, whose text it rebuilds: no mapping then.
  if (parsed.text !== normaliseText(text)) return null;
  const map = normalisedToRaw(text, parsed.text);
  if (!map) return null;
  const at = (o: number) => map[Math.min(Math.max(o, 0), parsed.text.length)]!;
  const endAt = (o: number) => (o <= 0 ? at(0) : map[o - 1]! + 1);
  const roles = defaultSpeakerRoles(speakerCounts(parsed));
  return {
    turns: parsed.turns.map((t, seq) => ({
      id: deriveId('refi-turn', opts.sourceId, String(seq)),
      seq,
      speaker: t.speaker,
      speakerRole: roles[t.speaker] ?? 'unknown',
      start: at(t.start),
      end: Math.max(at(t.start), endAt(t.end)),
      interviewTime: t.interviewTime,
    })),
    moments: parsed.moments.map((m, k) => ({
      id: deriveId('refi-moment', opts.sourceId, String(k)),
      sessionTime: m.sessionTime,
      offset: at(m.offset),
      label: m.label,
    })),
  };
}

/**
 * Audio and video sources of a REFI-QDA project → Dyad's recordings. What QualCoder, MAXQDA and ATLAS.ti write: a
 * recording by path with one or more Transcripts, each a text with SyncPoints (a time in milliseconds at a place
 * in the text). A transcript is the text of an interview: the text source it repeats (the same file or the same
 * text), or a new interview. Its recording becomes the interview's own (a Dyad file says in dyad.json whether it
 * was a session's recording instead), and its sync points become the turns' interview times.
 */
import type { SnapshotInterview, TimePoint } from '../snapshot/types';
import type { RefiMediaSource, RefiProject, RefiTextSource } from './model';

/** Where a recording's path leads on this machine, and whether a file is there. */
export type ResolveMedia = (path: string, basePath: string | null) => { path: string; found: boolean };

/** A path's file part, for matching a transcript to the text source that names the same file. */
const fileKey = (path: string | null) =>
  path
    ?.trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\\/g, '/')
    .replace(/^sources\//i, '')
    .toLowerCase() || null;

/**
 * Which text source each transcript is the text of (by transcript GUID), and the transcripts that are texts of
 * their own, to import as interviews. A transcript without a text (some tools write only its times) is neither.
 */
export function matchTranscripts(p: RefiProject, textOf: (s: RefiTextSource) => string | null): { matched: Map<string, string>; extra: RefiTextSource[] } {
  const byFile = new Map<string, string>();
  const byText = new Map<string, string>();
  const guids = new Set(p.sources.map((s) => s.guid));
  for (const s of p.sources) {
    const f = fileKey(s.plainTextPath);
    if (f && !byFile.has(f)) byFile.set(f, s.guid);
    const t = textOf(s);
    if (t && !byText.has(t)) byText.set(t, s.guid);
  }
  const matched = new Map<string, string>();
  const extra: RefiTextSource[] = [];
  for (const m of p.mediaSources) {
    for (const t of m.transcripts) {
      const text = textOf(t);
      const same = guids.has(t.guid) ? t.guid : (byFile.get(fileKey(t.plainTextPath) ?? '') ?? (text ? byText.get(text) : undefined));
      if (same) matched.set(t.guid, same);
      else if (text !== null) {
        extra.push({ ...t, name: t.name.trim() || m.name });
        guids.add(t.guid);
        matched.set(t.guid, t.guid);
        byText.set(text, t.guid);
      }
    }
  }
  return { matched, extra };
}

/**
 * Sync points (UTF-16 offsets, seconds) → the turns' times. A point inside a turn's text belongs to that turn; one
 * before a turn's text (on its speaker label, or between two turns) belongs to the turn that follows, at its
 * start. A turn's first point, when it is on the turn's first line, is the turn's own interview time (what its
 * Play button starts from), in place of any time the parser read from the text: the other program aligned it
 * with the recording. Other points are time points inside the turn, as a subtitle cue's would be. Returns how
 * many points fell after the last turn (no turn to give them to).
 */
export function syncPointsToTurns(interview: SnapshotInterview, points: readonly { offset: number; seconds: number }[]): number {
  const turns = [...interview.turns].sort((x, y) => x.start - y.start);
  const sorted = [...points].sort((x, y) => x.offset - y.offset || x.seconds - y.seconds);
  const timed = new Set<string>();
  let unplaced = 0;
  let k = 0;
  for (const p of sorted) {
    while (k < turns.length && turns[k]!.end <= p.offset && !(turns[k]!.end === p.offset && turns[k]!.start === p.offset)) k++;
    const turn = turns[k];
    if (!turn) {
      unplaced++;
      continue;
    }
    const within = Math.max(0, p.offset - turn.start);
    const lineEnd = interview.text.indexOf('\n', turn.start);
    const onFirstLine = lineEnd < 0 || lineEnd >= turn.end || p.offset <= lineEnd;
    const inside: TimePoint[] = turn.timePoints ? [...turn.timePoints] : [];
    if (!timed.has(turn.id) && onFirstLine) {
      timed.add(turn.id);
      turn.interviewTime = p.seconds;
      if (within > 0) inside.push([within, p.seconds]);
    } else if (!inside.some(([o]) => o === within)) inside.push([within, p.seconds]);
    if (inside.length) turn.timePoints = inside.sort((x, y) => x[0] - y[0]);
  }
  return unplaced;
}

/** What a media source is in Dyad's own data (dyad.json): a session's recording or an interview's, by id. */
export function dyadRecordingOf(data: Record<string, unknown> | null | undefined): { session: string } | { interview: string } | null {
  if (!data || data.kind !== 'recording') return null;
  if (typeof data.session === 'string') return { session: data.session };
  if (typeof data.interview === 'string') return { interview: data.interview };
  return null;
}

/** "relative://media/s1.mp4" → its scheme and the rest (a bare path is relative unless absolute). */
export function mediaPathParts(path: string): { scheme: string; rest: string } {
  const m = /^([a-z]{2,}):\/\/(.*)$/i.exec(path.trim());
  if (m) return { scheme: m[1]!.toLowerCase(), rest: m[2]! };
  const rest = path.trim();
  return { scheme: /^([a-z]:[\\/]|[\\/])/i.test(rest) ? 'absolute' : 'relative', rest };
}

export const isInternalMedia = (m: RefiMediaSource) => !!m.path && mediaPathParts(m.path).scheme === 'internal';

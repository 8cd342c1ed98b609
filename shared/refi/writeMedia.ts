/**
 * The study's recordings as REFI-QDA media sources: a session's recording as a VideoSource (or AudioSource, by
 * its extension) with one Transcript per interview of the session, its SyncPoints at the interview's recall
 * moments (session time); an interview's own recording likewise, its SyncPoints at the turns' interview times
 * and the time points inside them.
 *
 * The recording is referenced by path, never copied into the archive: the standard allows `relative://` and
 * absolute paths as well as `internal://`, a session video is gigabytes, and Dyad itself never copies media
 * into a project. Each Transcript names the interview's own text file (`internal://<id>.txt`, the TextSource's
 * file) rather than repeating the text, so a reader sees one text with its codings and the times that go with it.
 */
import type { ProjectSnapshot, SnapshotInterview } from '../snapshot/types';
import { deriveId, guidFor } from './guid';
import { OffsetMap } from './positions';
import { escapeAttr as a } from './xmlText';

const AUDIO_EXTENSIONS = new Set(['.m4a', '.mp3', '.wav', '.ogg', '.oga', '.opus', '.aac', '.flac']);

/** AudioSource for sound-only files, VideoSource for everything else a session may be recorded in. */
const mediaKindOf = (path: string): 'AudioSource' | 'VideoSource' =>
  AUDIO_EXTENSIONS.has(/\.[^./\\]+$/.exec(path)?.[0].toLowerCase() ?? '') ? 'AudioSource' : 'VideoSource';

interface MediaSyncPoint {
  /** UTF-16 offset into the interview's text. */
  offset: number;
  seconds: number;
}

export interface MediaSource {
  guid: string;
  kind: 'AudioSource' | 'VideoSource';
  name: string;
  path: string;
  /** What it is in Dyad, for dyad.json: a session's recording or an interview's own. */
  of: { kind: 'recording'; session: string } | { kind: 'recording'; interview: string };
  transcripts: { interview: SnapshotInterview; points: MediaSyncPoint[] }[];
}

const recordingGuid = (id: string) => deriveId('refi-recording', guidFor(id));

/** Session times in an interview: its recall moments, in text order. */
const sessionPoints = (i: SnapshotInterview): MediaSyncPoint[] =>
  [...i.moments].sort((x, y) => x.offset - y.offset).map((m) => ({ offset: m.offset, seconds: m.sessionTime }));

/** Interview times in an interview: each turn's own, then the time points inside it. */
const interviewPoints = (i: SnapshotInterview): MediaSyncPoint[] =>
  [...i.turns]
    .sort((x, y) => x.start - y.start)
    .flatMap((t) => [
      ...(t.interviewTime === null ? [] : [{ offset: t.start, seconds: t.interviewTime }]),
      ...(t.timePoints ?? []).filter(([o]) => o > 0 || t.interviewTime === null).map(([o, seconds]) => ({ offset: t.start + o, seconds })),
    ]);

/** Every recording of the snapshot whose path `mediaPath` can write, with its transcripts. */
export function mediaSources(s: ProjectSnapshot, mediaPath: (stored: string) => string | null): MediaSource[] {
  const out: MediaSource[] = [];
  for (const d of s.dyads) {
    for (const session of d.sessions) {
      const stored = session.recordingPath?.trim();
      const path = stored ? mediaPath(stored) : null;
      if (!stored || !path) continue;
      const interviews = s.interviews.filter((i) => i.dyad !== null && i.dyad.toLowerCase() === d.name.toLowerCase() && i.session === session.number);
      out.push({
        guid: recordingGuid(session.id),
        kind: mediaKindOf(stored),
        name: `Recording of dyad ${d.name}, session ${session.number}`,
        path,
        of: { kind: 'recording', session: session.id },
        transcripts: interviews.map((interview) => ({ interview, points: sessionPoints(interview) })),
      });
    }
  }
  for (const i of s.interviews) {
    const stored = i.audioPath?.trim();
    const path = stored ? mediaPath(stored) : null;
    if (!stored || !path) continue;
    out.push({
      guid: recordingGuid(i.id),
      kind: mediaKindOf(stored),
      name: `Recording of ${i.sourceName}`,
      path,
      of: { kind: 'recording', interview: i.id },
      transcripts: [{ interview: i, points: interviewPoints(i) }],
    });
  }
  return out;
}

/** One media source as XML. SyncPoint positions are code points, like selections; timeStamps milliseconds. */
export function mediaSourceXml(m: MediaSource): string {
  const parts = [`    <${m.kind} guid="${m.guid}" name="${a(m.name)}" path="${a(m.path)}">\n`];
  for (const { interview: i, points } of m.transcripts) {
    const map = new OffsetMap(i.text);
    const transcript = deriveId('refi-transcript', m.guid, guidFor(i.id));
    parts.push(`      <Transcript guid="${transcript}" name="${a(i.sourceName)}" plainTextPath="internal://${guidFor(i.id)}.txt"`);
    if (!points.length) {
      parts.push('/>\n');
      continue;
    }
    parts.push('>\n');
    points.forEach((p, k) => {
      const position = map.toCodePoint(Math.min(Math.max(p.offset, 0), i.text.length));
      parts.push(`        <SyncPoint guid="${deriveId('refi-sync', transcript, String(k))}" timeStamp="${Math.round(p.seconds * 1000)}" position="${position}"/>\n`);
    });
    parts.push('      </Transcript>\n');
  }
  parts.push(`    </${m.kind}>\n`);
  return parts.join('');
}

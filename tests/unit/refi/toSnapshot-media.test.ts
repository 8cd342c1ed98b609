import { describe, expect, it } from 'vitest';
import { emptyExtras, textFingerprint } from '../../../shared/refi/dyadData';
import { esc, guid, importQde, qde, written } from './qdeProject';

// Recordings of an imported REFI-QDA project (shared/refi/toSnapshot.ts, attachMedia): an audio or video source's
// file becomes the recording of the interview its transcript is the text of, its sync points the turns' times;
// what cannot be attached or placed is said, naming the recording.

const S = (n: number) => guid('50a1ce', n);
const M = (n: number) => guid('3ed1a', n);
const T = (n: number) => guid('7a5c', n);
// Turns: "How was it for you?" 3–22, "It was hard to say." 26–45.
const TEXT = 'T: How was it for you?\nC: It was hard to say.\n';
const textSource = (n: number, text = TEXT, name = `D0${n}`) => `<TextSource guid="${S(n)}" name="${name}"><PlainTextContent>${esc(text)}</PlainTextContent></TextSource>`;
const point = (n: number, ms: number, position: number) => `<SyncPoint guid="${guid('5c', n)}" timeStamp="${ms}" position="${position}"/>`;
const transcript = (n: number, points: string, text: string | null = TEXT, attrs = '') =>
  `<Transcript guid="${written(T(n))}"${attrs}>${text === null ? '' : `<PlainTextContent>${esc(text)}</PlainTextContent>`}${points}</Transcript>`;
const audio = (n: number, path: string | null, inner: string, name = `Recording ${n}`) =>
  `<AudioSource guid="${written(M(n))}" name="${esc(name)}"${path === null ? '' : ` path="${esc(path)}"`}>${inner}</AudioSource>`;
const project = (...sources: string[]) => qde(`<Sources>${sources.join('')}</Sources>`, { basePath: '/study' });
const found = (path: string, basePath: string | null) => ({ path: `${basePath}/${path.replace(/^relative:\/\//, '')}`, found: true });

describe('recordings of an imported REFI-QDA project', () => {
  it('are attached to the interview their transcript repeats, and the sync points time its turns', () => {
    const r = importQde(project(textSource(1), audio(1, 'relative://media/d01.m4a', transcript(1, point(1, 1500, 0) + point(2, 4000, 23) + point(3, 6000, 33)))), { resolveMedia: found });
    expect(r.snapshot.interviews).toHaveLength(1);
    const [i] = r.snapshot.interviews;
    expect(i!.audioPath).toBe('/study/media/d01.m4a');
    expect(i!.turns.map((t) => [t.interviewTime, t.timePoints ?? []])).toEqual([
      [1.5, []],
      [4, [[7, 6]]],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('keep the path as written when nothing says where recordings are on this machine', () => {
    const r = importQde(project(textSource(1), audio(1, 'relative://media/d01.m4a', transcript(1, ''))));
    expect(r.snapshot.interviews[0]!.audioPath).toBe('media/d01.m4a');
  });

  it('whose transcript repeats no text source bring it as an interview of its own, named after the recording', () => {
    const r = importQde(project(audio(1, '/rec/d02.mp3', transcript(1, point(1, 2000, 26), 'T: Hello.\nC: It was hard to say.\n'))));
    expect(r.snapshot.interviews.map((i) => [i.id, i.sourceName, i.audioPath])).toEqual([[T(1), 'Recording 1', '/rec/d02.mp3']]);
    expect(r.snapshot.interviews[0]!.turns[1]!.interviewTime).toBe(2);
  });

  it('that are not where the file says are attached as written, and named (five at most)', () => {
    const missing = (path: string) => ({ path: `/looked/${path}`, found: false });
    const one = importQde(project(textSource(1), audio(1, 'a.mp3', transcript(1, ''))), { resolveMedia: missing });
    expect(one.snapshot.interviews[0]!.audioPath).toBe('/looked/a.mp3');
    expect(one.warnings).toEqual(['study.qdpx: 1 recording is not where the file says: "Recording 1" (looked for /looked/a.mp3). It is attached as written; relink it in the session view.']);
    const six = importQde(project(...[1, 2, 3, 4, 5, 6].map((n) => audio(n, `${n}.mp3`, ''))), { resolveMedia: missing });
    expect(six.warnings).toEqual([
      `study.qdpx: 6 recordings are not where the file says: ${[1, 2, 3, 4, 5].map((n) => `"Recording ${n}" (looked for /looked/${n}.mp3)`).join(', ')}, …. They are attached as written; relink them in the session view.`,
    ]);
    const five = importQde(project(...[1, 2, 3, 4, 5].map((n) => audio(n, `${n}.mp3`, ''))), { resolveMedia: missing });
    expect(five.warnings[0]).not.toContain('…');
    // A recording with no name is named by its GUID.
    expect(importQde(project(audio(1, 'a.mp3', '', ' ')), { resolveMedia: missing }).warnings[0]).toContain(`"${M(1)}" (looked for /looked/a.mp3)`);
  });

  it('stored inside the archive, or naming no file, are not attached, and the import says so', () => {
    const inside = importQde(project(textSource(1), audio(1, 'internal://d01.m4a', transcript(1, point(1, 1500, 0)))));
    expect(inside.snapshot.interviews[0]!.audioPath ?? null).toBeNull();
    expect(inside.snapshot.interviews[0]!.turns[0]!.interviewTime).toBe(1.5);
    expect(inside.warnings).toEqual(['study.qdpx: not imported: 1 recording stored inside the file ("Recording 1"); Dyad attaches recordings from a folder, not from an archive.']);
    const twoInside = importQde(project(audio(1, 'internal://a.m4a', ''), audio(2, 'internal://b.m4a', '')));
    expect(twoInside.warnings).toEqual(['study.qdpx: not imported: 2 recordings stored inside the file ("Recording 1", "Recording 2"); Dyad attaches recordings from a folder, not from an archive.']);
    // More than five are named five at most, as the recordings not found are; five are all named, with no "…".
    expect(importQde(project(...[1, 2, 3, 4, 5].map((n) => audio(n, `internal://${n}.m4a`, '')))).warnings[0]).toContain('"Recording 5"); Dyad');
    const six = importQde(project(...[1, 2, 3, 4, 5, 6].map((n) => audio(n, `internal://${n}.m4a`, ''))));
    expect(six.warnings).toEqual([
      `study.qdpx: not imported: 6 recordings stored inside the file (${[1, 2, 3, 4, 5].map((n) => `"Recording ${n}"`).join(', ')}, …); Dyad attaches recordings from a folder, not from an archive.`,
    ]);
    const noPath = importQde(project(textSource(1), audio(1, null, transcript(1, ''))));
    expect(noPath.snapshot.interviews[0]!.audioPath ?? null).toBeNull();
    expect(noPath.warnings).toEqual(['study.qdpx: 1 audio or video source named no file; its transcripts were read without a recording.']);
    expect(importQde(project(audio(1, null, transcript(1, '', null)), audio(2, null, transcript(2, '', null)))).warnings).toEqual([
      'study.qdpx: 2 audio or video sources named no file; their transcripts were read without a recording.',
    ]);
  });

  it('of the same transcript twice: the interview keeps the first recording and its times, and the import says what was left', () => {
    const r = importQde(project(textSource(1), audio(1, 'a.mp3', transcript(1, point(1, 1500, 0))), audio(2, 'b.mp3', transcript(2, point(2, 9000, 0) + point(3, 9500, 30)))));
    const [i] = r.snapshot.interviews;
    expect(i!.audioPath).toBe('a.mp3');
    expect(i!.turns[0]!.interviewTime).toBe(1.5);
    expect(r.warnings).toEqual(['study.qdpx: 2 sync points of a second recording of the same transcript were not kept; an interview keeps the times of its own recording (the first one).']);
    const one = importQde(project(textSource(1), audio(1, 'a.mp3', transcript(1, point(1, 1500, 0))), audio(2, 'b.mp3', transcript(2, point(2, 9000, 0)))));
    expect(one.warnings).toEqual(['study.qdpx: 1 sync point of a second recording of the same transcript was not kept; an interview keeps the times of its own recording (the first one).']);
    // Two transcripts of one recording repeating the same source: the same timeline, both kept.
    const same = importQde(project(textSource(1), audio(1, 'a.mp3', transcript(1, point(1, 1500, 0)) + transcript(2, point(2, 6000, 33)))));
    expect(same.snapshot.interviews[0]!.turns.map((t) => t.timePoints ?? [])).toEqual([[], [[7, 6]]]);
    expect(same.warnings).toEqual([]);
  });

  it('times of a transcript without speaker turns cannot be kept, and the import says so', () => {
    const plain = 'Field notes without speakers.';
    const r = importQde(project(textSource(1, plain), audio(1, 'a.mp3', transcript(1, point(1, 1000, 0) + point(2, 2000, 5), plain))));
    expect(r.snapshot.interviews[0]!.audioPath).toBe('a.mp3');
    expect(r.warnings).toContain('study.qdpx: 2 sync points of transcripts without speaker turns could not be kept (Dyad keeps times on turns).');
    const one = importQde(project(textSource(1, plain), audio(1, 'a.mp3', transcript(1, point(1, 1000, 0), plain))));
    expect(one.warnings).toContain('study.qdpx: 1 sync point of transcripts without speaker turns could not be kept (Dyad keeps times on turns).');
  });

  it('sync points before the start, past the text, at a negative time or after the last turn are not kept, and counted', () => {
    const r = importQde(
      project(textSource(1), audio(1, 'a.mp3', transcript(1, point(1, 1000, -1) + point(2, 1000, TEXT.length + 1) + point(3, -5, 3) + point(4, 3000, TEXT.length) + point(5, 0, 0)))),
    );
    expect(r.snapshot.interviews[0]!.turns[0]!.interviewTime).toBe(0);
    expect(r.warnings).toEqual(['study.qdpx: 4 sync points fell after the last speaker turn or outside the transcript and were not kept.']);
    const one = importQde(project(textSource(1), audio(1, 'a.mp3', transcript(1, point(1, 1000, -1)))));
    expect(one.warnings).toEqual(['study.qdpx: 1 sync point fell after the last speaker turn or outside the transcript and was not kept.']);
  });

  it('sync points count characters as the file’s selections do: code points, or UTF-16 units in an NVivo file', () => {
    // "🙂" before the second turn: "It was" starts at 28 in UTF-16 units, 27 in code points.
    const text = 'T: 🙂 How was it?\nC: It was hard.\n';
    const at = text.indexOf('It was');
    const cp = importQde(project(textSource(1, text), audio(1, 'a.mp3', transcript(1, point(1, 6000, at - 1 + 3), text))));
    expect(cp.positionUnit).toBe('code-points');
    expect(cp.snapshot.interviews[0]!.turns[1]!.timePoints).toEqual([[3, 6]]);
    const u16 = importQde(project(textSource(1, text), audio(1, 'a.mp3', transcript(1, point(1, 6000, at + 3), text))).replace('QualCoder 3.6', 'NVivo 14'));
    expect(u16.positionUnit).toBe('utf16');
    expect(u16.snapshot.interviews[0]!.turns[1]!.timePoints).toEqual([[3, 6]]);
    // The last position of the text counts in each unit.
    const end = importQde(project(textSource(1, text), audio(1, 'a.mp3', transcript(1, point(1, 9000, text.length - 1), text))));
    expect(end.warnings).toEqual(['study.qdpx: 1 sync point fell after the last speaker turn or outside the transcript and was not kept.']);
  });
});

describe('recordings of a project Dyad exported', () => {
  const extrasFor = (media: Record<string, unknown>, interview?: Record<string, unknown>) => {
    const extras = emptyExtras();
    extras.elements.set(M(1), media);
    if (interview) extras.elements.set(S(1), interview);
    return extras;
  };
  const interviewData = (turns: unknown[]) => ({ kind: 'interview', dyad: 'D01', session: 1, role: 'client', sourceName: 'D01.txt', text: textFingerprint(TEXT), turns, moments: [] });

  it('are a session’s recording again when Dyad says so', () => {
    const r = importQde(project(textSource(1), audio(1, 'session1.mp4', '')), { extras: extrasFor({ kind: 'recording', session: 'sess-1' }, interviewData([])) });
    expect(r.snapshot.dyads).toHaveLength(1);
    // The interview names session 1 of D01, made here with an id of its own: the recording of another session id is not attached to it.
    expect(r.snapshot.dyads[0]!.sessions[0]!.recordingPath ?? null).toBeNull();
    const sessionId = r.snapshot.dyads[0]!.sessions[0]!.id;
    const again = importQde(project(textSource(1), audio(1, 'session1.mp4', transcript(1, point(1, 1000, 0)))), { extras: extrasFor({ kind: 'recording', session: sessionId }, interviewData([])) });
    expect(again.snapshot.dyads[0]!.sessions[0]!.recordingPath).toBe('session1.mp4');
    expect(again.snapshot.interviews[0]!.audioPath ?? null).toBeNull();
    // A session recording naming no file attaches nothing.
    const none = importQde(project(textSource(1), audio(1, null, transcript(1, ''))), { extras: extrasFor({ kind: 'recording', session: sessionId }, interviewData([])) });
    expect(none.snapshot.dyads[0]!.sessions[0]!.recordingPath ?? null).toBeNull();
  });

  it('are an interview’s own recording again, and Dyad’s turn times are not replaced by the sync points', () => {
    const turns = [['t0', 0, 'T', 'interviewer', 3, 22, 1], ['t1', 1, 'C', 'participant', 26, 45, 4]];
    const r = importQde(project(textSource(1), audio(1, 'own.mp3', transcript(1, point(1, 9000, 0)))), { extras: extrasFor({ kind: 'recording', interview: S(1) }, interviewData(turns)) });
    expect(r.snapshot.interviews[0]!.audioPath).toBe('own.mp3');
    expect(r.snapshot.interviews[0]!.turns.map((t) => t.interviewTime)).toEqual([1, 4]);
    expect(importQde(project(textSource(1), audio(1, null, '')), { extras: extrasFor({ kind: 'recording', interview: S(1) }) }).snapshot.interviews[0]!.audioPath ?? null).toBeNull();
    // Dyad's note alone attaches it: a recording with no transcript of the interview is its own all the same.
    expect(importQde(project(textSource(1), audio(1, 'own.mp3', '')), { extras: extrasFor({ kind: 'recording', interview: S(1) }, interviewData(turns)) }).snapshot.interviews[0]!.audioPath).toBe('own.mp3');
    // A note naming an interview the file does not hold attaches nothing, and the import goes on.
    const elsewhere = importQde(project(textSource(1), audio(1, 'other.mp3', '')), { extras: extrasFor({ kind: 'recording', interview: S(9) }, interviewData(turns)) });
    expect(elsewhere.snapshot.interviews.map((i) => i.audioPath ?? null)).toEqual([null]);
    // Turns Dyad wrote keep their times even from the interview's first recording.
    const viaTranscript = importQde(project(textSource(1), audio(1, 'own.mp3', transcript(1, point(1, 9000, 0)))), { extras: extrasFor({ kind: 'other' }, interviewData(turns)) });
    expect(viaTranscript.snapshot.interviews[0]!.audioPath).toBe('own.mp3');
    expect(viaTranscript.snapshot.interviews[0]!.turns.map((t) => t.interviewTime)).toEqual([1, 4]);
    expect(viaTranscript.warnings).toEqual([]);
  });
});

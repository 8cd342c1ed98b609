/**
 * The renderer's pure models (what a cell shows, how find and marks cut the text), checked without a browser.
 * They sit here with the rest of the renderer's tests; they need nothing from Chromium.
 */
import { describe, expect, it } from 'vitest';
import type { Interview, Turn } from '../../../shared/domain/types';
import { findMatches } from '../../../renderer/src/model/find';
import { passageSegments } from '../../../renderer/src/model/passage';
import { splitPieces } from '../../../renderer/src/model/pieces';
import { buildRows } from '../../../renderer/src/model/rows';

/** Builds an interview from "Label: words" paragraphs the way the importer stores them (turn text without label). */
function interview(id: string, paragraphs: string[], markers: string[] = []): Interview {
  const text = paragraphs.join('\n\n');
  const turns: Turn[] = [];
  let at = 0;
  paragraphs.forEach((p) => {
    const m = /^(\w+): /.exec(p);
    if (m) turns.push({ id: `${id}-t${turns.length}`, seq: turns.length, speaker: m[1]!, speakerRole: m[1] === 'I' ? 'interviewer' : 'participant', start: at + m[0].length, end: at + p.length, interviewTime: null });
    at += p.length + 2;
  });
  const moments = markers.map((label, i) => ({ id: `${id}-m${i}`, sessionTime: i * 60, offset: text.indexOf(label), label }));
  return { id, sessionId: 's', role: 'client', sourceName: `${id}.txt`, wordCount: 0, turnCount: turns.length, momentCount: moments.length, audioPath: null, text, turns, moments };
}

const shown = (iv: Interview, start: number, end: number) =>
  passageSegments(iv, start, end).map((s) => `${s.kind === 'turn' ? s.speaker : 'note'}${s.continued ? '…' : ''}|${iv.text.slice(s.start, s.end)}`);

describe('passageSegments: the text of one unit, cut into speaker turns', () => {
  const iv = interview(
    'c',
    ['Header line of the transcript', 'I: [video 00:01:00] Why stop here?', 'C: Because she looked away. It stung.', '[stopped at 02:00]', 'I: And here?', 'C: Better.'],
    ['[video 00:01:00]', '[stopped at 02:00]'],
  );
  const m1 = iv.moments[0]!.offset;
  const m2 = iv.moments[1]!.offset;

  it('shows the header before the first turn as a note, without the next turn’s label', () => {
    expect(shown(iv, 0, m1)).toEqual(['note|Header line of the transcript']);
  });

  it('runs from a marker inside a turn to the next marker, turn by turn', () => {
    expect(shown(iv, m1, m2)).toEqual(['I|[video 00:01:00] Why stop here?', 'C|Because she looked away. It stung.']);
  });

  it('keeps a marker that stands on a line of its own, and the turns after it', () => {
    expect(shown(iv, m2, iv.text.length)).toEqual(['note|[stopped at 02:00]', 'I|And here?', 'C|Better.']);
  });

  it('marks a turn that began in the row above as continued', () => {
    const mid = iv.text.indexOf('It stung.');
    expect(shown(iv, mid, m2)).toEqual(['C…|It stung.']);
  });

  it('shows a transcript without turns as one note', () => {
    const bare = { text: '  just words  ', turns: [], moments: [] };
    expect(passageSegments(bare, 0, bare.text.length).map((s) => bare.text.slice(s.start, s.end))).toEqual(['just words']);
  });
});

describe('splitPieces: every boundary of the marks laid over a stretch', () => {
  it('cuts overlapping marks into pieces that know what covers them', () => {
    expect(
      splitPieces(0, 10, [
        { start: 2, end: 6, kind: 'marker' },
        { start: 4, end: 8, kind: 'find' },
      ]),
    ).toEqual([
      { start: 0, end: 2, kinds: [] },
      { start: 2, end: 4, kinds: ['marker'] },
      { start: 4, end: 6, kinds: ['marker', 'find'] },
      { start: 6, end: 8, kinds: ['find'] },
      { start: 8, end: 10, kinds: [] },
    ]);
  });

  it('ignores marks outside the stretch and clips the ones crossing its ends', () => {
    expect(splitPieces(10, 20, [{ start: 0, end: 5, kind: 'find' }, { start: 18, end: 30, kind: 'marker' }])).toEqual([
      { start: 10, end: 18, kinds: [] },
      { start: 18, end: 20, kinds: ['marker'] },
    ]);
  });
});

describe('findMatches: hits in reading order with exact offsets', () => {
  const client = interview('c', ['I: [video 00:01:00] She?', 'C: She said so. Şhe not.'], ['[video 00:01:00]']);
  const therapist = { ...interview('t', ['I: [video 00:01:05] Then?', 'T: she smiled'], ['[video 00:01:05]']), role: 'therapist' as const };
  const side = (iv: Interview) => ({ unitId: iv.moments[0]!.id, kind: 'moment' as const, interviewId: iv.id, sessionTime: iv.moments[0]!.sessionTime, label: iv.moments[0]!.label, start: iv.moments[0]!.offset, end: iv.text.length });
  const rows = buildRows(
    { toleranceSeconds: 15, clientInterviewId: 'c', therapistInterviewId: 't', links: [], rows: [{ sessionTime: 2.5, client: side(client), therapist: side(therapist), match: 'auto', delta: 5 }] },
    [client, therapist],
  );

  it('finds case-insensitively in both columns, client first, and the offsets slice the hit', () => {
    const hits = findMatches(rows, 'she');
    expect(hits.map((h) => h.side)).toEqual(['client', 'client', 'therapist']);
    for (const h of hits) {
      const text = (h.side === 'client' ? client : therapist).text;
      expect(text.slice(h.start, h.end).toLowerCase()).toBe('she');
    }
  });

  it('treats the query as text, not as a pattern, and finds nothing for blanks', () => {
    expect(findMatches(rows, 'she?')).toHaveLength(1);
    expect(findMatches(rows, '  ')).toEqual([]);
  });
});

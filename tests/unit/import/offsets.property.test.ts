/**
 * Whatever the layout, a turn's [start, end) is exactly the words the speaker said, turns come in order without
 * overlapping, and every recall moment sits at its marker. Transcripts are generated, written out in each
 * layout, parsed, and compared with what was generated.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/import/parse';
import { formatTime } from '../../../shared/import/time';

interface GenTurn {
  speaker: string;
  /** Lines of words, each with its markers already written in. */
  lines: string[];
  markers: { seconds: number; label: string }[];
}

const WORDS = ['we', 'stopped', 'there', 'I', 'felt', 'small', 'really?', 'okay', 'café', 'naïve', '🙂', 'mm-hm', 'so,', 'she', 'said:', 'no', '(laughs)', 'Note:', 'it', '…'];
const SPEAKER_PAIRS: [string, string][] = [
  ['I', 'P'],
  ['Interviewer', 'Client'],
  ['Dr Okafor', 'Zoë Lind'],
  ['Speaker 1', 'Speaker 2'],
  ['R', 'Therapist'],
];
const MARKER_FORMS = [(t: string) => `[video ${t}]`, (t: string) => `(stopped at ${t})`, (t: string) => `{tape ${t}}`, (t: string) => `[session ${t}]`];

const word = fc.constantFrom(...WORDS);
const marker = fc.record({ seconds: fc.integer({ min: 0, max: 7200 }), form: fc.integer({ min: 0, max: MARKER_FORMS.length - 1 }) });
const lineGen = fc.record({
  words: fc.array(word, { minLength: 1, maxLength: 8 }),
  marker: fc.option(fc.record({ at: fc.nat(), m: marker }), { nil: undefined }),
});
const turnGen = fc.array(lineGen, { minLength: 1, maxLength: 3 });
const transcriptGen = fc.record({
  pair: fc.constantFrom(...SPEAKER_PAIRS),
  turns: fc.array(turnGen, { minLength: 2, maxLength: 12 }),
  crlf: fc.boolean(),
  blankBetween: fc.boolean(),
  trailingSpaces: fc.boolean(),
});

type Generated = typeof transcriptGen extends fc.Arbitrary<infer T> ? T : never;

function build(g: Generated): GenTurn[] {
  return g.turns.map((lines, i) => {
    const turn: GenTurn = { speaker: g.pair[i % 2]!, lines: [], markers: [] };
    for (const l of lines) {
      const words = [...l.words];
      if (l.marker) {
        const label = MARKER_FORMS[l.marker.m.form]!(formatTime(l.marker.m.seconds));
        words.splice(l.marker.at % (words.length + 1), 0, label);
        turn.markers.push({ seconds: l.marker.m.seconds, label });
      }
      turn.lines.push(words.join(' '));
    }
    return turn;
  });
}

type Layout = 'plain' | 'bracketed' | 'otter' | 'zoom' | 'teams' | 'srt';

function write(turns: GenTurn[], layout: Layout, g: { crlf: boolean; blankBetween: boolean; trailingSpaces: boolean }): string {
  const out: string[] = [];
  const pad = g.trailingSpaces ? '  ' : '';
  turns.forEach((t, i) => {
    const clock = formatTime(10 + i * 7);
    if (layout === 'plain') out.push(`${t.speaker}: ${t.lines[0]}${pad}`, ...t.lines.slice(1));
    if (layout === 'bracketed') out.push(`[${clock}] ${t.speaker}: ${t.lines[0]}`, ...t.lines.slice(1).map((l) => l + pad));
    if (layout === 'otter') out.push(`${t.speaker}  ${clock}`, ...t.lines, '');
    if (layout === 'zoom' || layout === 'teams' || layout === 'srt') {
      t.lines.forEach((l, k) => {
        const at = 10 + i * 7 + k;
        const stamp = layout === 'srt' ? `${formatTime(at)},000 --> ${formatTime(at + 1)},000` : `${formatTime(at)}.000 --> ${formatTime(at + 1)}.000`;
        const payload = layout === 'teams' ? `<v ${t.speaker}>${l}</v>` : `${t.speaker}: ${l}`;
        out.push(`${i * 10 + k + 1}`, stamp, payload, '');
      });
    }
    if (g.blankBetween && (layout === 'plain' || layout === 'bracketed')) out.push('');
  });
  let text = out.join('\n');
  if (layout === 'zoom' || layout === 'teams') text = `WEBVTT\n\n${text}`;
  return g.crlf ? text.replace(/\n/g, '\r\n') : text;
}

const LAYOUTS: Layout[] = ['plain', 'bracketed', 'otter', 'zoom', 'teams', 'srt'];

describe('turn offsets and moments, in every layout', () => {
  it.each(LAYOUTS)('%s', (layout) => {
    fc.assert(
      fc.property(transcriptGen, (g) => {
        const turns = build(g);
        const p = parseTranscript(write(turns, layout, g), { fileName: `gen.${layout}` });
        const joiner = layout === 'zoom' || layout === 'teams' || layout === 'srt' ? ' ' : '\n';

        expect(p.turns.map((t) => t.speaker)).toEqual(turns.map((t) => t.speaker));
        expect(p.turns.map((t) => p.text.slice(t.start, t.end))).toEqual(turns.map((t) => t.lines.join(joiner)));

        let last = 0;
        for (const t of p.turns) {
          expect(t.start).toBeGreaterThanOrEqual(last);
          expect(t.end).toBeGreaterThan(t.start);
          const s = p.text.slice(t.start, t.end);
          expect(s).toBe(s.trim());
          last = t.end;
        }
        expect(p.text).not.toMatch(/\r|[ \t]\n/);

        const expected = turns.flatMap((t) => t.markers);
        expect(p.moments.map((m) => [m.sessionTime, m.label])).toEqual(expected.map((m) => [m.seconds, m.label]));
        for (const m of p.moments) expect(p.text.slice(m.offset, m.offset + m.label.length)).toBe(m.label);

        const stamped = layout !== 'plain';
        expect(p.turns.every((t) => (t.interviewTime !== null) === stamped)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });
});

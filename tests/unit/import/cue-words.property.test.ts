/**
 * However a subtitle file is written — names on some cues or none, short or impossible timings, cue numbers or
 * not, a missing blank line, a credit cue — every word said in its cues is in the stored text, inside a turn unless
 * it is a service's credit, and the lost-words check stays quiet. Files are generated, parsed, and compared.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTranscript } from '../../../shared/import/parse';

const WORDS = ['we', 'stopped', 'there', 'I', 'felt', 'small', 'really?', 'okay', 'café', 'naïve', 'mm-hm', 'so,', 'she', 'said', 'no', '(laughs)', 'it', '12', 'time'];
const NAMES = ['Interviewer', 'Client', 'Dr Okafor', 'Zoë Lind', 'Speaker 2', 'jane.doe@clinic.example'];

const cueGen = fc.record({
  name: fc.option(fc.constantFrom(...NAMES), { nil: undefined, freq: 2 }),
  words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 9 }),
  lines: fc.integer({ min: 1, max: 2 }),
  timing: fc.constantFrom('long', 'short', 'impossible', 'garbage'),
  numbered: fc.boolean(),
});
const fileGen = fc.record({
  vtt: fc.boolean(),
  cues: fc.array(cueGen, { minLength: 1, maxLength: 14 }),
  glued: fc.boolean(),
  credit: fc.boolean(),
});

function clock(s: number, kind: string): string {
  const h = Math.floor(s / 3600);
  const m = Math.floor(s / 60) % 60;
  const sec = s % 60;
  if (kind === 'short') return `${h}:${m}:${sec}.5`;
  if (kind === 'impossible') return `00:${String(m).padStart(2, '0')}:${60 + (sec % 30)}.000`;
  if (kind === 'garbage') return 'xx:yy';
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}.250`;
}

describe('subtitle files, generated', () => {
  it('keep every word of every cue, and say nothing is lost', () => {
    fc.assert(
      fc.property(fileGen, ({ vtt, cues, glued, credit }) => {
        const blocks = cues.map((c, i) => {
          const t = i * 5;
          // A line that is only a number, right before a timing line, is that cue's number: not generated as words.
          if (/^\d+$/.test(c.words[c.words.length - 1]!)) c.words.push('minutes');
          const words = [...c.words];
          const half = Math.ceil(words.length / 2);
          const payload = c.lines === 2 && words.length > 1 ? [words.slice(0, half).join(' '), words.slice(half).join(' ')] : [words.join(' ')];
          if (c.name) payload[0] = `${c.name}: ${payload[0]}`;
          const timing = `${clock(t, c.timing)} --> ${clock(t + 4, c.timing === 'garbage' ? 'long' : c.timing)}`;
          return [...(c.numbered || !vtt ? [String(i + 1)] : []), vtt ? timing : timing.replace(/\./g, ','), ...payload].join('\n');
        });
        if (credit) blocks.push(`${cues.length + 1}\n${clock(cues.length * 5, 'long')} --> ${clock(cues.length * 5 + 3, 'long')}\nTranscribed by https://otter.ai`);
        const text = (vtt ? 'WEBVTT\n\n' : '') + blocks.join(glued ? '\n' : '\n\n');
        const p = parseTranscript(text, { fileName: vtt ? 'x.vtt' : 'x.srt', format: vtt ? 'vtt' : 'srt' });
        expect(p.warnings.filter((w) => /not in the imported text/.test(w))).toEqual([]);
        // Every cue's words, in order, inside the turns.
        const inTurns = p.turns.map((t) => p.text.slice(t.start, t.end)).join(' ');
        let from = 0;
        for (const c of cues) {
          for (const w of c.words) {
            const at = inTurns.indexOf(w, from);
            expect(at, `"${w}" of ${JSON.stringify(c)} in ${JSON.stringify(inTurns)}`).toBeGreaterThanOrEqual(0);
            from = at + w.length;
          }
        }
        expect(inTurns).not.toContain('otter.ai');
        // Turns in order, not overlapping; time points inside their turn.
        for (let i = 0; i < p.turns.length; i++) {
          const t = p.turns[i]!;
          if (i) expect(t.start).toBeGreaterThanOrEqual(p.turns[i - 1]!.end);
          for (const tp of t.timePoints ?? []) expect(tp.offset >= t.start && tp.offset < t.end).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  }, 30_000);
});

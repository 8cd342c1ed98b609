/**
 * A researcher's pattern cannot hang Dyad: custom marker patterns run in linear time (RE2), so the patterns that
 * make JavaScript's engine backtrack for ever finish at once on the lines that trigger it.
 */
import { describe, expect, it } from 'vitest';
import { DyadError } from '../../../shared/api/errors';
import { compileMarkerPatterns, findSessionMarkers, markerPatternMatchAt, markerPatternProblem } from '../../../shared/import/markers';
import { parseTranscript } from '../../../shared/import/parse';

/** A 15,000-word two-speaker interview with a camera marker every 25 turns. */
function longInterview(): string {
  const words = 'I felt she was not listening and I wanted to say so but I waited a while longer'.split(' ');
  const turns: string[] = [];
  for (let n = 0, t = 0; n < 15_000; t++) {
    const k = 12 + (t % 20);
    const said = Array.from({ length: k }, (_, i) => words[(n + i) % words.length]).join(' ');
    n += k;
    const mark = t % 25 === 3 ? ` [cam 00:${String(10 + (t % 50)).padStart(2, '0')}:00]` : '';
    turns.push(`${t % 2 ? 'C' : 'I'}: ${said}${mark}`);
  }
  return turns.join('\n');
}

describe('marker patterns that backtrack catastrophically in JavaScript', () => {
  const hostileLines = ['a'.repeat(40) + '!', `${'a'.repeat(30)}b`, 'x'.repeat(40)].join('\n');

  it.each(['(a+)+$', '(.*a){20}', '(x|x)*y', '^((a|aa)+)+(\\d+)$'])('%s runs in milliseconds on the lines that hang RegExp', (source) => {
    expect(markerPatternProblem(source)).toBeNull();
    const [pattern] = compileMarkerPatterns([source]);
    const text = `${hostileLines}\n`.repeat(200);
    const t0 = performance.now();
    findSessionMarkers(text, [pattern!], []);
    expect(performance.now() - t0).toBeLessThan(1000); // RegExp: minutes to years
  });

  it('an import with such a pattern saved finishes, and still finds the ordinary markers', () => {
    const text = `I: Go on.\nC: ${'a'.repeat(40)}!\nI: And then? [video 00:02:10]\nC: I went quiet.`;
    const t0 = performance.now();
    const parsed = parseTranscript(text, { fileName: 'hostile.txt', customMarkerPatterns: ['(a+)+$', '\\{tape (\\d+:\\d\\d)\\}'] });
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(parsed.moments.map((m) => m.sessionTime)).toEqual([130]);
  });

  it('custom patterns find the same markers at the same offsets as before (UTF-16 units, case-insensitive, ^ and $ per line)', () => {
    const text = 'C: Héé 😀 there.\nCAM 01:02\nI: {Tape 3:04} ok';
    const custom = compileMarkerPatterns(['^cam (\\d+:\\d\\d)$', '\\{tape (\\d+:\\d\\d)\\}']);
    const found = findSessionMarkers(text, custom, []);
    expect(found.map((m) => [m.label, m.offset, m.sessionTime])).toEqual([
      ['CAM 01:02', text.indexOf('CAM'), 62],
      ['{Tape 3:04}', text.indexOf('{Tape'), 184],
    ]);
    expect(markerPatternMatchAt(custom[1]!, text, text.indexOf('{Tape'))).toBe(text.indexOf('} ok') + 1);
  });

  it('refuses look-behind and back-references when saved, saying why', () => {
    for (const source of ['(?<=cam )(\\d+:\\d\\d)', '(\\d+):\\1']) {
      expect(markerPatternProblem(source)?.kind).toBe('unsupported');
      let error: unknown;
      try {
        compileMarkerPatterns([source]);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(DyadError);
      expect((error as DyadError).message).toMatch(/look-ahead, look-behind or back-references.*cannot hang/);
    }
  });

  it('costs tens of milliseconds per pattern on a 15,000-word interview (printed)', () => {
    const text = longInterview();
    const patterns = ['\\[cam (\\d+:\\d\\d:\\d\\d)\\]', '^\\s*stopped at (\\d+:\\d\\d)$'];
    const t0 = performance.now();
    const parsedPlain = parseTranscript(text, { fileName: 'long.txt' });
    const plain = performance.now() - t0;
    const t1 = performance.now();
    const parsed = parseTranscript(text, { fileName: 'long.txt', customMarkerPatterns: patterns });
    const withCustom = performance.now() - t1;
    expect(parsed.moments.length).toBeGreaterThan(parsedPlain.moments.length);
    console.log(`15,000-word import: ${plain.toFixed(0)} ms without custom patterns, ${withCustom.toFixed(0)} ms with 2 (RE2)`);
  });
});

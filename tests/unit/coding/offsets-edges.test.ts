import { describe, expect, it } from 'vitest';
import { applyEdit, mapCodingSpan, minimiseEdit } from '../../../shared/coding/offsets';

// A correction is shrunk to the characters that change, never to half an emoji. The property test of
// offsets.test.ts draws its emoji from the middle of the surrogate ranges; these are the characters at their edges
// (found unguarded by mutation testing, docs/mutation.md), and the characters just outside them.
// Each: [what, before, after]; the text around is "a" + before + "b" → "a" + after + "b".
const swaps: [string, string, string][] = [
  // The same first half (high surrogate), the second half differs.
  ['first half U+D800', '\u{10000}', '\u{10001}'],
  ['first half U+DBFF', '\u{10FFFF}', '\u{10FFFE}'],
  // The same second half (low surrogate), the first half differs.
  ['second half U+DC00', '\u{10000}', '\u{10400}'],
  ['second half U+DFFF', '\u{103FF}', '\u{107FF}'],
];

describe('a correction of one emoji at the edges of the surrogate ranges', () => {
  it.each(swaps)('replaces the whole emoji (%s), and a coding of the letter beside it keeps its letter', (_, before, after) => {
    const t = `a${before}b`;
    const edit = { start: 0, end: t.length, replacement: `a${after}b` };
    const m = minimiseEdit(t, edit);
    expect(m).toEqual({ start: 1, end: 3, replacement: after });
    expect(applyEdit(t, m)).toBe(edit.replacement);
    // The researcher's codings of "a" and of "b" still hold "a" and "b", and the emoji's coding the new emoji.
    const next = applyEdit(t, m);
    const a = mapCodingSpan({ start: 0, end: 1 }, m)!;
    const b = mapCodingSpan({ start: 3, end: 4 }, m)!;
    const emoji = mapCodingSpan({ start: 1, end: 3 }, m)!;
    expect([next.slice(a.start, a.end), next.slice(b.start, b.end), next.slice(emoji.start, emoji.end)]).toEqual(['a', 'b', after]);
  });

  it('a character beyond the surrogates (U+FB00 "ﬀ") is whole on its own: a correction beside it leaves it out', () => {
    // Before and after the changed letter.
    expect(minimiseEdit('ﬀa', { start: 0, end: 2, replacement: 'ﬀb' })).toEqual({ start: 1, end: 2, replacement: 'b' });
    expect(minimiseEdit('aﬀ', { start: 0, end: 2, replacement: 'bﬀ' })).toEqual({ start: 0, end: 1, replacement: 'b' });
    // A coding of "ﬀ" is not stretched over the correction.
    const m = minimiseEdit('ﬀa', { start: 0, end: 2, replacement: 'ﬀb' });
    expect(mapCodingSpan({ start: 0, end: 1 }, m)).toEqual({ start: 0, end: 1 });
  });

  it('a character just below the surrogates (U+D7FF) is whole on its own too', () => {
    expect(minimiseEdit('\uD7FFa', { start: 0, end: 2, replacement: '\uD7FFb' })).toEqual({ start: 1, end: 2, replacement: 'b' });
    expect(minimiseEdit('a\uD7FF', { start: 0, end: 2, replacement: 'b\uD7FF' })).toEqual({ start: 0, end: 1, replacement: 'b' });
  });
});

// Repeated letters and words next to a correction: the common beginning and the common end must not overlap (found
// unguarded by mutation testing: the property test rarely draws a repeat on both sides of an edit).
describe('a correction beside a repeated letter or word', () => {
  it('removing a doubled word deletes one copy and keeps the other', () => {
    const t = 'I felt so so small.';
    const start = t.indexOf('so so');
    const m = minimiseEdit(t, { start, end: start + 5, replacement: 'so' });
    expect(applyEdit(t, m)).toBe('I felt so small.');
    expect(m).toEqual({ start: start + 2, end: start + 5, replacement: '' });
  });

  it('doubling a letter inserts one letter, inside the replaced range', () => {
    const t = 'a wee bit';
    const m = minimiseEdit(t, { start: 2, end: 3, replacement: 'ww' });
    expect(applyEdit(t, m)).toBe('a wwee bit');
    expect(m).toEqual({ start: 3, end: 3, replacement: 'w' });
    // A coding of "wee" keeps its word and takes in the new letter; one of "bit" is untouched.
    const next = applyEdit(t, m);
    const wee = mapCodingSpan({ start: 2, end: 5 }, m)!;
    const bit = mapCodingSpan({ start: 6, end: 9 }, m)!;
    expect([next.slice(wee.start, wee.end), next.slice(bit.start, bit.end)]).toEqual(['wwee', 'bit']);
  });
});

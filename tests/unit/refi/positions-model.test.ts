import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyEvidence, gatherEvidence, OffsetMap, type UnitEvidence } from '../../../shared/refi/positions';

// REFI-QDA positions checked against a plain per-character model written here, not against shared/text/offsets.ts
// (mutation testing, docs/mutation.md, found the surrogate boundaries and the word test for emoji and 𝐀 unguarded).
// The model reads the text with Array.from, which yields one entry per code point and one per lone surrogate.

/** The UTF-16 offset where each character starts, plus the text's length at the end. */
function starts(text: string): number[] {
  const out = [0];
  for (const ch of Array.from(text)) out.push(out[out.length - 1]! + ch.length);
  return out;
}

const clamp = (n: number, hi: number) => Math.min(Math.max(n, 0), hi);

/** UTF-16 → code points: the characters that begin before the offset (an offset inside a pair passes the pair). */
const modelToCodePoint = (text: string, u: number) => starts(text).filter((s) => s < clamp(u, text.length)).length;
const modelToUtf16 = (text: string, cp: number) => { const s = starts(text); return s[clamp(cp, s.length - 1)]!; };
const modelSplitsPair = (text: string, u: number) => u > 0 && u < text.length && !starts(text).includes(u);

// The code units either side of every surrogate range, paired and alone, so each bound of the ranges is tried.
const edgy = fc.array(
  fc.constantFrom('a', ' ', '\uD7FF', '\uE000', '\u{10000}', '\u{10FFFF}', '🙂', '\uD800', '\uDBFF', '\uDC00', '\uDFFF'),
  { maxLength: 12 },
).map((p) => p.join(''));

describe('OffsetMap against a per-character model', () => {
  it('converts offsets both ways and finds split pairs at every surrogate bound, lone surrogates included', () => {
    fc.assert(
      fc.property(edgy, (t) => {
        const m = new OffsetMap(t);
        expect(m.codePointLength).toBe(Array.from(t).length);
        expect(m.hasAstral).toBe(Array.from(t).some((ch) => ch.length === 2));
        for (let u = -1; u <= t.length + 1; u++) {
          expect(m.toCodePoint(u), `toCodePoint(${u}) in ${JSON.stringify(t)}`).toBe(modelToCodePoint(t, u));
          expect(m.splitsPair(u), `splitsPair(${u}) in ${JSON.stringify(t)}`).toBe(modelSplitsPair(t, u));
        }
        for (let c = -1; c <= m.codePointLength + 1; c++) expect(m.toUtf16(c), `toUtf16(${c}) in ${JSON.stringify(t)}`).toBe(modelToUtf16(t, c));
      }),
      { numRuns: 400 },
    );
  });

  it('pairs at the very bounds of the ranges are one character each; a lone surrogate at the end is its own', () => {
    for (const t of ['\uD800\uDC00', '\uDBFF\uDFFF', '\uD800\uDFFF', '\uDBFF\uDC00']) {
      const m = new OffsetMap(t);
      expect([m.codePointLength, m.toUtf16(1), m.splitsPair(1)], JSON.stringify(t)).toEqual([1, 2, true]);
    }
    for (const t of ['a\uD800', 'a\uDBFF', '\uD7FF\uDC00', '\uDBFF\uE000', '\uDC00\uDFFF']) {
      const m = new OffsetMap(t);
      expect([m.codePointLength, m.hasAstral, m.splitsPair(1)], JSON.stringify(t)).toEqual([2, false, false]);
    }
  });
});

// Evidence, on well-formed text only (a transcript Dyad accepts has no lone surrogates). Letters, digits and
// marks outside the BMP (𝐀, 𝟘, a combining musical stem) are word characters; 🙂 is not. U+10000 (a Linear B
// letter) and U+1D7FF (a digit) are the word characters at the surrogate ranges' bounds: D800 DC00 and D835 DFFF.
const WORD = /^[\p{L}\p{N}\p{M}]$/u;

function modelEvidence(text: string, selections: { start: number; end: number }[]): UnitEvidence {
  const chars = Array.from(text);
  const at = starts(text);
  const e = emptyEvidence();
  if (!chars.some((ch) => ch.length === 2)) return e;
  /** The character covering a UTF-16 index. */
  const charAt = (i: number) => chars[at.findIndex((s, k) => s <= i && i < at[k + 1]!)]!;
  const boundary = (u: number) => u <= 0 || u >= text.length || !(WORD.test(charAt(u - 1)) && WORD.test(charAt(u)));
  for (const { start, end } of selections) {
    const cpOk = start >= 0 && start <= end && end <= chars.length;
    const u16Ok = start >= 0 && start <= end && end <= text.length && at.includes(start) && at.includes(end);
    const cpStart = at[clamp(start, chars.length)]!;
    const cpEnd = at[clamp(end, chars.length)]!;
    if (cpOk && u16Ok && cpStart === start && cpEnd === end) continue;
    e.differing++;
    if (!cpOk) e.invalid['code-points']++;
    if (!u16Ok) e.invalid.utf16++;
    if (cpOk) e.boundaries['code-points'] += Number(boundary(cpStart)) + Number(boundary(cpEnd));
    if (u16Ok) e.boundaries.utf16 += Number(boundary(start)) + Number(boundary(end));
  }
  return e;
}

const wellFormed = fc.array(
  fc.constantFrom('a', 'é', 'e\u0301', ' ', '.', '🙂', '𝐀', '𝟘', '\u{1D165}', '\r\n', '\uD7FF', '\uE000', '\u{10000}', '\u{1D7FF}'),
  { minLength: 1, maxLength: 14 },
).map((p) => p.join(''));

describe('evidence for the unit of positions, against the model', () => {
  it('counts differing, impossible and word-boundary selections as the model does', () => {
    fc.assert(
      fc.property(
        wellFormed.chain((t) => fc.tuple(
          fc.constant(t),
          fc.array(fc.tuple(fc.integer({ min: -1, max: t.length + 1 }), fc.integer({ min: -1, max: t.length + 1 })), { maxLength: 6 }),
        )),
        ([t, pairs]) => {
          const selections = pairs.map(([start, end]) => ({ start, end }));
          const e = emptyEvidence();
          gatherEvidence(new OffsetMap(t), selections, e);
          expect(e, `${JSON.stringify(t)} ${JSON.stringify(selections)}`).toEqual(modelEvidence(t, selections));
        },
      ),
      { numRuns: 600 },
    );
  });

  it('a letter outside the BMP next to a selection edge makes the edge cut a word', () => {
    // "𝐀𝐀 b": UTF-16 𝐀 0–2, 𝐀 2–4, space 4, b 5. Start 2 read as UTF-16 sits between the two letters (cuts a
    // word); read as code points it is UTF-16 4–6, from before the space to the end (two boundaries).
    const e = emptyEvidence();
    gatherEvidence(new OffsetMap('𝐀𝐀 b'), [{ start: 2, end: 4 }], e);
    expect(e).toEqual({ invalid: { 'code-points': 0, utf16: 0 }, boundaries: { 'code-points': 2, utf16: 1 }, differing: 1 });
    // Between two emoji nothing is cut: both readings sit on boundaries.
    const emoji = emptyEvidence();
    gatherEvidence(new OffsetMap('🙂🙂 b'), [{ start: 2, end: 4 }], emoji);
    expect(emoji.boundaries).toEqual({ 'code-points': 2, utf16: 2 });
  });
});

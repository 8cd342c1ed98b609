import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, mapCodingSpan, mapPoint, mapTurnSpans, minimiseEdit, type Span, type TextEdit } from '../../../shared/coding/offsets';
import { isCodePointBoundary } from '../../../shared/text/offsets';

// Small inputs, many of them: the boundary cases (touching, inside, astral characters) come up often.
fc.configureGlobal({ numRuns: 500 });

// Texts mixing ASCII, accents and astral characters (surrogate pairs), and edits that never split a pair.
// 🙂 (D83D DE42) and 𝙂 (D835 DE42) share their second half, 🙂 and 🙃 their first.
const char = fc.constantFrom('a', 'b', ' ', '.', 'é', '\n', '🙂', '🙃', '𝙂', '𝄞');
const text = fc.array(char, { maxLength: 40 }).map((cs) => cs.join(''));
const boundaries = (t: string) => [...Array(t.length + 1).keys()].filter((i) => isCodePointBoundary(t, i));

const textAndEdit = text.chain((t) => {
  const b = boundaries(t);
  return fc.tuple(fc.constantFrom(...b), fc.constantFrom(...b), fc.array(char, { maxLength: 8 }).map((cs) => cs.join(''))).map(([x, y, replacement]) => ({
    t,
    edit: { start: Math.min(x, y), end: Math.max(x, y), replacement } as TextEdit,
  }));
});

const withSpans = textAndEdit.chain(({ t, edit }) => {
  const b = boundaries(t);
  const span = fc
    .tuple(fc.constantFrom(...b), fc.constantFrom(...b))
    .filter(([x, y]) => x !== y)
    .map(([x, y]) => ({ start: Math.min(x, y), end: Math.max(x, y) }));
  return fc.record({ t: fc.constant(t), edit: fc.constant(edit), spans: b.length > 1 ? fc.array(span, { maxLength: 6 }) : fc.constant([] as Span[]) });
});

describe('mapCodingSpan', () => {
  it('keeps the text of every coding the edit does not reach', () => {
    fc.assert(
      fc.property(withSpans, ({ t, edit, spans }) => {
        const next = applyEdit(t, edit);
        for (const s of spans) {
          if (s.end > edit.start && s.start < edit.end) continue; // overlaps the replaced text
          if (edit.start === edit.end && s.start < edit.start && edit.start < s.end) continue; // insertion inside
          const m = mapCodingSpan(s, edit)!;
          expect(next.slice(m.start, m.end)).toBe(t.slice(s.start, s.end));
        }
      }),
    );
  });

  it('a coding around the edit keeps its own text on both sides and takes in the replacement', () => {
    fc.assert(
      fc.property(withSpans, ({ t, edit, spans }) => {
        const next = applyEdit(t, edit);
        for (const s of spans.filter((s) => s.start < edit.start && edit.end < s.end)) {
          const m = mapCodingSpan(s, edit)!;
          expect(next.slice(m.start, m.end)).toBe(t.slice(s.start, edit.start) + edit.replacement + t.slice(edit.end, s.end));
        }
      }),
    );
  });

  it('stays within the new text, never inverts, and is null only for a coding wholly deleted', () => {
    fc.assert(
      fc.property(withSpans, ({ t, edit, spans }) => {
        const next = applyEdit(t, edit);
        for (const s of spans) {
          const m = mapCodingSpan(s, edit);
          const whollyDeleted = edit.replacement === '' && edit.start <= s.start && s.end <= edit.end;
          expect(m === null).toBe(whollyDeleted);
          if (!m) continue;
          expect(0 <= m.start && m.start < m.end && m.end <= next.length).toBe(true);
          expect(isCodePointBoundary(next, m.start) && isCodePointBoundary(next, m.end)).toBe(true);
        }
      }),
    );
  });

  it('preserves the order of starts and of ends', () => {
    fc.assert(
      fc.property(withSpans, ({ edit, spans }) => {
        for (const a of spans)
          for (const b of spans) {
            const ma = mapCodingSpan(a, edit);
            const mb = mapCodingSpan(b, edit);
            if (!ma || !mb) continue;
            if (a.start <= b.start) expect(ma.start).toBeLessThanOrEqual(mb.start);
            if (a.end <= b.end) expect(ma.end).toBeLessThanOrEqual(mb.end);
          }
      }),
    );
  });

  it('follows the documented boundary rules', () => {
    const coding = { start: 10, end: 20 };
    // Insertion at the end does not extend; at the start it shifts.
    expect(mapCodingSpan(coding, { start: 20, end: 20, replacement: 'xyz' })).toEqual({ start: 10, end: 20 });
    expect(mapCodingSpan(coding, { start: 10, end: 10, replacement: 'xyz' })).toEqual({ start: 13, end: 23 });
    // Insertion inside stretches; deletion inside shrinks.
    expect(mapCodingSpan(coding, { start: 15, end: 15, replacement: 'xyz' })).toEqual({ start: 10, end: 23 });
    expect(mapCodingSpan(coding, { start: 12, end: 18, replacement: '' })).toEqual({ start: 10, end: 14 });
    // An edit across one end keeps the coding's own part and takes in the replacement.
    expect(mapCodingSpan(coding, { start: 5, end: 12, replacement: 'ab' })).toEqual({ start: 5, end: 15 });
    expect(mapCodingSpan(coding, { start: 18, end: 25, replacement: 'ab' })).toEqual({ start: 10, end: 20 });
    // Everything deleted: gone. Everything replaced: it covers the replacement.
    expect(mapCodingSpan(coding, { start: 8, end: 22, replacement: '' })).toBeNull();
    expect(mapCodingSpan(coding, { start: 10, end: 20, replacement: 'new' })).toEqual({ start: 10, end: 13 });
    // Before and after.
    expect(mapCodingSpan(coding, { start: 0, end: 4, replacement: '' })).toEqual({ start: 6, end: 16 });
    expect(mapCodingSpan(coding, { start: 25, end: 30, replacement: '' })).toEqual(coding);
  });
});

describe('mapTurnSpans and mapPoint', () => {
  /** Turns as an importer makes them: in order, not overlapping, possibly touching or empty. */
  const turnsOf = (spans: Span[]) => {
    const cuts = [...new Set(spans.flatMap((s) => [s.start, s.end]))].sort((a, b) => a - b);
    return cuts.slice(1).map((end, i) => ({ start: cuts[i]!, end }));
  };

  it('turns stay ordered, apart, within bounds and never invert; text typed at a turn’s edge joins it', () => {
    fc.assert(
      fc.property(withSpans, ({ t, edit, spans }) => {
        const next = applyEdit(t, edit);
        const turns = turnsOf(spans);
        const mapped = mapTurnSpans(turns, edit);
        mapped.forEach((m, i) => {
          expect(0 <= m.start && m.start <= m.end && m.end <= next.length).toBe(true);
          if (i > 0) expect(mapped[i - 1]!.end).toBeLessThanOrEqual(m.start);
        });
        if (edit.start === edit.end && edit.replacement) {
          const at = turns.findIndex((s) => s.end === edit.start || s.start === edit.start);
          if (at >= 0) expect(next.slice(mapped[at]!.start, mapped[at]!.end)).toContain(edit.replacement);
        }
      }),
    );
    const turns = [
      { start: 3, end: 15 },
      { start: 19, end: 30 },
      { start: 30, end: 40 },
    ];
    expect(mapTurnSpans(turns, { start: 15, end: 15, replacement: '.' })).toEqual([
      { start: 3, end: 16 },
      { start: 20, end: 31 },
      { start: 31, end: 41 },
    ]);
    expect(mapTurnSpans(turns, { start: 19, end: 19, replacement: 'Well, ' })[1]).toEqual({ start: 19, end: 36 });
    // Touching turns: the earlier one takes the text.
    expect(mapTurnSpans(turns, { start: 30, end: 30, replacement: 'ab' }).slice(1)).toEqual([
      { start: 19, end: 32 },
      { start: 32, end: 42 },
    ]);
    expect(mapTurnSpans(turns, { start: 0, end: 20, replacement: '' })).toEqual([
      { start: 0, end: 0 },
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ]);
  });

  it('text typed into a turn an earlier correction emptied belongs to that turn', () => {
    const turns = [
      { start: 0, end: 10 },
      { start: 12, end: 25 },
      { start: 27, end: 40 },
    ];
    const emptied = mapTurnSpans(turns, { start: 12, end: 25, replacement: '' });
    expect(emptied).toEqual([
      { start: 0, end: 10 },
      { start: 12, end: 12 },
      { start: 14, end: 27 },
    ]);
    // Typed again: the middle turn has text, the others are where they were (the last one shifted).
    expect(mapTurnSpans(emptied, { start: 12, end: 12, replacement: 'I felt small.' })).toEqual([
      { start: 0, end: 10 },
      { start: 12, end: 25 },
      { start: 27, end: 40 },
    ]);
    // An emptied turn touching the end of the one before it: the earlier turn takes the text, as with any touching turns.
    expect(mapTurnSpans([{ start: 0, end: 10 }, { start: 10, end: 10 }, { start: 12, end: 20 }], { start: 10, end: 10, replacement: 'ab' })).toEqual([
      { start: 0, end: 12 },
      { start: 12, end: 12 },
      { start: 14, end: 22 },
    ]);
    // Two emptied turns at one place: the first takes it.
    expect(mapTurnSpans([{ start: 5, end: 5 }, { start: 5, end: 5 }, { start: 5, end: 9 }], { start: 5, end: 5, replacement: 'ab' })).toEqual([
      { start: 5, end: 7 },
      { start: 7, end: 7 },
      { start: 7, end: 11 },
    ]);
  });

  it('moment markers keep pointing at the same text when the edit is elsewhere', () => {
    fc.assert(
      fc.property(textAndEdit, fc.nat(), ({ t, edit }, n) => {
        const b = boundaries(t);
        const p = b[n % b.length]!;
        const next = applyEdit(t, edit);
        const m = mapPoint(p, edit);
        expect(0 <= m && m <= next.length).toBe(true);
        if (p < edit.start || p >= edit.end) expect(next.slice(m)).toBe(p < edit.start ? next.slice(p) : t.slice(p));
      }),
    );
  });
});

describe('minimiseEdit', () => {
  it('gives the same text, inside the original range, without splitting a character', () => {
    fc.assert(
      fc.property(textAndEdit, ({ t, edit }) => {
        const m = minimiseEdit(t, edit);
        expect(applyEdit(t, m)).toBe(applyEdit(t, edit));
        expect(edit.start <= m.start && m.start <= m.end && m.end <= edit.end).toBe(true);
        expect(isCodePointBoundary(t, m.start) && isCodePointBoundary(t, m.end)).toBe(true);
        expect([...m.replacement].join('')).toBe(m.replacement);
        expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(m.replacement)).toBe(false);
      }),
    );
  });

  it('turns a replacement that adds a comma into an insertion of the comma', () => {
    const t = 'I felt ashamed and then I left';
    const start = t.indexOf('ashamed and');
    expect(minimiseEdit(t, { start, end: start + 'ashamed and'.length, replacement: 'ashamed, and' })).toEqual({
      start: start + 7,
      end: start + 7,
      replacement: ',',
    });
  });

  it('does not cut an emoji when only one of its halves differs', () => {
    const t = 'x🙂y';
    const m = minimiseEdit(t, { start: 0, end: t.length, replacement: 'x🙃y' });
    expect(m).toEqual({ start: 1, end: 3, replacement: '🙃' });
    expect(minimiseEdit(t, { start: 0, end: t.length, replacement: 'x𝙂y' })).toEqual({ start: 1, end: 3, replacement: '𝙂' });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contextAround, readHighlight, snippetOf } from '../../../shared/analysis/passages';
import { isCodePointBoundary } from '../../../shared/text/offsets';

const TEXT = 'I: When she looked away, I felt unseen.\n\nC: Maybe I was angry with her — or with myself 😀 afterwards.';

const wordChar = /[\p{L}\p{N}\p{M}'’_-]/u;
const textArb = fc
  .array(fc.constantFrom('felt', 'unseen', 'she', 'looked', 'away', ' ', ' ', '\n', ',', '.', '😀', 'é', 'x'), { maxLength: 40 })
  .map((p) => p.join(''));

describe('context around an excerpt', () => {
  it('cuts at word boundaries, never inside a word', () => {
    const start = TEXT.indexOf('felt');
    const end = start + 'felt unseen'.length;
    const { before, after } = contextAround(TEXT, start, end, 12);
    expect(before).toBe('away, I ');
    expect(after).toBe('.\n\nC: Maybe');
    expect(contextAround(TEXT, start, end, 8).after).toBe('.\n\nC:');
  });

  it('gives nothing when no context is asked for', () => {
    expect(contextAround(TEXT, 5, 9, 0)).toEqual({ before: '', after: '' });
  });

  it('is always the text right before and right after, within the width, whole words only', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), fc.integer({ min: 1, max: 30 }), (text, a, b, chars) => {
        const start = text.length ? a % (text.length + 1) : 0;
        const end = start + (text.length - start ? b % (text.length - start + 1) : 0);
        const { before, after } = contextAround(text, start, end, chars);
        expect(text.slice(start - before.length, start)).toBe(before);
        expect(text.slice(end, end + after.length)).toBe(after);
        expect(before.length).toBeLessThanOrEqual(chars);
        expect(after.length).toBeLessThanOrEqual(chars);
        const from = start - before.length;
        const to = end + after.length;
        if (before && from > 0) expect(wordChar.test(text[from - 1]!) && wordChar.test(text[from]!)).toBe(false);
        if (after && to < text.length) expect(wordChar.test(text[to - 1]!) && wordChar.test(text[to]!)).toBe(false);
        expect(isCodePointBoundary(text, from) && isCodePointBoundary(text, to)).toBe(true);
      }),
    );
  });
});

describe('FTS5 highlight output', () => {
  it('gives back the passage and where the matches are', () => {
    const r = readHighlight('I \uFDD0felt\uFDD1 \uFDD0unseen\uFDD1.', '\uFDD0', '\uFDD1');
    expect(r).toEqual({ text: 'I felt unseen.', marks: [{ start: 2, end: 6 }, { start: 7, end: 13 }] });
  });

  it('refuses markers that do not pair up (the passage itself contained one)', () => {
    expect(readHighlight('a \uFDD0b', '\uFDD0', '\uFDD1')).toBeNull();
    expect(readHighlight('a \uFDD1b\uFDD0', '\uFDD0', '\uFDD1')).toBeNull();
    expect(readHighlight('\uFDD0a \uFDD0b\uFDD1', '\uFDD0', '\uFDD1')).toBeNull();
  });

  it('round-trips any marking of any text', () => {
    fc.assert(
      fc.property(textArb, fc.array(fc.nat(), { maxLength: 6 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        const marks = [];
        for (let k = 0; k + 1 < points.length; k += 2) if (points[k + 1]! > points[k]!) marks.push({ start: points[k]!, end: points[k + 1]! });
        let marked = '';
        let at = 0;
        for (const m of marks) {
          marked += `${text.slice(at, m.start)}<${text.slice(m.start, m.end)}>`;
          at = m.end;
        }
        marked += text.slice(at);
        const safe = !text.includes('<') && !text.includes('>');
        if (safe) expect(readHighlight(marked, '<', '>')).toEqual({ text, marks });
      }),
    );
  });
});

describe('snippets', () => {
  it('show the match with some words around it, and say where it was cut', () => {
    const passage = 'We talked about the weekend first and then, quite suddenly, she said she felt unseen by me in that moment and I froze.';
    const at = passage.indexOf('felt unseen');
    const s = snippetOf(passage, 1000, [{ start: at, end: at + 11 }], 40);
    expect(s.text).toContain('felt unseen');
    expect(s.text.slice(s.marks[0]!.start, s.marks[0]!.end)).toBe('felt unseen');
    expect(passage.slice(s.start - 1000, s.start - 1000 + s.text.length)).toBe(s.text);
    expect(s.clippedStart).toBe(true);
    expect(s.clippedEnd).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(40);
    expect(/^\S/.test(s.text) && /\S$/.test(s.text)).toBe(true);
  });

  it('keep a short passage whole', () => {
    const s = snippetOf('I felt unseen.', 7, [{ start: 2, end: 6 }], 160);
    expect(s).toEqual({ text: 'I felt unseen.', start: 7, marks: [{ start: 2, end: 6 }], clippedStart: false, clippedEnd: false });
  });

  it('always contain the first match, whole', () => {
    fc.assert(
      fc.property(textArb, fc.nat(), fc.nat(), fc.integer({ min: 20, max: 60 }), (text, a, b, width) => {
        if (!text.trim()) return;
        const start = a % text.length;
        const end = start + 1 + (b % (text.length - start));
        if (!text.slice(start, end).trim() || /^\s|\s$/.test(text.slice(start, end))) return;
        const s = snippetOf(text, 0, [{ start, end }], width);
        expect(s.marks[0]).toBeDefined();
        expect(s.text.slice(s.marks[0]!.start, s.marks[0]!.end)).toBe(text.slice(start, end));
        expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
      }),
    );
  });
});

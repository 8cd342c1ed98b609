import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyEdit, minimiseEdit, type TextEdit } from '../../../shared/coding/offsets';
import { mergeEdits, rebaseEdit } from '../../../shared/labServer/concurrentEdits';

const TEXT = 'I felt small, like a child caught out.';
/** The edit replacing the first occurrence of `words`. */
const edit = (words: string, replacement: string, text = TEXT): TextEdit => {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in the text`);
  return { start, end: start + words.length, replacement };
};

describe('two corrections of the same text made at once', () => {
  it('apart or side by side, both apply as if one came after the other', () => {
    expect(mergeEdits(TEXT, edit('small', 'tiny'), edit('caught out', 'found out'))).toBe('I felt tiny, like a child found out.');
    expect(mergeEdits(TEXT, edit('caught out', 'found out'), edit('small', 'tiny'))).toBe('I felt tiny, like a child found out.');
    expect(mergeEdits(TEXT, edit('small', 'tiny'), edit(',', ' —'))).toBe('I felt tiny — like a child caught out.');
  });

  it('two insertions at one place: the earlier in the server order first', () => {
    const at = TEXT.indexOf('.');
    expect(mergeEdits(TEXT, { start: at, end: at, replacement: ' (pause)' }, { start: at, end: at, replacement: ' [inaudible]' })).toBe(
      'I felt small, like a child caught out (pause) [inaudible].',
    );
  });

  it('overlapping: what either replaced goes, both new wordings stay, in the order their edits start', () => {
    expect(mergeEdits(TEXT, edit('felt small', 'was tiny'), edit('small, like', 'small as'))).toBe('I was tinysmall as a child caught out.');
    expect(mergeEdits(TEXT, edit('small, like', 'small as'), edit('felt small', 'was tiny'))).toBe('I was tinysmall as a child caught out.');
  });

  it('one inside the other: the earlier wording is never removed by an edit that had not seen it', () => {
    expect(mergeEdits(TEXT, edit('small, like a child', 'like a kid'), edit('child', 'toddler'))).toBe('I felt like a kidtoddler caught out.');
    expect(mergeEdits(TEXT, edit('child', 'toddler'), edit('small, like a child', 'like a kid'))).toBe('I felt like a kidtoddler caught out.');
  });

  it('the same correction made twice is made once; emptying around a corrected word leaves the word', () => {
    expect(mergeEdits(TEXT, edit('child', 'kid'), edit('child', 'kid'))).toBe('I felt small, like a kid caught out.');
    expect(mergeEdits(TEXT, edit(TEXT, ''), edit('small', 'tiny'))).toBe('tiny');
    expect(mergeEdits(TEXT, edit('small', 'tiny'), edit(TEXT, ''))).toBe('tiny');
  });

  it('whichever edit a replica applied first, the rebased other one leads to the same text', () => {
    const anEdit = (len: number) =>
      fc
        .tuple(fc.nat({ max: len }), fc.nat({ max: 6 }), fc.constantFrom('', 'x', 'um ', ' (pause)'))
        .map(([s, n, replacement]) => ({ start: s, end: Math.min(len, s + n), replacement }));
    fc.assert(
      fc.property(
        fc.string({ minLength: 0, maxLength: 30 }).chain((text) => fc.tuple(fc.constant(text), anEdit(text.length), anEdit(text.length))),
        ([text, a, b]) => {
          const earlier = minimiseEdit(text, a);
          const later = minimiseEdit(text, b);
          const r = rebaseEdit(text, earlier, later);
          expect(applyEdit(applyEdit(text, earlier), r.laterAfterEarlier)).toBe(r.merged);
          expect(applyEdit(applyEdit(text, later), r.earlierAfterLater)).toBe(r.merged);
          // Both new wordings are in the merged text.
          expect(r.merged).toContain(earlier.replacement);
          expect(r.merged).toContain(later.replacement);
        },
      ),
      { numRuns: 500 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { linesIn, rowHeight, headerWidth } from '../../../electron/export/sheetLayout';
import { parentSections, subCodeOf } from '../../../shared/export/model';
import { combineNearlyTheSame, sameness, widenToWords } from '../../../shared/export/readable';

const TEXT = "C: I couldn't make eye contact with Anna-Maria. I felt 😶 small.";
const cut = (from: string, to: string) => {
  const s = TEXT.indexOf(from);
  return { start: s, end: TEXT.indexOf(to) + to.length };
};
const widened = (from: string, to: string) => {
  const w = widenToWords(TEXT, cut(from, to).start, cut(from, to).end);
  return TEXT.slice(w.start, w.end);
};

describe('a passage cut mid-word, for reading', () => {
  it('is widened to whole words, apostrophes and hyphens inside words included', () => {
    expect(widened('ouldn', 'contac')).toBe("couldn't make eye contact");
    expect(widened("n't", 'Anna-M')).toBe("couldn't make eye contact with Anna-Maria");
  });

  it('is left as it is when it starts and ends between words, and never grows by a whole word', () => {
    expect(widened('make', 'contact')).toBe('make eye contact');
    expect(widened(' make', 'Maria.')).toBe(' make eye contact with Anna-Maria.');
    expect(widened('felt', 'felt ')).toBe('felt ');
  });

  it('never splits an emoji', () => {
    const at = TEXT.indexOf('😶');
    const w = widenToWords(TEXT, at + 1, at + 2);
    expect(TEXT.slice(w.start, w.end)).toBe('😶');
  });
});

describe('nearly the same passage coded by several coders', () => {
  const p = (start: number, end: number, coders: string[]) => ({ interviewId: 'i', start, end, coders });
  const join = (a: ReturnType<typeof p>, b: ReturnType<typeof p>) => p(Math.min(a.start, b.start), Math.max(a.end, b.end), [...a.coders, ...b.coders]);

  it('is one excerpt with both coders', () => {
    expect(sameness(p(0, 100, []), p(5, 100, []))).toBe(0.95);
    expect(combineNearlyTheSame([p(0, 100, ['Ana']), p(5, 102, ['Ben'])], join)).toEqual([p(0, 102, ['Ana', 'Ben'])]);
  });

  it('stays apart when the passages differ more, are one coder’s, or lie in different interviews', () => {
    expect(combineNearlyTheSame([p(0, 100, ['Ana']), p(50, 150, ['Ben'])], join)).toHaveLength(2);
    expect(combineNearlyTheSame([p(0, 100, ['Ana']), p(2, 100, ['Ana'])], join)).toHaveLength(2);
    expect(combineNearlyTheSame([p(0, 100, ['Ana']), { ...p(0, 100, ['Ben']), interviewId: 'j' }], join)).toHaveLength(2);
  });
});

describe('dialogues and sections of parent codes', () => {
  it('names the sub-code an excerpt of a theme carries', () => {
    expect(subCodeOf('Alliance', 'Alliance')).toBeNull();
    expect(subCodeOf('Alliance', 'Alliance/Rupture')).toBe('Rupture');
    expect(subCodeOf('Alliance', 'Alliance; Alliance/Rupture/Withdrawal')).toBe('Rupture/Withdrawal');
  });

  it('knows which codes are headings for the sub-codes that follow', () => {
    expect([...parentSections([{ codePath: 'Alliance' }, { codePath: 'Alliance/Rupture' }, { codePath: 'Shame' }])]).toEqual(['Alliance']);
  });
});

describe('spreadsheet rows', () => {
  it('are as tall as their wrapped text', () => {
    expect(linesIn('short', 60)).toBe(1);
    expect(linesIn('word '.repeat(40).trim(), 30)).toBeGreaterThanOrEqual(7);
    expect(linesIn('one\ntwo\nthree', 60)).toBe(3);
    expect(rowHeight([{ text: 'one\ntwo\nthree', width: 60, wrap: true }])).toBe(48);
    expect(rowHeight([{ text: 'x'.repeat(100_000), width: 10, wrap: true }])).toBe(409);
  });

  it('give headers room for their longest word', () => {
    expect(headerWidth("Krippendorff's alpha", 10)).toBe(17);
    expect(headerWidth('Dyad', 8)).toBe(8);
  });
});
